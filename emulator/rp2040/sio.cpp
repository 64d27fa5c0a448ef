#include "sio.h"

#include <string>

#include "rp2040/address_map.h"
#include "scheduler.h"

namespace vpico::rp2040 {

constexpr uint32_t kGpioMask = 0x3fffffff;  // GPIO0..29
constexpr uint32_t kQspiMask = 0x3f;        // QSPI SCLK, SS, SD0..3

// Register offsets (pico-sdk hardware/regs/sio.h).
constexpr uint32_t kFifoSt = 0x050, kFifoWr = 0x054, kFifoRd = 0x058, kSpinlockSt = 0x05c;
constexpr uint32_t kDivUdividend = 0x060, kDivUdivisor = 0x064, kDivSdividend = 0x068,
                   kDivSdivisor = 0x06c, kDivQuotient = 0x070, kDivRemainder = 0x074,
                   kDivCsr = 0x078;
constexpr uint32_t kInterp0 = 0x080, kInterpStride = 0x040;
constexpr uint32_t kSpinlock0 = 0x100;

// One core's window. Registers whose state lives in a part (FIFOs, spinlocks, divider,
// interpolators) are declared with what they read as (on_read: no side effects, so peek() is
// safe for debuggers) plus, where the bus access does more, a `take` (the bus read with its
// effect: FIFO pop, spinlock claim, POP writeback, DIRTY clear) and a `put` (the bus write,
// given the written value itself, as write-1-to-clear bits and FIFO pushes need).
class Sio::CoreView : public Device {
 public:
  CoreView(Sio& sio, unsigned core)
      : Device(core ? "SIO(core1)" : "SIO(core0)", kSioBase, kSioSize) {
    define_gpio(sio, core);
    define_fifos(sio, core);
    define_spinlocks(sio);
    define_divider(sio, core);
    for (unsigned i = 0; i < 2; ++i)
      define_interp(sio.m_interps[core][i], kInterp0 + i * kInterpStride);
  }
  bool has_atomic_aliases() const override { return false; }

  bool read(uint32_t offset, uint32_t& value) override {
    if (offset < kPartSpan && m_take[offset >> 2]) {
      value = m_take[offset >> 2]();
      return true;
    }
    return Device::read(offset, value);
  }
  bool write(uint32_t offset, uint32_t value, uint32_t mask) override {
    if (offset < kPartSpan && m_put[offset >> 2]) {
      m_put[offset >> 2](value);
      return true;
    }
    return Device::write(offset, value, mask);
  }

 private:
  using Take = std::function<uint32_t()>;
  using Put = std::function<void(uint32_t)>;
  static constexpr uint32_t kPartSpan = 0x180;  // the part registers end at SPINLOCK31

  Register& part(const std::string& name, uint32_t offset, uint32_t reset, Register::ReadFn value,
                 Put put = {}, Take take = {}) {
    Register& r = m_regs.define(name, offset, reset);
    r.on_read(std::move(value));
    m_put[offset >> 2] = std::move(put);
    m_take[offset >> 2] = std::move(take);
    return r;
  }

  void define_gpio(Sio& sio, unsigned core) {
    m_regs.define("CPUID", 0x000, core).access(Access::RO);
    m_regs.define("GPIO_IN", 0x004).access(Access::RO).on_read([&sio] {
      return sio.read_gpio_in ? sio.read_gpio_in() & kGpioMask : 0;
    });
    m_regs.define("GPIO_HI_IN", 0x008).access(Access::RO);
    // OUT/OE and their SET/CLR/XOR registers act on the shared state (datasheet 2.3.1.2).
    auto out_reg = [&](const char* name, uint32_t off, auto op, bool hi) {
      m_regs.define(name, off)
          .on_read([&sio, hi] { return hi ? sio.m_hi_out : sio.m_gpio_out; })
          .on_write([&sio, op, hi](uint32_t, uint32_t v) {
            if (hi)
              sio.m_hi_out = op(sio.m_hi_out, v) & kQspiMask;
            else
              sio.set_out(op(sio.m_gpio_out, v) & kGpioMask);
          });
    };
    auto oe_reg = [&](const char* name, uint32_t off, auto op, bool hi) {
      m_regs.define(name, off)
          .on_read([&sio, hi] { return hi ? sio.m_hi_oe : sio.m_gpio_oe; })
          .on_write([&sio, op, hi](uint32_t, uint32_t v) {
            if (hi)
              sio.m_hi_oe = op(sio.m_hi_oe, v) & kQspiMask;
            else
              sio.set_oe(op(sio.m_gpio_oe, v) & kGpioMask);
          });
    };
    auto assign = [](uint32_t, uint32_t v) { return v; };
    auto set = [](uint32_t o, uint32_t v) { return o | v; };
    auto clr = [](uint32_t o, uint32_t v) { return o & ~v; };
    auto xr = [](uint32_t o, uint32_t v) { return o ^ v; };
    out_reg("GPIO_OUT", 0x010, assign, false);
    out_reg("GPIO_OUT_SET", 0x014, set, false);
    out_reg("GPIO_OUT_CLR", 0x018, clr, false);
    out_reg("GPIO_OUT_XOR", 0x01c, xr, false);
    oe_reg("GPIO_OE", 0x020, assign, false);
    oe_reg("GPIO_OE_SET", 0x024, set, false);
    oe_reg("GPIO_OE_CLR", 0x028, clr, false);
    oe_reg("GPIO_OE_XOR", 0x02c, xr, false);
    out_reg("GPIO_HI_OUT", 0x030, assign, true);
    out_reg("GPIO_HI_OUT_SET", 0x034, set, true);
    out_reg("GPIO_HI_OUT_CLR", 0x038, clr, true);
    out_reg("GPIO_HI_OUT_XOR", 0x03c, xr, true);
    oe_reg("GPIO_HI_OE", 0x040, assign, true);
    oe_reg("GPIO_HI_OE_SET", 0x044, set, true);
    oe_reg("GPIO_HI_OE_CLR", 0x048, clr, true);
    oe_reg("GPIO_HI_OE_XOR", 0x04c, xr, true);
  }

  // Datasheet 2.3.1.4. FIFO_ST reset value 0x2: RDY.
  void define_fifos(Sio& sio, unsigned core) {
    SioFifos& f = sio.m_fifos;
    part(
        "FIFO_ST", kFifoSt, SioFifos::kRdy, [&f, core] { return f.status(core); },
        [&sio, &f, core](uint32_t v) {
          f.write_status(core, v);
          sio.update_fifo_irqs();
        })
        .field("VLD", 0, 1, Access::RO)
        .field("RDY", 1, 1, Access::RO)
        .field("WOF", 2, 1, Access::W1C)
        .field("ROE", 3, 1, Access::W1C);
    part(
        "FIFO_WR", kFifoWr, 0, [] { return 0u; },
        [&sio, &f, core](uint32_t v) {
          f.push(core, v);
          sio.update_fifo_irqs();
        })
        .access(Access::WO);
    part(
        "FIFO_RD", kFifoRd, 0, [&f, core] { return f.peek(core); }, {},
        [&sio, &f, core] {
          uint32_t v = f.pop(core);
          sio.update_fifo_irqs();
          return v;
        })
        .access(Access::RO);
  }

  // Datasheet 2.3.1.3: shared by both cores.
  void define_spinlocks(Sio& sio) {
    SioSpinlocks& s = sio.m_spinlocks;
    part("SPINLOCK_ST", kSpinlockSt, 0, [&s] { return s.state(); }).access(Access::RO);
    for (unsigned n = 0; n < SioSpinlocks::kCount; ++n)
      part(
          "SPINLOCK" + std::to_string(n), kSpinlock0 + 4 * n, 0, [&s, n] { return s.peek(n); },
          [&s, n](uint32_t) { s.release(n); }, [&s, n] { return s.claim(n); });
  }

  // Datasheet 2.3.1.5: one divider per core.
  void define_divider(Sio& sio, unsigned core) {
    SioDivider& d = sio.m_dividers[core];
    auto operand = [&](const char* name, uint32_t off, bool divisor, bool is_signed) {
      part(
          name, off, 0, [&d, divisor] { return divisor ? d.divisor() : d.dividend(); },
          [&d, divisor, is_signed](uint32_t v) {
            if (divisor)
              d.write_divisor(v, is_signed);
            else
              d.write_dividend(v, is_signed);
          });
    };
    operand("DIV_UDIVIDEND", kDivUdividend, false, false);
    operand("DIV_UDIVISOR", kDivUdivisor, true, false);
    operand("DIV_SDIVIDEND", kDivSdividend, false, true);
    operand("DIV_SDIVISOR", kDivSdivisor, true, true);
    part(
        "DIV_QUOTIENT", kDivQuotient, 0, [&d] { return d.quotient(); },
        [&d](uint32_t v) { d.write_quotient(v); }, [&d] { return d.read_quotient(); });
    part(
        "DIV_REMAINDER", kDivRemainder, 0, [&d] { return d.remainder(); },
        [&d](uint32_t v) { d.write_remainder(v); }, [&d] { return d.read_remainder(); });
    part("DIV_CSR", kDivCsr, SioDivider::kReady, [&d] { return d.csr(); })
        .field("READY", 0, 1, Access::RO)
        .field("DIRTY", 1, 1, Access::RO);
  }

  // Datasheet 2.3.1.6: two interpolators per core, 0x40 apart.
  void define_interp(SioInterp& in, uint32_t base) {
    const std::string p = "INTERP" + std::to_string(in.index()) + "_";
    for (unsigned n = 0; n < 2; ++n)
      part(
          p + "ACCUM" + std::to_string(n), base + 4 * n, 0, [&in, n] { return in.accum(n); },
          [&in, n](uint32_t v) { in.set_accum(n, v); });
    for (unsigned n = 0; n < 3; ++n)
      part(
          p + "BASE" + std::to_string(n), base + 0x08 + 4 * n, 0, [&in, n] { return in.base(n); },
          [&in, n](uint32_t v) { in.set_base(n, v); });
    static constexpr const char* kResult[] = {"LANE0", "LANE1", "FULL"};
    for (unsigned n = 0; n < 3; ++n) {
      const auto which = SioInterp::Result(n);
      part(
          p + "POP_" + kResult[n], base + 0x14 + 4 * n, 0, [&in, which] { return in.peek(which); },
          {}, [&in, which] { return in.pop(which); })
          .access(Access::RO);
      part(p + "PEEK_" + kResult[n], base + 0x20 + 4 * n, 0, [&in, which] {
        return in.peek(which);
      }).access(Access::RO);
    }
    for (unsigned n = 0; n < 2; ++n) {
      Register& ctrl = part(
          p + "CTRL_LANE" + std::to_string(n), base + 0x2c + 4 * n, 0,
          [&in, n] { return in.ctrl(n); }, [&in, n](uint32_t v) { in.set_ctrl(n, v); });
      ctrl.field("SHIFT", 0, 5)
          .field("MASK_LSB", 5, 5)
          .field("MASK_MSB", 10, 5)
          .field("SIGNED", 15, 1)
          .field("CROSS_INPUT", 16, 1)
          .field("CROSS_RESULT", 17, 1)
          .field("ADD_RAW", 18, 1)
          .field("FORCE_MSB", 19, 2);
      if (n == 0) {
        if (in.index() == 0)
          ctrl.field("BLEND", 21, 1);
        else
          ctrl.field("CLAMP", 22, 1);
        ctrl.field("OVERF0", 23, 1, Access::RO)
            .field("OVERF1", 24, 1, Access::RO)
            .field("OVERF", 25, 1, Access::RO);
      }
    }
    for (unsigned n = 0; n < 2; ++n)
      part(
          p + "ACCUM" + std::to_string(n) + "_ADD", base + 0x34 + 4 * n, 0,
          [&in, n] { return in.shift_mask_value(n); },
          [&in, n](uint32_t v) { in.add_accum(n, v); });
    part(
        p + "BASE_1AND0", base + 0x3c, 0, [] { return 0u; },
        [&in](uint32_t v) { in.set_base_1and0(v); })
        .access(Access::WO);
  }

  std::array<Take, kPartSpan / 4> m_take;
  std::array<Put, kPartSpan / 4> m_put;
};

Sio::Sio() {
  for (unsigned c = 0; c < 2; ++c) {
    m_dividers[c].on_early_read = [this, c](uint64_t cycles) {
      if (on_divider_early_read) on_divider_early_read(c, cycles);
    };
  }
  m_views[0] = std::make_unique<CoreView>(*this, 0);
  m_views[1] = std::make_unique<CoreView>(*this, 1);
}

Sio::~Sio() = default;

void Sio::attach(Scheduler& scheduler, IrqSink& irqs) {
  for (SioDivider& d : m_dividers)
    d.set_clock(&scheduler);
  m_irqs = &irqs;
  for (unsigned c = 0; c < 2; ++c)
    m_irqs->set_irq_level(kSioIrqProc0 + c, m_irq_levels[c]);
}

Device& Sio::core_view(unsigned core) {
  return *m_views[core];
}

void Sio::reset() {
  m_gpio_out = m_gpio_oe = m_hi_out = m_hi_oe = 0;
  m_fifos.reset();
  m_spinlocks.reset();
  for (SioDivider& d : m_dividers)
    d.reset();
  for (auto& core : m_interps)
    for (SioInterp& i : core)
      i.reset();
  for (auto& v : m_views)
    v->reset();
  update_fifo_irqs();
  if (on_gpio_change) on_gpio_change();
}

void Sio::update_fifo_irqs() {
  for (unsigned c = 0; c < 2; ++c) {
    const bool level = m_fifos.irq_level(c);
    if (level == m_irq_levels[c]) continue;
    m_irq_levels[c] = level;
    if (m_irqs) m_irqs->set_irq_level(kSioIrqProc0 + c, level);
  }
}

void Sio::set_out(uint32_t v) {
  if (v == m_gpio_out) return;
  m_gpio_out = v;
  if (on_gpio_change) on_gpio_change();
}

void Sio::set_oe(uint32_t v) {
  if (v == m_gpio_oe) return;
  m_gpio_oe = v;
  if (on_gpio_change) on_gpio_change();
}

}  // namespace vpico::rp2040
