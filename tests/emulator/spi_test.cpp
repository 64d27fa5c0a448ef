// SPI0/SPI1 (PL022) on its own, and wired through the machine to an SPI flash part.
#include "rp2040/spi.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "loader/image.h"
#include "machine.h"
#include "rp2040/address_map.h"
#include "spi_flash.h"

using namespace vpico;
using vpico::rp2040::Spi;
namespace fs = std::filesystem;

namespace {
struct Lines : IrqSink, DreqSink {
  uint32_t irqs = 0;
  uint64_t dreqs = 0;
  void set_irq_level(unsigned irq, bool level) override {
    irqs = level ? irqs | (1u << irq) : irqs & ~(1u << irq);
  }
  void set_dreq_level(unsigned dreq, bool level) override {
    dreqs = level ? dreqs | (1ull << dreq) : dreqs & ~(1ull << dreq);
  }
};

constexpr uint32_t CR0 = 0x00, CR1 = 0x04, DR = 0x08, SR = 0x0c, CPSR = 0x10, IMSC = 0x14,
                   RIS = 0x18, MIS = 0x1c, DMACR = 0x24;
constexpr uint32_t kSse = 2, kLbm = 1, kBsy = 1u << 4, kRne = 1u << 2;

struct SpiFixture : ::testing::Test {
  Scheduler sched;
  Lines lines;
  uint32_t peri = 12'000'000, sys = 12'000'000;
  Spi spi{1, sched, lines, lines, [this] { return peri; }, [this] { return sys; }};

  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(spi.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(spi.write(off, v, 0xffffffff)); }
  void run_for(uint64_t cycles) { sched.run_until(sched.now() + cycles); }
  // 8-bit frames at clk_peri / 4.
  void setup(uint32_t cr1 = kSse) {
    wr(CPSR, 4);
    wr(CR0, 7);
    wr(CR1, cr1);
  }
};
}  // namespace

TEST_F(SpiFixture, FrameTakesBitsTimesTheBitPeriodInSystemCycles) {
  setup(kSse | kLbm);
  wr(DR, 0x81);
  run_for(31);
  EXPECT_EQ(rd(SR) & kRne, 0u);
  EXPECT_TRUE(rd(SR) & kBsy);
  run_for(1);
  EXPECT_TRUE(rd(SR) & kRne);
  EXPECT_EQ(rd(DR), 0x81u);
}

TEST_F(SpiFixture, FrameTimeFollowsClkPeriAgainstClkSys) {
  sys = 48'000'000;  // clk_sys four times clk_peri: 8 bits x 4 peri periods = 128 sys cycles
  setup(kSse | kLbm);
  wr(DR, 1);
  run_for(127);
  EXPECT_EQ(rd(SR) & kRne, 0u);
  run_for(1);
  EXPECT_TRUE(rd(SR) & kRne);
}

TEST_F(SpiFixture, ExchangeCarriesMosiAndMiso) {
  std::vector<uint16_t> seen;
  spi.exchange = [&](uint16_t mosi, unsigned bits) {
    EXPECT_EQ(bits, 8u);
    seen.push_back(mosi);
    return uint16_t(0x3c);
  };
  setup();
  wr(DR, 0x1ff);  // only the frame's 8 bits go out
  run_for(100);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0], 0xffu);
  EXPECT_EQ(rd(DR), 0x3cu);
}

TEST_F(SpiFixture, NothingMovesWhileDisabled) {
  setup(0);
  wr(DR, 1);
  run_for(1000);
  EXPECT_EQ(rd(SR) & kRne, 0u);
  wr(CR1, kSse | kLbm);
  run_for(32);
  EXPECT_TRUE(rd(SR) & kRne);
}

TEST_F(SpiFixture, IrqLineFollowsMaskedInterrupts) {
  setup(kSse | kLbm);
  EXPECT_EQ(lines.irqs, 0u);
  wr(IMSC, 1u << 3);  // TXIM: the empty TX FIFO is at most half full
  EXPECT_EQ(lines.irqs, 1u << rp2040::kSpi1Irq);
  EXPECT_EQ(rd(MIS), 1u << 3);
  wr(IMSC, 1u << 2);  // RXIM: needs 4 frames received
  EXPECT_EQ(lines.irqs, 0u);
  for (int i = 0; i < 4; ++i)
    wr(DR, i);
  run_for(4 * 32);
  EXPECT_EQ(lines.irqs, 1u << rp2040::kSpi1Irq);
  EXPECT_EQ(rd(RIS) & (1u << 2), 1u << 2);
}

TEST_F(SpiFixture, DmaRequestsFollowFifosWhenEnabled) {
  setup(kSse | kLbm);
  const uint64_t tx = 1ull << rp2040::kDreqSpi1Tx, rx = 1ull << rp2040::kDreqSpi1Rx;
  EXPECT_EQ(lines.dreqs, 0u);
  wr(DMACR, 3);
  EXPECT_EQ(lines.dreqs, tx);
  wr(DR, 7);
  run_for(32);
  EXPECT_EQ(lines.dreqs, tx | rx);
  rd(DR);
  EXPECT_EQ(lines.dreqs, tx);
  wr(DMACR, 0);
  EXPECT_EQ(lines.dreqs, 0u);
}

TEST(SpiFlashPart, AnswersJedecIdAndReads) {
  Scheduler sched;
  Diagnostics diag;
  SpiFlash flash(diag, sched, [] { return 12'000'000u; });
  flash.contents()[0x100] = 0x42;
  flash.select(true);
  EXPECT_EQ(flash.transfer(0x9f, 8), 0xffu);  // DO floats while the command goes in
  EXPECT_EQ(flash.transfer(0, 8), 0xefu);
  EXPECT_EQ(flash.transfer(0, 8), 0x40u);
  EXPECT_EQ(flash.transfer(0, 8), 0x15u);
  flash.select(false);
  flash.select(true);
  for (uint16_t b : {0x03, 0x00, 0x01, 0x00})
    flash.transfer(b, 8);
  EXPECT_EQ(flash.transfer(0, 8), 0x42u);
  flash.select(false);
}

// The spi image reads a flash's JEDEC ID over SPI0 (GPIO16-19, chip select on GPIO17).
TEST(SpiMachine, FirmwareReadsTheJedecIdOfAnAttachedFlash) {
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / "spi.elf";
  if (!fs::exists(elf)) {
    if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
    GTEST_SKIP() << "firmware not built";
  }
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok()) << image.error().message;
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  Machine& machine = **m;
  SpiFlash flash(machine.diagnostics(), machine.scheduler(), [&] { return machine.sys_hz(); });
  machine.attach_spi(flash, 18, 17);
  ASSERT_TRUE(machine.load(*image).ok());
  ASSERT_TRUE(machine.reset().ok());
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "DONE\n"};
  c.max_time_ns = 1'000'000'000;
  EXPECT_EQ(machine.run(c).reason, StopReason::SerialMatch);
  const std::string out = machine.serial("uart0")->output();
  EXPECT_NE(out.find("jedec id ef4015\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("FAIL"), std::string::npos) << out;
}
