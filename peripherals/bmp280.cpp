#include "bmp280.h"

#include <algorithm>
#include <cstdlib>

namespace vpico::peripherals {

namespace {
constexpr uint8_t kCalib = 0x88, kId = 0xd0, kReset = 0xe0, kStatus = 0xf3, kCtrlMeas = 0xf4,
                  kConfig = 0xf5, kPressMsb = 0xf7, kTempMsb = 0xfa;
constexpr uint8_t kResetWord = 0xb6;
constexpr uint32_t kSkipped = 0x80000;  // what a skipped measurement leaves (4.3.6, 4.3.7)
constexpr int32_t kRawMax = (1 << 20) - 1;
}  // namespace

Bmp280::Bmp280(uint8_t address) : m_address(address) {
  power_on_reset();
}

void Bmp280::power_on_reset() {
  m_regs.fill(0);
  const uint16_t words[12] = {m_trim.t1,           uint16_t(m_trim.t2), uint16_t(m_trim.t3),
                              m_trim.p1,           uint16_t(m_trim.p2), uint16_t(m_trim.p3),
                              uint16_t(m_trim.p4), uint16_t(m_trim.p5), uint16_t(m_trim.p6),
                              uint16_t(m_trim.p7), uint16_t(m_trim.p8), uint16_t(m_trim.p9)};
  for (unsigned i = 0; i < 12; ++i) {
    m_regs[kCalib + 2 * i] = uint8_t(words[i]);
    m_regs[kCalib + 2 * i + 1] = uint8_t(words[i] >> 8);
  }
  m_regs[kId] = kChipId;
  store_raw(kPressMsb, kSkipped, 5);
  store_raw(kTempMsb, kSkipped, 5);
}

void Bmp280::set_temperature_centi(int32_t centi_celsius) {
  m_temperature = std::clamp(centi_celsius, kMinTemperature, kMaxTemperature);
  if ((m_regs[kCtrlMeas] & 3) == 3) measure();
}

void Bmp280::set_pressure_pa(uint32_t pascal) {
  m_pressure = std::clamp(pascal, kMinPressure, kMaxPressure);
  if ((m_regs[kCtrlMeas] & 3) == 3) measure();
}

int32_t Bmp280::compensate_temperature(int32_t adc_t, const Trimming& trim, int32_t& t_fine) {
  // 64-bit intermediates: the same results as the datasheet's 32-bit code wherever that code
  // does not overflow, and no undefined behaviour where it would.
  const int64_t t1 = trim.t1, t2 = trim.t2, t3 = trim.t3;
  const int64_t a = ((int64_t(adc_t) >> 3) - (t1 << 1)) * t2 >> 11;
  const int64_t d = (int64_t(adc_t) >> 4) - t1;
  const int64_t b = ((d * d) >> 12) * t3 >> 14;
  t_fine = int32_t(a + b);
  return (t_fine * 5 + 128) >> 8;
}

uint32_t Bmp280::compensate_pressure(int32_t adc_p, int32_t t_fine, const Trimming& trim) {
  int32_t v1 = (t_fine >> 1) - 64000;
  int32_t v2 = (((v1 >> 2) * (v1 >> 2)) >> 11) * int32_t(trim.p6);
  v2 += (v1 * int32_t(trim.p5)) * 2;
  v2 = (v2 >> 2) + int32_t(trim.p4) * 65536;
  v1 = (((trim.p3 * (((v1 >> 2) * (v1 >> 2)) >> 13)) >> 3) + ((int32_t(trim.p2) * v1) >> 1)) >> 18;
  v1 = ((32768 + v1) * int32_t(trim.p1)) >> 15;
  if (v1 == 0) return 0;  // the datasheet's guard against dividing by zero
  uint32_t p = (uint32_t(1048576 - adc_p) - uint32_t(v2 >> 12)) * 3125u;
  if (p < 0x80000000u)
    p = (p << 1) / uint32_t(v1);
  else
    p = (p / uint32_t(v1)) * 2;
  v1 = (int32_t(trim.p9) * int32_t(((p >> 3) * (p >> 3)) >> 13)) >> 12;
  v2 = (int32_t(p >> 2) * int32_t(trim.p8)) >> 13;
  return uint32_t(int32_t(p) + ((v1 + v2 + trim.p7) >> 4));
}

void Bmp280::store_raw(uint8_t msb_reg, uint32_t raw20, unsigned osrs) {
  // Resolution 16 bits at x1 up to 20 bits at x16 (3.3.1, 3.3.2): the low bits read 0.
  const unsigned bits = 15 + std::min(osrs, 5u);
  const uint32_t drop = 20 - bits;
  raw20 = std::min<uint32_t>(uint32_t(kRawMax), ((raw20 + ((1u << drop) >> 1)) >> drop) << drop);
  m_regs[msb_reg] = uint8_t(raw20 >> 12);
  m_regs[msb_reg + 1] = uint8_t(raw20 >> 4);
  m_regs[msb_reg + 2] = uint8_t((raw20 & 0xf) << 4);
}

void Bmp280::measure() {
  const unsigned osrs_t = m_regs[kCtrlMeas] >> 5, osrs_p = (m_regs[kCtrlMeas] >> 2) & 7;
  // Temperature rises with adc_T: the first raw value at or above the target, or the one below.
  int32_t lo = 0, hi = kRawMax, t_fine = 0;
  while (lo < hi) {
    const int32_t mid = lo + (hi - lo) / 2;
    if (compensate_temperature(mid, m_trim, t_fine) < m_temperature)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo > 0 && std::abs(compensate_temperature(lo - 1, m_trim, t_fine) - m_temperature) <
                    std::abs(compensate_temperature(lo, m_trim, t_fine) - m_temperature))
    --lo;
  const int32_t adc_t = lo;
  compensate_temperature(adc_t, m_trim, t_fine);
  store_raw(kTempMsb, osrs_t ? uint32_t(adc_t) : kSkipped, osrs_t);

  // Pressure falls as adc_P rises.
  const int64_t want = m_pressure;
  lo = 0;
  hi = kRawMax;
  while (lo < hi) {
    const int32_t mid = lo + (hi - lo) / 2;
    if (int64_t(compensate_pressure(mid, t_fine, m_trim)) > want)
      lo = mid + 1;
    else
      hi = mid;
  }
  auto error = [&](int32_t adc) {
    return std::abs(int64_t(compensate_pressure(adc, t_fine, m_trim)) - want);
  };
  if (lo > 0 && error(lo - 1) < error(lo)) --lo;
  store_raw(kPressMsb, osrs_p ? uint32_t(lo) : kSkipped, osrs_p);
}

bool Bmp280::start(uint8_t address, bool read) {
  m_addressed = address == m_address;
  if (!m_addressed) return false;
  if (!read) m_expect_register = true;
  if ((m_regs[kCtrlMeas] & 3) == 3) measure();  // normal mode: values stay current
  return true;
}

bool Bmp280::write_byte(uint8_t byte) {
  if (!m_addressed) return false;
  if (m_expect_register) {
    m_pointer = byte;
    m_expect_register = false;
    return true;
  }
  m_expect_register = true;  // pairs of register address and data follow (5.2.1)
  switch (m_pointer) {
    case kReset:
      if (byte == kResetWord) power_on_reset();
      break;
    case kCtrlMeas:
      m_regs[kCtrlMeas] = byte;
      if (byte & 3) measure();
      if ((byte & 3) == 1 || (byte & 3) == 2)
        m_regs[kCtrlMeas] = byte & ~3u;  // forced: back to sleep
      break;
    case kConfig:
      m_regs[kConfig] = byte & ~2u;  // bit 1 is reserved
      break;
    default:
      break;  // read-only or reserved: ignored
  }
  return true;
}

uint8_t Bmp280::read_byte(bool) {
  if (!m_addressed) return 0xff;
  const uint8_t v = m_pointer == kStatus ? 0 : m_regs[m_pointer];
  ++m_pointer;
  return v;
}

void Bmp280::stop() {
  m_addressed = false;
  m_expect_register = true;
}

}  // namespace vpico::peripherals
