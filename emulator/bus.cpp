#include "bus.h"

#include <algorithm>

#include <fmt/format.h>

namespace vpico {

void Bus::attach(Device& device) {
  auto it = std::lower_bound(m_devices.begin(), m_devices.end(), &device,
                             [](Device* a, Device* b) { return a->base() < b->base(); });
  m_devices.insert(it, &device);
}

Device* Bus::device_at(uint32_t address) const {
  auto it = std::upper_bound(m_devices.begin(), m_devices.end(), address,
                             [](uint32_t a, Device* d) { return a < d->base(); });
  if (it == m_devices.begin()) return nullptr;
  Device* d = *(it - 1);
  return address - d->base() < d->size() ? d : nullptr;
}

namespace {
// RP2040 datasheet 2.1.4: the peripherals' registers are 32 bits wide; a narrow write puts its
// byte or halfword on every lane of the 32-bit bus, and a narrow read picks its lanes.
uint32_t replicate(uint32_t value, unsigned size) {
  if (size == 1) return (value & 0xff) * 0x01010101u;
  if (size == 2) return (value & 0xffff) * 0x00010001u;
  return value;
}
uint32_t lane(uint32_t word, uint32_t address, unsigned size) {
  if (size == 4) return word;
  unsigned shift = (address & 3) * 8;
  return (word >> shift) & (size == 1 ? 0xffu : 0xffffu);
}
}  // namespace

uint32_t Bus::read(uint32_t address, unsigned size) {
  Device* d = device_at(address);
  if (!d) {
    m_diag.unmodelled(false, address, fmt::format("0x{:08x} (no block modelled)", address));
    return 0;
  }
  uint32_t offset = address - d->base();
  if (d->has_atomic_aliases()) offset &= 0xfff;  // reads through an alias read the register
  uint32_t value = 0;
  if (!d->read(offset & ~3u, value)) {
    m_diag.unmodelled(false, address, d->describe(offset));
    return 0;
  }
  return lane(value, address, size);
}

void Bus::write(uint32_t address, unsigned size, uint32_t value) {
  Device* d = device_at(address);
  value = replicate(value, size);
  if (!d) {
    m_diag.unmodelled(true, address, fmt::format("0x{:08x} (no block modelled)", address), value);
    return;
  }
  uint32_t offset = address - d->base();
  bool ok = true;
  if (d->has_atomic_aliases()) {
    uint32_t reg = offset & 0xffc;
    switch ((offset >> 12) & 3) {
      case 0:
        ok = d->write(reg, value, 0xffffffffu);
        break;
      case 1: {  // XOR alias: flips the written bits (datasheet 2.1.2)
        uint32_t cur = 0;
        ok = d->peek(reg, cur) && d->write(reg, cur ^ value, value);
        break;
      }
      case 2:
        ok = d->write(reg, value, value);
        break;  // SET alias
      case 3:
        ok = d->write(reg, 0, value);
        break;  // CLR alias
    }
    offset = reg | (offset & 0x3000);
  } else {
    uint32_t mask = 0xffffffffu;
    if (d->byte_lanes() && size < 4)
      mask = (size == 1 ? 0xffu : 0xffffu) << ((address & 3) * 8);
    ok = d->write(offset & ~3u, value, mask);
  }
  if (!ok) m_diag.unmodelled(true, address, d->describe(offset & 0xfff), value);
}

bool Bus::peek(uint32_t address, uint32_t& value) const {
  Device* d = device_at(address);
  if (!d) return false;
  uint32_t offset = address - d->base();
  if (d->has_atomic_aliases()) offset &= 0xfff;
  return d->peek(offset & ~3u, value);
}

}  // namespace vpico
