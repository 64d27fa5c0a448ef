// A SIO attached to a scheduler and an IRQ recorder, accessed through the two cores' windows
// the way firmware reaches them.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>

#include "device.h"
#include "rp2040/address_map.h"
#include "rp2040/sio.h"
#include "scheduler.h"

namespace sio_test {

// Offsets (pico-sdk hardware/regs/sio.h).
constexpr uint32_t CPUID = 0x000, GPIO_OUT = 0x010, GPIO_OUT_SET = 0x014;
constexpr uint32_t FIFO_ST = 0x050, FIFO_WR = 0x054, FIFO_RD = 0x058, SPINLOCK_ST = 0x05c;
constexpr uint32_t DIV_UDIVIDEND = 0x060, DIV_UDIVISOR = 0x064, DIV_SDIVIDEND = 0x068,
                   DIV_SDIVISOR = 0x06c, DIV_QUOTIENT = 0x070, DIV_REMAINDER = 0x074,
                   DIV_CSR = 0x078;
constexpr uint32_t SPINLOCK0 = 0x100;
constexpr uint32_t FIFO_ST_VLD = 1, FIFO_ST_RDY = 2, FIFO_ST_WOF = 4, FIFO_ST_ROE = 8;
constexpr uint32_t DIV_CSR_READY = 1, DIV_CSR_DIRTY = 2;

// INTERPn registers, relative to the interpolator's base.
constexpr uint32_t INTERP0 = 0x080, INTERP1 = 0x0c0;
constexpr uint32_t ACCUM0 = 0x00, ACCUM1 = 0x04, BASE0 = 0x08, BASE1 = 0x0c, BASE2 = 0x10,
                   POP_LANE0 = 0x14, POP_LANE1 = 0x18, POP_FULL = 0x1c, PEEK_LANE0 = 0x20,
                   PEEK_LANE1 = 0x24, PEEK_FULL = 0x28, CTRL_LANE0 = 0x2c, CTRL_LANE1 = 0x30,
                   ACCUM0_ADD = 0x34, ACCUM1_ADD = 0x38, BASE_1AND0 = 0x3c;
constexpr uint32_t SIGNED = 1u << 15, CROSS_INPUT = 1u << 16, CROSS_RESULT = 1u << 17,
                   ADD_RAW = 1u << 18, BLEND = 1u << 21, CLAMP = 1u << 22, OVERF0 = 1u << 23,
                   OVERF1 = 1u << 24, OVERF = 1u << 25;
constexpr uint32_t force_msb(uint32_t v) {
  return v << 19;
}
// A CTRL_LANEn value: shift, mask LSB..MSB, and flags.
constexpr uint32_t ctrl(uint32_t shift, uint32_t lsb, uint32_t msb, uint32_t flags = 0) {
  return shift | (lsb << 5) | (msb << 10) | flags;
}

struct IrqRecorder : vpico::IrqSink {
  uint32_t levels = 0;
  void set_irq_level(unsigned irq, bool level) override {
    levels = level ? levels | (1u << irq) : levels & ~(1u << irq);
  }
  bool high(unsigned irq) const { return (levels >> irq) & 1u; }
};

struct SioFixture : ::testing::Test {
  vpico::Scheduler sched;
  IrqRecorder irqs;
  vpico::rp2040::Sio sio;

  SioFixture() {
    sio.attach(sched, irqs);
    sio.reset();
  }
  uint32_t rd(unsigned core, uint32_t offset) {
    uint32_t v = 0;
    EXPECT_TRUE(sio.core_view(core).read(offset, v)) << "offset 0x" << std::hex << offset;
    return v;
  }
  void wr(unsigned core, uint32_t offset, uint32_t value) {
    EXPECT_TRUE(sio.core_view(core).write(offset, value, 0xffffffffu))
        << "offset 0x" << std::hex << offset;
  }
  uint32_t peek(unsigned core, uint32_t offset) {
    uint32_t v = 0;
    EXPECT_TRUE(sio.core_view(core).peek(offset, v)) << "offset 0x" << std::hex << offset;
    return v;
  }
  // Moves virtual time on by `cycles`.
  void advance(uint64_t cycles) { sched.run_until(sched.now() + cycles); }
};

}  // namespace sio_test
