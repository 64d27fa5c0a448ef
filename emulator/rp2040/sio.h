// SIO, the single-cycle I/O block (datasheet 2.3.1). Each core sees its own SIO window at
// 0xd0000000 (no atomic aliases): CPUID differs per core; the GPIO registers, the spinlocks
// and the two inter-core FIFOs are shared state; each core has its own divider and its own
// two interpolators. This file is the register window; the parts live beside it:
// sio_fifo.h (FIFO_ST/WR/RD and SIO_IRQ_PROC0/1), sio_spinlocks.h, sio_divider.h,
// sio_interp.h. Not modelled: GPIO_HI_IN (reads 0).
//
// Wiring (the machine): attach() gives the block the scheduler (divider timing) and the IRQ
// sink (SIO_IRQ_PROC0 = 15, SIO_IRQ_PROC1 = 16; datasheet 2.3.1.4: each is the OR of VLD, WOF
// and ROE in that core's FIFO_ST). A FIFO write is not itself a WFE wake-up event (datasheet
// 2.4.2.8.2: the other core's SEV and exceptions are); software follows the write with a SEV,
// which the cores' block decoder sees.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <memory>

#include "device.h"
#include "rp2040/sio_divider.h"
#include "rp2040/sio_fifo.h"
#include "rp2040/sio_interp.h"
#include "rp2040/sio_spinlocks.h"

namespace vpico {
class Scheduler;
}

namespace vpico::rp2040 {

class Sio {
 public:
  Sio();
  ~Sio();
  // Connects time and interrupts; until called, the divider is always READY and the FIFO
  // interrupt lines go nowhere.
  void attach(Scheduler& scheduler, IrqSink& irqs);
  // The register window core `core` sees (offsets 0x000-0xfff, no atomic aliases).
  Device& core_view(unsigned core);
  void reset();

  uint32_t gpio_out() const { return m_gpio_out; }
  uint32_t gpio_oe() const { return m_gpio_oe; }
  // GPIO_IN reads the pads through this (set by the machine).
  std::function<uint32_t()> read_gpio_in;
  std::function<void()> on_gpio_change;
  // An event for core `core`, as if the other core had executed SEV (see above).
  // A divider result read by core `core` before READY (see sio_divider.h).
  std::function<void(unsigned core, uint64_t cycles_early)> on_divider_early_read;

  // The parts, for tests, the debugger and the GUI.
  SioFifos& fifos() { return m_fifos; }
  SioSpinlocks& spinlocks() { return m_spinlocks; }
  SioDivider& divider(unsigned core) { return m_dividers[core]; }
  SioInterp& interp(unsigned core, unsigned index) { return m_interps[core][index]; }

 private:
  class CoreView;
  void set_out(uint32_t v);
  void set_oe(uint32_t v);
  void update_fifo_irqs();

  uint32_t m_gpio_out = 0, m_gpio_oe = 0, m_hi_out = 0, m_hi_oe = 0;
  SioFifos m_fifos;
  SioSpinlocks m_spinlocks;
  std::array<SioDivider, 2> m_dividers;
  std::array<std::array<SioInterp, 2>, 2> m_interps{
      {{SioInterp(0), SioInterp(1)}, {SioInterp(0), SioInterp(1)}}};
  IrqSink* m_irqs = nullptr;
  std::array<bool, 2> m_irq_levels{};
  std::array<std::unique_ptr<CoreView>, 2> m_views;
};

}  // namespace vpico::rp2040
