// The array module: typed arrays of numbers (MicroPython's typecodes).
#include "runtime.h"

namespace vpy {

extern const RomMap array_members;
const RomMap array_members = {nullptr, 0};

}  // namespace vpy
