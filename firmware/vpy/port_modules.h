// The RP2040 port's builtin modules, included at the top of interpreter/module_table.cpp through
// VPY_PORT_MODULES (CMakeLists.txt): the machine module (machine.cpp).
#pragma once

#include "obj.h"

namespace vpy {
extern const RomMap machine_members;
void machine_init(Value module);
}  // namespace vpy

#define VPY_PORT_MODULE_ENTRIES {Q_machine, &machine_members, machine_init},
