#include "sio.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

constexpr uint32_t kGpioMask = 0x3fffffff;  // GPIO0..29
constexpr uint32_t kQspiMask = 0x3f;        // QSPI SCLK, SS, SD0..3

class Sio::CoreView : public Device {
 public:
  CoreView(Sio& sio, unsigned core)
      : Device(core ? "SIO(core1)" : "SIO(core0)", kSioBase, kSioSize) {
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
  bool has_atomic_aliases() const override { return false; }
};

Sio::Sio() {
  m_views[0] = std::make_unique<CoreView>(*this, 0);
  m_views[1] = std::make_unique<CoreView>(*this, 1);
}

Sio::~Sio() = default;

Device& Sio::core_view(unsigned core) {
  return *m_views[core];
}

void Sio::reset() {
  m_gpio_out = m_gpio_oe = m_hi_out = m_hi_oe = 0;
  for (auto& v : m_views)
    v->reset();
  if (on_gpio_change) on_gpio_change();
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
