#include "register_map.h"

#include <cassert>
#include <cstdio>
#include <cstdlib>

namespace vpico {

Register& Register::field(std::string name, unsigned lsb, unsigned width, Access access) {
  assert(lsb + width <= 32 && width > 0);
  m_fields.push_back(
      Field{std::move(name), static_cast<uint8_t>(lsb), static_cast<uint8_t>(width), access});
  rebuild_masks();
  return *this;
}

Register& Register::access(Access access) {
  m_fields.clear();
  m_fields.push_back(Field{m_name, 0, 32, access});
  rebuild_masks();
  return *this;
}

const Field* Register::find_field(const std::string& name) const {
  for (const Field& f : m_fields)
    if (f.name == name) return &f;
  return nullptr;
}

uint32_t Register::mask_of(Access a) const {
  uint32_t m = 0;
  for (const Field& f : m_fields)
    if (f.access == a) m |= f.mask();
  return m;
}

void Register::rebuild_masks() {
  m_rw = mask_of(Access::RW);
  m_wo = mask_of(Access::WO);
  m_w1c = mask_of(Access::W1C);
  m_sc = mask_of(Access::SC);
  m_rc = mask_of(Access::RC);
  // Reserved bits (no field) read as 0; write-only and self-clearing bits read as 0.
  uint32_t declared = 0;
  for (const Field& f : m_fields)
    declared |= f.mask();
  m_readable = declared & ~(m_wo | m_sc);
}

void Register::write(uint32_t value, uint32_t mask) {
  const uint32_t old = m_value;
  uint32_t next = old;
  const uint32_t store = (m_rw | m_wo | m_sc) & mask;
  next = (next & ~store) | (value & store);
  next &= ~(value & m_w1c & mask);
  m_value = next;
  if (m_write) m_write(old, m_value);
  // Self-clearing bits have done their work in on_write.
  m_value &= ~(m_sc & mask & value);
}

uint32_t Register::read() {
  uint32_t v = peek();
  if (m_rc) m_value &= ~m_rc;
  return v;
}

uint32_t Register::peek() const {
  return (m_read ? m_read() : m_value) & m_readable;
}

Register& RegisterMap::define(std::string name, uint32_t offset, uint32_t reset) {
  assert(offset < 0x1000 && (offset & 3) == 0);
  if (m_index[offset >> 2] >= 0) {
    std::fprintf(stderr, "vpico: register %s redefines offset 0x%03x\n", name.c_str(), offset);
    std::abort();
  }
  m_index[offset >> 2] = static_cast<int16_t>(m_regs.size());
  m_regs.emplace_back(std::move(name), offset, reset);
  return m_regs.back();
}

void RegisterMap::define_array(const std::string& name, uint32_t offset, uint32_t stride,
                               unsigned count, uint32_t reset,
                               const std::function<void(Register&, unsigned)>& setup) {
  for (unsigned i = 0; i < count; ++i) {
    Register& r = define(name + std::to_string(i), offset + i * stride, reset);
    if (setup) setup(r, i);
  }
}

Register& RegisterMap::at(uint32_t offset) {
  Register* r = find(offset);
  assert(r);
  return *r;
}

Register* RegisterMap::by_name(const std::string& name) {
  for (Register& r : m_regs)
    if (r.name() == name) return &r;
  return nullptr;
}

void RegisterMap::reset() {
  for (Register& r : m_regs)
    r.reset();
}

}  // namespace vpico
