// First light: our bare-metal image (firmware/tests/hello) boots through boot2 on core 0, brings
// up XOSC, clocks, UART0 and GPIO25, prints, and blinks.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "crc32.h"
#include "loader/image.h"
#include "machine.h"

using namespace vpico;

namespace {
std::string image_path(const char* name) {
  return std::string(VPICO_FIRMWARE_DIR) + "/" + name;
}

std::unique_ptr<Machine> boot(const std::string& path) {
  if (!std::filesystem::exists(path)) {
    if (VPICO_FIRMWARE_BUILT) ADD_FAILURE() << path << " was not built";
    return nullptr;
  }
  auto image = load_image(path);
  EXPECT_TRUE(image.ok()) << (image.ok() ? "" : image.error().message);
  if (!image) return nullptr;
  auto m = Machine::create();
  EXPECT_TRUE(m.ok());
  EXPECT_TRUE((*m)->load(*image).ok());
  auto r = (*m)->reset();
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
  return std::move(*m);
}
}  // namespace

TEST(FirstLight, HelloPrintsOnUart0) {
  auto m = boot(image_path("hello.elf"));
  if (!m) GTEST_SKIP() << "firmware not built";
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 3\n"};
  c.max_time_ns = 2'000'000'000;
  RunResult r = m->run(c);
  ASSERT_EQ(r.reason, StopReason::SerialMatch) << stop_reason_name(r.reason);
  EXPECT_EQ(m->serial("uart0")->output(), "hello from core 0\nblink 1\nblink 2\nblink 3\n");
  EXPECT_TRUE(m->diagnostics().warnings().empty()) << m->diagnostics().warnings().front();
}

TEST(FirstLight, Gpio25TogglesThroughSio) {
  auto m = boot(image_path("hello.elf"));
  if (!m) GTEST_SKIP() << "firmware not built";
  std::vector<std::pair<bool, uint64_t>> edges;
  m->pins().observe([&](unsigned pin, bool level, uint64_t cycle) {
    if (pin == 25) edges.emplace_back(level, cycle);
  });
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 2\n"};
  c.max_time_ns = 2'000'000'000;
  ASSERT_EQ(m->run(c).reason, StopReason::SerialMatch);
  ASSERT_GE(edges.size(), 3u);
  EXPECT_TRUE(edges[0].first);  // first edge is rising: LED on
  EXPECT_FALSE(edges[1].first);
  EXPECT_LT(edges[0].second, edges[1].second);
  EXPECT_TRUE(m->pins().chip_drives(25));
  // UART0 TX (GPIO0) idles high under the UART function.
  EXPECT_TRUE(m->pins().level(0));
}

TEST(FirstLight, RunsAreDeterministic) {
  auto a = boot(image_path("hello.elf"));
  if (!a) GTEST_SKIP() << "firmware not built";
  auto b = boot(image_path("hello.elf"));
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 2\n"};
  c.max_time_ns = 2'000'000'000;
  RunResult ra = a->run(c), rb = b->run(c);
  EXPECT_EQ(ra.cycles, rb.cycles);
  EXPECT_EQ(a->instructions(), b->instructions());
  EXPECT_EQ(a->serial("uart0")->output(), b->serial("uart0")->output());
}

TEST(FirstLight, UartTimingFollowsTheClockTree) {
  // The image switches clk_sys to the 12 MHz crystal; one second of virtual time is then
  // 12 million clk_sys cycles (after the short start on the ROSC).
  auto m = boot(image_path("hello.elf"));
  if (!m) GTEST_SKIP() << "firmware not built";
  RunCondition c;
  c.max_time_ns = 1'000'000'000;
  RunResult r = m->run(c);
  EXPECT_EQ(r.reason, StopReason::TimeLimit);
  EXPECT_EQ(m->sys_hz(), 12'000'000u);
  EXPECT_NEAR(double(r.cycles), 12e6, 0.01 * 12e6);
}

TEST(FirstLight, SameImageAsUf2BehavesTheSame) {
  auto elf = boot(image_path("hello.elf"));
  if (!elf) GTEST_SKIP() << "firmware not built";
  auto uf2 = boot(image_path("hello.uf2"));
  ASSERT_TRUE(uf2);
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 1\n"};
  c.max_time_ns = 1'000'000'000;
  EXPECT_EQ(elf->run(c).cycles, uf2->run(c).cycles);
}

TEST(Boot, BlankFlashIsReportedNotRun) {
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  auto r = (*m)->reset();
  if ((*m)->has_boot_rom()) {
    // The boot ROM finds no boot2 and asks for USB boot mode, which ends the run.
    ASSERT_TRUE(r.ok());
    RunCondition c;
    c.max_cycles = 10'000'000;
    RunResult run = (*m)->run(c);
    ASSERT_EQ(run.reason, StopReason::Fault);
    EXPECT_EQ(run.fault->kind, FaultKind::UsbBoot);
    EXPECT_NE(run.fault->message.find("no valid boot2"), std::string::npos);
  } else {
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("no valid boot2"), std::string::npos);
  }
}

namespace {
// An image whose boot2 (run by the boot ROM from SRAM) is `code`, CRC sealed.
Image image_with_boot2(std::initializer_list<uint8_t> code) {
  Image img;
  img.path = "boot2.bin";
  img.format = ImageFormat::Bin;
  std::vector<uint8_t> boot2(256, 0);
  std::copy(code.begin(), code.end(), boot2.begin());
  uint32_t crc = 0xffffffffu;
  for (int i = 0; i < 252; ++i) {
    crc ^= uint32_t(boot2[i]) << 24;
    for (int k = 0; k < 8; ++k)
      crc = (crc & 0x80000000u) ? (crc << 1) ^ 0x04c11db7u : crc << 1;
  }
  std::memcpy(boot2.data() + 252, &crc, 4);
  img.segments.push_back({0x10000000, boot2});
  return img;
}
}  // namespace

TEST(Timing, PeripheralReadsSeeTheCycleOfTheirInstruction) {
  // Two SysTick CVR reads in one block, ten NOPs apart: the counter must differ by the cycles
  // between them (10 NOPs + the 2-cycle load), not read the same end-of-block time twice.
  // ldr r1,=SYST_CSR; ldr r0,=0xffffff; str r0,[r1,#4]; movs r0,#0; str r0,[r1,#8];
  // movs r0,#5; str r0,[r1]; b 1f; 1: ldr r2,[r1,#8]; nop x10; ldr r3,[r1,#8]; bkpt #1
  Image img = image_with_boot2({0x0a, 0x49, 0x0b, 0x48, 0x48, 0x60, 0x00, 0x20, 0x88, 0x60, 0x05,
                                0x20, 0x08, 0x60, 0xff, 0xe7, 0x8a, 0x68, 0xc0, 0x46, 0xc0, 0x46,
                                0xc0, 0x46, 0xc0, 0x46, 0xc0, 0x46, 0xc0, 0x46, 0xc0, 0x46, 0xc0,
                                0x46, 0xc0, 0x46, 0xc0, 0x46, 0x8b, 0x68, 0x01, 0xbe, 0x00, 0x00,
                                0x10, 0xe0, 0x00, 0xe0, 0xff, 0xff, 0xff, 0x00});
  auto m = Machine::create();
  ASSERT_TRUE((*m)->load(img).ok());
  ASSERT_TRUE((*m)->reset().ok());
  RunCondition c;
  c.max_cycles = 10'000'000;
  RunResult r = (*m)->run(c);
  ASSERT_EQ(r.reason, StopReason::Fault);
  ASSERT_EQ(r.fault->kind, FaultKind::Breakpoint);
  CortexM0Plus& core = (*m)->core(0);
  EXPECT_EQ(core.reg(UC_ARM_REG_R2) - core.reg(UC_ARM_REG_R3), 12u);
}

TEST(Boot, WildJumpIsAFaultWithAnAddress) {
  // A boot2 whose first instruction branches to an address where nothing is mapped:
  // ldr r0, [pc, #0]; bx r0; .word 0x30000001
  Image img = image_with_boot2({0x00, 0x48, 0x00, 0x47, 0x01, 0x00, 0x00, 0x30});
  auto m = Machine::create();
  ASSERT_TRUE((*m)->load(img).ok());
  ASSERT_TRUE((*m)->reset().ok());
  RunCondition c;
  c.max_cycles = 10'000'000;  // the boot ROM runs first
  RunResult r = (*m)->run(c);
  ASSERT_EQ(r.reason, StopReason::Fault);
  ASSERT_TRUE(r.fault);
  EXPECT_EQ(r.fault->kind, FaultKind::BusError);
  EXPECT_EQ(r.fault->address, 0x30000000u);
}
