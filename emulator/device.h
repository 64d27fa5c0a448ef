// Device: an on-chip block on the bus (DESIGN.md "The seams"). It declares its registers as data
// (register_map.h), knows the scheduler and its interrupt lines, and nothing of parts or screens.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "register_map.h"

namespace vpico {

class Scheduler;

// Interrupt lines into both cores' NVICs (RP2040 datasheet 2.3.2: every IRQ goes to both cores).
class IrqSink {
 public:
  virtual ~IrqSink() = default;
  virtual void set_irq_level(unsigned irq, bool level) = 0;
  // A line into one core's NVIC only (IO_IRQ_BANK0 is per processor: datasheet 2.19.3).
  virtual void set_core_irq_level(unsigned core, unsigned irq, bool level) {
    (void)core;
    set_irq_level(irq, level);
  }
};

// Data request lines into the DMA (RP2040 datasheet 2.5.3.1; numbers in rp2040::Dreq). A block
// raises its line while it can take (TX) or give (RX) data and lowers it when it cannot; the DMA
// paces a channel on the level it last saw. A block calls this whenever the level may have
// changed (calling it again with the same level is harmless).
class DreqSink {
 public:
  virtual ~DreqSink() = default;
  virtual void set_dreq_level(unsigned dreq, bool level) = 0;
};

class Device {
 public:
  Device(std::string name, uint32_t base, uint32_t size = 0x4000)
      : m_name(std::move(name)), m_base(base), m_size(size) {}
  virtual ~Device() = default;
  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  virtual void reset() { m_regs.reset(); }

  // Bus accesses with the offset inside the block (the atomic alias already decoded by the bus
  // when has_atomic_aliases()). Return false when nothing is modelled at that offset.
  virtual bool read(uint32_t offset, uint32_t& value) {
    Register* r = m_regs.find(offset);
    if (!r) return false;
    value = r->read();
    return true;
  }
  virtual bool write(uint32_t offset, uint32_t value, uint32_t mask) {
    Register* r = m_regs.find(offset);
    if (!r) return false;
    r->write(value, mask);
    return true;
  }
  // Side-effect-free read for debuggers and the XOR alias.
  virtual bool peek(uint32_t offset, uint32_t& value) {
    Register* r = m_regs.find(offset);
    if (!r) return false;
    value = r->peek();
    return true;
  }
  // APB and AHB-lite blocks have XOR/SET/CLR aliases at +0x1000/+0x2000/+0x3000 (datasheet 2.1.2).
  virtual bool has_atomic_aliases() const { return true; }
  // Memory-like blocks (USB DPRAM): a narrow write changes only its own bytes (the bus passes
  // their lane mask) instead of the register's whole word (datasheet 2.1.4).
  virtual bool byte_lanes() const { return false; }

  const std::string& name() const { return m_name; }
  uint32_t base() const { return m_base; }
  uint32_t size() const { return m_size; }
  RegisterMap& regs() { return m_regs; }
  // "UART0.UARTDR" or "UART0+0x0f0".
  std::string describe(uint32_t offset) {
    if (Register* r = m_regs.find(offset & 0xffc)) return m_name + "." + r->name();
    char buf[16];
    snprintf(buf, sizeof buf, "+0x%03x", offset);
    return m_name + buf;
  }

 protected:
  RegisterMap m_regs;

 private:
  std::string m_name;
  uint32_t m_base;
  uint32_t m_size;
};

}  // namespace vpico
