#include "spi_flash.h"

#include "scheduler.h"

namespace vpico {

SpiFlash::SpiFlash(Diagnostics& diag, Scheduler& sched, std::function<uint32_t()> sys_hz,
                   uint32_t size, FlashChipConfig config)
    : m_sched(sched), m_memory(size, 0xff) {
  m_chip = std::make_unique<FlashChip>(diag, sched, std::span<uint8_t>(m_memory), std::move(sys_hz),
                                       config);
}

void SpiFlash::select(bool active) {
  if (active == m_selected) return;
  m_selected = active;
  if (active)
    m_chip->select(m_sched.now());
  else
    m_chip->deselect(m_sched.now());
}

uint16_t SpiFlash::transfer(uint16_t mosi, unsigned bits) {
  if (!m_selected) return 0;
  m_chip->set_time(m_sched.now());
  uint16_t miso = 0;
  for (unsigned i = bits; i-- > 0;) {
    // Standard SPI: the controller drives DI (IO0); the chip answers on DO (IO1).
    const uint8_t io = m_chip->clock(uint8_t((mosi >> i) & 1), 0x1);
    miso = uint16_t((miso << 1) | ((io >> 1) & 1));
  }
  return miso;
}

}  // namespace vpico
