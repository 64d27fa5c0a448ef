// The W25Q16JV model on its own, clocked bit by bit as a standard-SPI controller would.
#include "flash_chip.h"

#include <gtest/gtest.h>

#include <vector>

#include "diagnostics.h"
#include "scheduler.h"

using namespace vpico;

namespace {

struct Bench {
  explicit Bench(size_t size = 2 * 1024 * 1024, FlashChipConfig cfg = {})
      : mem(size, 0xff),
        chip(
            diag, sched, mem, [this] { return hz; }, cfg) {
    chip.code_changed = [this](uint32_t off, uint32_t len) { changed.emplace_back(off, len); };
  }
  Diagnostics diag;
  Scheduler sched;
  uint32_t hz = 125'000'000;
  std::vector<uint8_t> mem;
  FlashChip chip;
  std::vector<std::pair<uint32_t, uint32_t>> changed;

  // One CS# low period in standard SPI: bytes out on IO0, bytes in from IO1.
  std::vector<uint8_t> xfer(const std::vector<uint8_t>& tx) {
    std::vector<uint8_t> rx;
    chip.select(sched.now());
    for (uint8_t b : tx) {
      uint8_t in = 0;
      for (int bit = 7; bit >= 0; --bit)
        in = uint8_t((in << 1) | ((chip.clock((b >> bit) & 1, 0x1) >> 1) & 1));
      rx.push_back(in);
    }
    chip.deselect(sched.now());
    return rx;
  }
  void tick(uint64_t n) { sched.run_until(sched.now() + n); }
};

}  // namespace

TEST(FlashChip, JedecCapacityFollowsTheArraySize) {
  Bench b(16 * 1024 * 1024);
  EXPECT_EQ(b.xfer({0x9f, 0, 0, 0})[3], 0x18u);  // 2^24 bytes
}

TEST(FlashChip, PageProgramKeepsTheLast256Bytes) {
  Bench b;
  b.xfer({0x06});
  std::vector<uint8_t> tx = {0x02, 0x00, 0x01, 0x00};
  for (int i = 0; i < 260; ++i)
    tx.push_back(uint8_t(i));
  b.xfer(tx);
  // Bytes 4..259 stay; the column wrapped, so byte 256 landed at column 0 ... 259 at 3.
  EXPECT_EQ(b.mem[0x100], 0x00u);  // 256 & 0xff
  EXPECT_EQ(b.mem[0x103], 0x03u);  // 259
  EXPECT_EQ(b.mem[0x104], 0x04u);
  EXPECT_EQ(b.mem[0x1ff], 0xffu);
}

TEST(FlashChip, BusyTimeFollowsClkSys) {
  Bench b;
  b.hz = 12'000'000;
  b.xfer({0x06});
  b.xfer({0x02, 0, 0, 0, 0x00});
  EXPECT_TRUE(b.chip.busy());
  b.tick(400 * 12 - 1);  // tPP = 400 us at 12 MHz
  EXPECT_TRUE(b.chip.busy());
  b.tick(1);
  EXPECT_FALSE(b.chip.busy());
  EXPECT_FALSE(b.chip.write_enabled());
}

TEST(FlashChip, DualOutputRead) {
  Bench b;
  b.mem[0x10] = 0xb4;
  b.mem[0x11] = 0x5e;
  std::vector<uint8_t> got;
  b.chip.select(0);
  for (uint8_t byte : {uint8_t(0x3b), uint8_t(0), uint8_t(0), uint8_t(0x10)})
    for (int bit = 7; bit >= 0; --bit)
      b.chip.clock((byte >> bit) & 1, 0x1);
  for (int i = 0; i < 8; ++i)
    b.chip.clock(0, 0);  // dummy clocks
  for (int n = 0; n < 2; ++n) {
    uint8_t v = 0;
    for (int k = 0; k < 4; ++k)
      v = uint8_t((v << 2) | (b.chip.clock(0, 0) & 3));
    got.push_back(v);
  }
  b.chip.deselect(0);
  EXPECT_EQ(got, (std::vector<uint8_t>{0xb4, 0x5e}));
}

TEST(FlashChip, UnknownCommandIsReported) {
  Bench b;
  b.xfer({0xe7, 0});
  ASSERT_EQ(b.diag.warnings().size(), 1u);
  EXPECT_NE(b.diag.warnings()[0].find("E7h is not a W25Q16JV instruction"), std::string::npos);
}

TEST(FlashChip, UnmodelledCommandIsReported) {
  Bench b;
  b.xfer({0x75});
  ASSERT_EQ(b.diag.warnings().size(), 1u);
  EXPECT_NE(b.diag.warnings()[0].find("not modelled"), std::string::npos);
}

TEST(FlashChip, BlockProtectionBitsAreReported) {
  Bench b;
  b.xfer({0x06});
  b.xfer({0x01, 0x1c});
  EXPECT_EQ(b.chip.status_register(1) & 0x1c, 0x1cu);
  ASSERT_EQ(b.diag.warnings().size(), 1u);
  EXPECT_NE(b.diag.warnings()[0].find("protection is not modelled"), std::string::npos);
}

TEST(FlashChip, ProbeLeavesNoTrace) {
  Bench b;
  b.chip.begin_probe();
  b.xfer({0x06});
  b.xfer({0x20, 0, 0, 0});  // would erase: not in a probe
  b.xfer({0xe7});
  const auto problems = b.chip.end_probe();
  EXPECT_EQ(problems.size(), 1u);
  EXPECT_TRUE(b.diag.warnings().empty());
  EXPECT_FALSE(b.chip.busy());
  EXPECT_FALSE(b.chip.write_enabled());
  EXPECT_TRUE(b.changed.empty());
}

TEST(FlashChip, HostProgramAndsAndReportsTheRange) {
  Bench b;
  const std::vector<uint8_t> data = {0x0f, 0xf0};
  b.chip.host_program(0x1234, data);
  EXPECT_EQ(b.mem[0x1234], 0x0fu);
  EXPECT_EQ(b.mem[0x1235], 0xf0u);
  ASSERT_EQ(b.changed.size(), 1u);
  EXPECT_EQ(b.changed[0], std::make_pair(0x1234u, 2u));
  b.chip.host_erase(0x1000, 0x1000);
  EXPECT_EQ(b.mem[0x1234], 0xffu);
}

TEST(FlashChip, PowerOnForgetsVolatileState) {
  Bench b;
  b.xfer({0x06});
  b.xfer({0xb9});
  EXPECT_TRUE(b.chip.powered_down());
  b.chip.power_on();
  EXPECT_FALSE(b.chip.powered_down());
  EXPECT_FALSE(b.chip.write_enabled());
}
