// Registers declared as data (STYLE.md, after Renode's register DSL): each register has a name,
// an offset, a reset value and fields with an access kind; behaviour hangs off the register as
// read/write callbacks. The declared map gives traces and diagnostics register names for free.
//
//   regs.define("UARTCR", 0x030, 0x300)
//       .field("UARTEN", 0, 1).field("TXE", 8, 1).field("RXE", 9, 1)
//       .on_write([this](uint32_t old, uint32_t now) { ... });
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

namespace vpico {

enum class Access : uint8_t {
  RW,   // read/write
  RO,   // read-only: writes ignored
  WO,   // write-only: reads as 0
  W1C,  // write 1 to clear
  RC,   // read-only, cleared by a (non-debug) read
  SC,   // self-clearing: a written 1 triggers on_write, then the bit reads back 0
};

struct Field {
  std::string name;
  uint8_t lsb;
  uint8_t width;
  Access access;
  uint32_t mask() const { return (width >= 32 ? 0xffffffffu : ((1u << width) - 1u)) << lsb; }
};

class Register {
 public:
  using ReadFn = std::function<uint32_t()>;
  using WriteFn = std::function<void(uint32_t old_value, uint32_t new_value)>;

  Register(std::string name, uint32_t offset, uint32_t reset)
      : m_name(std::move(name)), m_offset(offset), m_reset(reset), m_value(reset) {}

  // Declares a field. A register with no fields is one 32-bit RW field.
  Register& field(std::string name, unsigned lsb, unsigned width, Access access = Access::RW);
  // A register whose every bit has one access kind (e.g. a read-only status word).
  Register& access(Access access);
  // Computes the value a read returns (instead of the stored value).
  Register& on_read(ReadFn fn) {
    m_read = std::move(fn);
    return *this;
  }
  // Called after a write has been applied to the stored value (field access rules honoured).
  Register& on_write(WriteFn fn) {
    m_write = std::move(fn);
    return *this;
  }

  // Bus write of `value` to the bits in `mask` (the atomic SET/CLR/XOR aliases write subsets).
  void write(uint32_t value, uint32_t mask = 0xffffffffu);
  // Bus read, with side effects (RC fields clear).
  uint32_t read();
  // Read without side effects (debugger, traces, tests).
  uint32_t peek() const;

  // Stored value; devices update status bits through set().
  uint32_t value() const { return m_value; }
  void set(uint32_t value) { m_value = value; }
  void set_bits(uint32_t mask, bool on) { m_value = on ? (m_value | mask) : (m_value & ~mask); }
  void reset() { m_value = m_reset; }

  const std::string& name() const { return m_name; }
  uint32_t offset() const { return m_offset; }
  uint32_t reset_value() const { return m_reset; }
  const std::vector<Field>& fields() const { return m_fields; }
  const Field* find_field(const std::string& name) const;

 private:
  uint32_t mask_of(Access a) const;
  void rebuild_masks();

  std::string m_name;
  uint32_t m_offset;
  uint32_t m_reset;
  uint32_t m_value;
  std::vector<Field> m_fields;
  ReadFn m_read;
  WriteFn m_write;
  // Bit masks per access kind, derived from m_fields.
  uint32_t m_rw = 0xffffffffu, m_wo = 0, m_w1c = 0, m_sc = 0, m_rc = 0, m_readable = 0xffffffffu;
};

// A block's registers, addressed by offset within its 4 KiB window.
class RegisterMap {
 public:
  RegisterMap() { m_index.fill(-1); }
  RegisterMap(const RegisterMap&) = delete;
  RegisterMap& operator=(const RegisterMap&) = delete;

  Register& define(std::string name, uint32_t offset, uint32_t reset = 0);
  // Declares `count` registers NAME0..NAMEn-1 at offset + i*stride; returns the first index.
  void define_array(const std::string& name, uint32_t offset, uint32_t stride, unsigned count,
                    uint32_t reset, const std::function<void(Register&, unsigned)>& setup = {});

  Register* find(uint32_t offset) {
    if (offset >= 0x1000 || (offset & 3)) return nullptr;
    int i = m_index[offset >> 2];
    return i < 0 ? nullptr : &m_regs[static_cast<size_t>(i)];
  }
  const Register* find(uint32_t offset) const {
    return const_cast<RegisterMap*>(this)->find(offset);
  }
  Register& at(uint32_t offset);  // must exist
  const Register& at(uint32_t offset) const { return const_cast<RegisterMap*>(this)->at(offset); }
  Register* by_name(const std::string& name);
  void reset();
  std::deque<Register>& all() { return m_regs; }

 private:
  std::deque<Register> m_regs;  // deque: references stay valid as the map grows
  std::array<int16_t, 1024> m_index;
};

}  // namespace vpico
