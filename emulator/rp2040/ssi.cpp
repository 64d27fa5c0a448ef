#include "rp2040/ssi.h"

#include "rp2040/address_map.h"

namespace vpico::rp2040 {

Ssi::Ssi() : Device("XIP_SSI", kXipSsiBase) {
  m_regs.define("CTRLR0", 0x00, 0);
  m_regs.define("CTRLR1", 0x04, 0).field("NDF", 0, 16);
  m_regs.define("SSIENR", 0x08, 0).field("SSI_EN", 0, 1);
  m_regs.define("MWCR", 0x0c, 0).field("MWCR", 0, 3);
  m_regs.define("SER", 0x10, 0).field("SER", 0, 1);
  m_regs.define("BAUDR", 0x14, 0).field("SCKDV", 0, 16);
  m_regs.define("TXFTLR", 0x18, 0).field("TFT", 0, 8);
  m_regs.define("RXFTLR", 0x1c, 0).field("RFT", 0, 8);
  m_regs.define("TXFLR", 0x20, 0).access(Access::RO);
  m_regs.define("RXFLR", 0x24, 0).access(Access::RO);
  // SR: TFNF (1) and TFE (2) set, not busy: an idle controller with empty FIFOs.
  m_regs.define("SR", 0x28, 0x06).access(Access::RO);
  m_regs.define("IMR", 0x2c, 0).field("IMR", 0, 6);
  m_regs.define("ISR", 0x30, 0).access(Access::RO);
  m_regs.define("RISR", 0x34, 0).access(Access::RO);
  for (uint32_t off : {0x38u, 0x3cu, 0x40u, 0x44u, 0x48u})
    m_regs.define("ICR" + std::to_string(off), off, 0).access(Access::RO);
  m_regs.define("DMACR", 0x4c, 0).field("DMACR", 0, 2);
  m_regs.define("DMATDLR", 0x50, 0).field("DMATDL", 0, 8);
  m_regs.define("DMARDLR", 0x54, 0).field("DMARDL", 0, 8);
  m_regs.define("IDR", 0x58, 0x51535049).access(Access::RO);
  m_regs.define("SSI_VERSION_ID", 0x5c, 0x3430312a).access(Access::RO);
  m_regs.define("DR0", 0x60, 0);
  m_regs.define("RX_SAMPLE_DLY", 0xf0, 0).field("RSD", 0, 8);
  m_regs.define("SPI_CTRLR0", 0xf4, 0x03000000);
  m_regs.define("TXD_DRIVE_EDGE", 0xf8, 0).field("TDE", 0, 8);
}

}  // namespace vpico::rp2040
