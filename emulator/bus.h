// Bus: routes the cores' MMIO accesses to on-chip blocks by address, decodes the atomic
// XOR/SET/CLR aliases and narrow (8/16-bit) accesses, and reports accesses to registers that are
// not modelled (DESIGN.md "Bus and peripheral models").
#pragma once

#include <cstdint>
#include <vector>

#include "device.h"
#include "diagnostics.h"

namespace vpico {

class Bus {
 public:
  explicit Bus(Diagnostics& diagnostics) : m_diag(diagnostics) {}

  void attach(Device& device);
  Device* device_at(uint32_t address) const;

  uint32_t read(uint32_t address, unsigned size);
  void write(uint32_t address, unsigned size, uint32_t value);
  // Debugger view: no side effects, 32-bit.
  bool peek(uint32_t address, uint32_t& value) const;

  const std::vector<Device*>& devices() const { return m_devices; }

 private:
  Diagnostics& m_diag;
  std::vector<Device*> m_devices;  // sorted by base
};

}  // namespace vpico
