// The boot ROM on the whole machine: both cores start from the embedded boot ROM's reset vector,
// core 0 boots a firmware image through boot2, and rom_selftest (firmware/bootrom/selftest) uses
// the ROM's functions — tables, bit and memory functions, soft float and double, flash erase and
// program, the core 1 launch — checking its UART0 output against expected.txt. The machine serves
// the ROM's traps from its BKPT hook.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "loader/image.h"
#include "machine.h"
#include "rom_traps.h"

using namespace vpico;

namespace {

std::string firmware(const char* name) {
  return std::string(VPICO_FIRMWARE_DIR) + "/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Boots `image_path` through the machine's own boot ROM; nullptr (test skipped) without one.
std::unique_ptr<Machine> boot(const std::string& image_path) {
  if (!std::filesystem::exists(image_path)) {
    if (VPICO_FIRMWARE_BUILT) ADD_FAILURE() << image_path << " not built";
    return nullptr;
  }
  auto image = load_image(image_path);
  EXPECT_TRUE(image.ok());
  auto m = Machine::create();
  EXPECT_TRUE(m.ok());
  if (!image || !m) return nullptr;
  if (!(*m)->has_boot_rom()) {
    if (VPICO_FIRMWARE_BUILT) ADD_FAILURE() << "the boot ROM was not embedded";
    return nullptr;
  }
  EXPECT_TRUE((*m)->load(*image).ok());
  EXPECT_TRUE((*m)->reset().ok());
  return std::move(*m);
}

}  // namespace

TEST(BootRomOnMachine, HelloBootsThroughTheRom) {
  auto m = boot(firmware("hello.elf"));
  if (!m) GTEST_SKIP() << "firmware not built";
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 1\n"};
  c.max_cycles = 50'000'000;
  RunResult r = m->run(c);
  EXPECT_EQ(r.reason, StopReason::SerialMatch) << (r.fault ? r.fault->message : "");
  EXPECT_EQ(m->serial("uart0")->output().rfind("hello from core 0\n", 0), 0u);
}

TEST(BootRomOnMachine, Core1WaitsInTheRomUntilLaunched) {
  auto m = boot(firmware("hello.elf"));
  if (!m) GTEST_SKIP() << "firmware not built";
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "blink 1\n"};
  c.max_cycles = 50'000'000;
  ASSERT_EQ(m->run(c).reason, StopReason::SerialMatch);
  EXPECT_EQ(m->core(1).state(), CortexM0Plus::State::Sleeping);
  EXPECT_LT(m->core(1).pc(), RomTraps::kRomEnd);
}

TEST(BootRomOnMachine, RomSelftestOutputMatchesExpected) {
  auto m = boot(firmware("rom_selftest.elf"));
  if (!m) GTEST_SKIP() << "firmware not built";
  RunCondition c;
  c.serial = RunCondition::SerialText{"uart0", "DONE\n"};
  c.max_cycles = 200'000'000;
  RunResult r = m->run(c);
  EXPECT_EQ(r.reason, StopReason::SerialMatch) << (r.fault ? r.fault->message : "");
  EXPECT_EQ(m->serial("uart0")->output(), read_file(VPICO_ROM_SELFTEST_EXPECTED));
}

TEST(BootRomOnMachine, BlankFlashAsksForUsbBoot) {
  auto m = Machine::create();
  ASSERT_TRUE(m.ok());
  if (!(*m)->has_boot_rom()) GTEST_SKIP() << "no boot ROM embedded";
  ASSERT_TRUE((*m)->reset().ok());
  RunCondition c;
  c.max_cycles = 10'000'000;
  RunResult r = (*m)->run(c);
  ASSERT_EQ(r.reason, StopReason::Fault);
  ASSERT_TRUE(r.fault);
  EXPECT_EQ(r.fault->kind, FaultKind::UsbBoot);
  EXPECT_NE(r.fault->message.find("no valid boot2"), std::string::npos) << r.fault->message;
}
