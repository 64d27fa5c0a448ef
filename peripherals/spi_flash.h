// SpiFlash: a W25Q-family serial NOR flash wired to an RP2040 SPI controller (standard SPI:
// DI on IO0, DO on IO1), as the pico-examples' spi_flash example expects on SPI0. The command
// set, timings and IDs are those of vpico's QSPI flash model (emulator/flash_chip.h), which sees
// each SPI frame as 8 SCLK cycles with the controller driving IO0 only.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "flash_chip.h"
#include "spi_target.h"

namespace vpico {

class Diagnostics;
class Scheduler;

class SpiFlash : public SpiTarget {
 public:
  // `size` bytes (a power of two), erased (0xff). `sys_hz` gives clk_sys for the chip's timings.
  SpiFlash(Diagnostics& diag, Scheduler& sched, std::function<uint32_t()> sys_hz,
           uint32_t size = 2 * 1024 * 1024, FlashChipConfig config = {});
  void select(bool active) override;
  uint16_t transfer(uint16_t mosi, unsigned bits) override;
  std::vector<uint8_t>& contents() { return m_memory; }

 private:
  Scheduler& m_sched;
  std::vector<uint8_t> m_memory;
  std::unique_ptr<FlashChip> m_chip;
  bool m_selected = false;
};

}  // namespace vpico
