// CRC-32/MPEG-2 (poly 0x04c11db7, init 0xffffffff, no reflection, no final xor): the checksum
// the RP2040 boot ROM checks over the first 252 bytes of boot2 (datasheet 2.8.1.3.1).
#pragma once

#include <cstdint>
#include <span>

namespace vpico {

inline uint32_t crc32_mpeg2(std::span<const uint8_t> data) {
  uint32_t crc = 0xffffffffu;
  for (uint8_t b : data) {
    crc ^= uint32_t(b) << 24;
    for (int i = 0; i < 8; ++i)
      crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
  }
  return crc;
}

}  // namespace vpico
