// CycleProfiler: call stacks and cycle attribution from block events (synthetic), and a real
// profile of the bench_alu image (its kernel is one known function called once).
#include "profiler.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "machine.h"

using namespace vpico;
namespace fs = std::filesystem;

namespace {

// Functions in flash: main at 0x10001000, f at 0x10002000, g at 0x10003000 (0x100 bytes each).
Image three_functions() {
  Image image;
  image.symbols = {{"main", 0x10001000, 0x100, true},
                   {"f", 0x10002000, 0x100, true},
                   {"g", 0x10003000, 0x100, true},
                   {"__gnu_thumb1_case_uhi", 0x10004000, 0x20, true}};
  return image;
}

CortexM0Plus::BlockEvent block(uint32_t address, uint32_t size, BlockEnd end, uint64_t cycle,
                               uint64_t slept = 0) {
  return {address, size, end, cycle, slept};
}

const CycleProfiler::FunctionStats* find(const std::vector<CycleProfiler::FunctionStats>& fns,
                                         const std::string& name) {
  for (const auto& f : fns)
    if (f.name == name) return &f;
  return nullptr;
}

}  // namespace

TEST(CycleProfiler, ChargesCyclesToTheRunningFunctionAndItsCallers) {
  Image image = three_functions();
  CycleProfiler p(&image);
  p.on_block(0, block(0x10001000, 8, BlockEnd::Call, 0));     // main: 10 cycles, calls f
  p.on_block(0, block(0x10002000, 6, BlockEnd::Call, 10));    // f: 5 cycles, calls g
  p.on_block(0, block(0x10003000, 4, BlockEnd::Return, 15));  // g: 20 cycles, returns
  p.on_block(0, block(0x10002006, 4, BlockEnd::Return, 35));  // f again: 3 cycles, returns
  p.on_block(0, block(0x10001008, 4, BlockEnd::Other, 38));   // main: 2 cycles
  p.finish(0, 40, 0);
  const auto fns = p.functions();
  ASSERT_NE(find(fns, "g"), nullptr);
  EXPECT_EQ(find(fns, "main")->self_cycles, 12u);
  EXPECT_EQ(find(fns, "main")->total_cycles, 40u);
  EXPECT_EQ(find(fns, "f")->self_cycles, 8u);
  EXPECT_EQ(find(fns, "f")->total_cycles, 28u);
  EXPECT_EQ(find(fns, "f")->calls, 1u);
  EXPECT_EQ(find(fns, "g")->self_cycles, 20u);
  EXPECT_EQ(p.total_cycles(), 40u);
  EXPECT_EQ(p.folded(), "core0;main 12\ncore0;main;f 8\ncore0;main;f;g 20\n");
}

TEST(CycleProfiler, RecursionCountsOncePerStackInTotals) {
  Image image = three_functions();
  CycleProfiler p(&image);
  p.on_block(0, block(0x10002000, 4, BlockEnd::Call, 0));     // f calls f
  p.on_block(0, block(0x10002000, 4, BlockEnd::Return, 10));  // inner f returns
  p.on_block(0, block(0x10002004, 4, BlockEnd::Other, 20));
  p.finish(0, 30, 0);
  const auto fns = p.functions();
  EXPECT_EQ(find(fns, "f")->self_cycles, 30u);
  EXPECT_EQ(find(fns, "f")->total_cycles, 30u);  // not 40: the inner call is inside the outer
  EXPECT_EQ(find(fns, "f")->calls, 1u);
}

TEST(CycleProfiler, ABranchWithLinkInsideItsOwnFunctionIsAFarJump) {
  Image image = three_functions();
  CycleProfiler p(&image);
  p.on_block(0, block(0x10001000, 4, BlockEnd::Call, 0));  // BL to main+0x80: Thumb-1's far jump
  p.on_block(0, block(0x10001080, 4, BlockEnd::Other, 5));
  p.finish(0, 9, 0);
  EXPECT_EQ(find(p.functions(), "main")->calls, 0u);
  EXPECT_EQ(p.folded(), "core0;main 9\n");
}

TEST(CycleProfiler, SwitchHelpersReturnIntoTheCaseNotAfterTheCall) {
  Image image = three_functions();
  CycleProfiler p(&image);
  for (int i = 0; i < 100; ++i) {  // a dispatch loop: main calls the helper, which jumps back
    p.on_block(0, block(0x10001000, 4, BlockEnd::Call, uint64_t(i) * 10));
    p.on_block(0, block(0x10004000, 8, BlockEnd::Return, uint64_t(i) * 10 + 4));
    p.on_block(0,
               block(0x10001040 + uint32_t(i % 4) * 8, 4, BlockEnd::Other, uint64_t(i) * 10 + 7));
  }
  p.finish(0, 1000, 0);
  // The stack does not grow with every dispatch.
  EXPECT_EQ(p.folded(), "core0;main 700\ncore0;main;__gnu_thumb1_case_uhi 300\n");
}

TEST(CycleProfiler, SleepGoesToSleepUnderTheFunctionThatSlept) {
  Image image = three_functions();
  CycleProfiler p(&image);
  p.on_block(0, block(0x10001000, 4, BlockEnd::Other, 0, 0));     // main runs 4, then sleeps 96
  p.on_block(0, block(0x10001004, 4, BlockEnd::Other, 100, 96));  // and runs 10 more
  p.finish(0, 110, 96);
  EXPECT_EQ(p.sleep_cycles(), 96u);
  EXPECT_EQ(p.folded(), "core0;main 14\ncore0;main;(sleep) 96\n");
}

TEST(CycleProfiler, CoresHaveStacksOfTheirOwn) {
  Image image = three_functions();
  CycleProfiler p(&image);
  p.on_block(0, block(0x10001000, 4, BlockEnd::Call, 0));
  p.on_block(1, block(0x10003000, 4, BlockEnd::Other, 0));
  p.on_block(0, block(0x10002000, 4, BlockEnd::Other, 5));
  p.finish(0, 10, 0);
  p.finish(1, 10, 0);
  EXPECT_EQ(p.folded(), "core0;main 5\ncore0;main;f 5\ncore1;g 10\n");
}

TEST(CycleProfiler, ProfilesBenchAluAndChangesNothing) {
  const fs::path elf = fs::path(VPICO_FIRMWARE_DIR) / "bench_alu.elf";
  if (!fs::exists(elf)) {
    if (VPICO_FIRMWARE_BUILT) FAIL() << elf << " was not built";
    GTEST_SKIP() << "firmware not built";
  }
  auto image = load_image(elf.string());
  ASSERT_TRUE(image.ok());
  auto run = [&](CycleProfiler* profiler) {
    auto m = Machine::create();
    EXPECT_TRUE(m.ok());
    EXPECT_TRUE((*m)->load(*image).ok());
    EXPECT_TRUE((*m)->reset().ok());
    if (profiler) profiler->attach(**m);
    RunCondition c;
    c.serial = RunCondition::SerialText{"uart0", "DONE"};
    c.max_time_ns = 20'000'000'000;
    RunResult r = (*m)->run(c);
    EXPECT_EQ(r.reason, StopReason::SerialMatch);
    if (profiler) profiler->detach();
    return std::make_pair(r.cycles, (*m)->serial("uart0")->output());
  };
  CycleProfiler profiler(&*image);
  const auto with = run(&profiler);
  const auto without = run(nullptr);
  EXPECT_EQ(with, without);  // observing changes neither time nor output

  const auto fns = profiler.functions();
  ASSERT_FALSE(fns.empty());
  const auto* kernel = find(fns, "bench_kernel");
  ASSERT_NE(kernel, nullptr);
  EXPECT_EQ(kernel->calls, 1u);
  EXPECT_EQ(kernel->self_cycles, kernel->total_cycles);  // a leaf
  // Core 0 spends nearly all of its awake time in the kernel.
  EXPECT_GT(double(kernel->self_cycles), 0.99 * double(with.first - profiler.sleep_cycles() / 2));
  EXPECT_NE(profiler.folded().find(";main;bench_kernel "), std::string::npos);
  // Every cycle is charged once: the self cycles add up to the total.
  uint64_t sum = 0;
  for (const auto& f : fns)
    sum += f.self_cycles;
  EXPECT_EQ(sum, profiler.total_cycles());
}
