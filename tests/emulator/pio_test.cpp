#include "rp2040/pio.h"

#include <gtest/gtest.h>

#include <vector>

#include "line_recorders.h"
#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::Pio;

namespace {
using IrqRecorder = fakes::IrqLines;
using DreqRecorder = fakes::DreqLines;

// PIO instruction encodings (datasheet 3.4).
constexpr uint16_t JMP(unsigned cond, unsigned addr) {
  return uint16_t(cond << 5 | addr);
}
constexpr uint16_t WAIT(unsigned pol, unsigned src, unsigned idx) {
  return uint16_t(0x2000 | pol << 7 | src << 5 | idx);
}
constexpr uint16_t IN(unsigned src, unsigned n) {
  return uint16_t(0x4000 | src << 5 | (n & 31));
}
constexpr uint16_t OUT(unsigned dst, unsigned n) {
  return uint16_t(0x6000 | dst << 5 | (n & 31));
}
constexpr uint16_t PUSH(unsigned iffull, unsigned block) {
  return uint16_t(0x8000 | iffull << 6 | block << 5);
}
constexpr uint16_t PULL(unsigned ifempty, unsigned block) {
  return uint16_t(0x8080 | ifempty << 6 | block << 5);
}
constexpr uint16_t MOV(unsigned dst, unsigned op, unsigned src) {
  return uint16_t(0xa000 | dst << 5 | op << 3 | src);
}
constexpr uint16_t IRQ(unsigned clr, unsigned wait, unsigned idx) {
  return uint16_t(0xc000 | clr << 6 | wait << 5 | idx);
}
constexpr uint16_t SET(unsigned dst, unsigned v) {
  return uint16_t(0xe000 | dst << 5 | v);
}
constexpr uint16_t D(unsigned delay_or_side) {
  return uint16_t(delay_or_side << 8);
}
constexpr uint16_t NOP = MOV(2, 0, 2);  // mov y, y

constexpr uint32_t CTRL = 0x000, FSTAT = 0x004, FDEBUG = 0x008, FLEVEL = 0x00c, TXF0 = 0x010,
                   RXF0 = 0x020, IRQR = 0x030, IRQ_FORCE = 0x034, PADOUT = 0x03c, PADOE = 0x040,
                   CFGINFO = 0x044, IMEM = 0x048, INTR = 0x128, INTE0 = 0x12c, INTS0 = 0x134;
constexpr uint32_t sm_reg(unsigned sm, uint32_t r) {
  return 0x0c8 + 0x18 * sm + r;
}
constexpr uint32_t CLKDIV = 0x0, EXECCTRL = 0x4, SHIFTCTRL = 0x8, ADDR = 0xc, INSTR = 0x10,
                   PINCTRL = 0x14;

struct PioBench {
  Scheduler sched;
  IrqRecorder irqs;
  DreqRecorder dreqs;
  uint32_t inputs = 0;
  std::vector<std::pair<uint64_t, uint32_t>> outputs;  // (cycle, DBG_PADOUT) at each change
  Pio pio{0, sched, irqs, dreqs};

  PioBench() {
    pio.read_inputs = [this] { return inputs; };
    pio.on_outputs = [this](uint64_t c) { outputs.push_back({c, pio.pad_out()}); };
    pio.reset();
  }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(pio.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(pio.write(off, v, 0xffffffff)); }
  void load(const std::vector<uint16_t>& prog, unsigned sm = 0) {
    for (size_t i = 0; i < prog.size(); ++i)
      wr(IMEM + 4 * uint32_t(i), prog[i]);
    // Wrap over the whole program.
    wr(sm_reg(sm, EXECCTRL), uint32_t(prog.size() - 1) << 12);
  }
  void enable(unsigned mask) { wr(CTRL, mask); }
  void advance(uint64_t cycles) {
    sched.run_until(sched.now() + cycles);
    pio.catch_up();
  }
  void set_input(unsigned pin, bool level) {
    inputs = level ? inputs | (1u << pin) : inputs & ~(1u << pin);
    pio.inputs_changed(sched.now());
  }
};
struct PioFixture : ::testing::Test, PioBench {};
}  // namespace

TEST_F(PioFixture, ResetValues) {
  EXPECT_EQ(rd(FSTAT), 0x0f000f00u);
  EXPECT_EQ(rd(CFGINFO), 0x00200404u);
  EXPECT_EQ(rd(sm_reg(0, CLKDIV)), 0x00010000u);
  EXPECT_EQ(rd(sm_reg(0, EXECCTRL)), 0x0001f000u);
  EXPECT_EQ(rd(sm_reg(0, SHIFTCTRL)), 0x000c0000u);
  EXPECT_EQ(rd(sm_reg(0, PINCTRL)), 0x14000000u);
  EXPECT_EQ(rd(INTR), 0xf0u);  // every TX FIFO is not full
  // DREQ: TX lines high (not full), RX lines low.
  EXPECT_EQ(dreqs.levels & 0xff, 0x0full);
}

TEST_F(PioFixture, AdditionThroughTheFifos) {
  // The classic adder: x = ~a, y = b, count x down b+1 times, result ~x.
  load({PULL(0, 1), MOV(1, 1, 7), PULL(0, 1), MOV(2, 0, 7), JMP(0, 6), JMP(2, 6), JMP(4, 5),
        MOV(6, 1, 1), PUSH(0, 1)});
  enable(1);
  wr(TXF0, 33);
  wr(TXF0, 43);
  advance(200);
  EXPECT_EQ(rd(FLEVEL) >> 4 & 0xf, 1u);
  EXPECT_EQ(rd(RXF0), 76u);
}

TEST_F(PioFixture, PullBlocksOnEmptyFifoAndSetsTxStall) {
  load({PULL(0, 1), MOV(6, 0, 7), PUSH(0, 1)});
  enable(1);
  advance(50);
  EXPECT_EQ(rd(ADDR + 0xc8), 0u);
  EXPECT_EQ(rd(FDEBUG) >> 24 & 1, 1u);
  wr(FDEBUG, 1u << 24);  // write 1 to clear
  EXPECT_EQ(rd(FDEBUG), 0u);
  wr(TXF0, 5);
  advance(10);
  EXPECT_EQ(rd(RXF0), 5u);
}

TEST_F(PioFixture, NonBlockingPullCopiesX) {
  load({SET(1, 9), PULL(0, 0), MOV(6, 0, 7), PUSH(0, 1)});
  enable(1);
  advance(10);
  EXPECT_EQ(rd(RXF0), 9u);
}

TEST_F(PioFixture, TxOverflowAndRxUnderflowAreSticky) {
  for (unsigned i = 0; i < 5; ++i)
    wr(TXF0, i);
  EXPECT_EQ(rd(FLEVEL) & 0xf, 4u);
  EXPECT_EQ(rd(FSTAT) >> 16 & 1, 1u);   // TXFULL
  EXPECT_EQ(rd(FDEBUG) >> 16 & 1, 1u);  // TXOVER
  EXPECT_EQ(dreqs.levels & 1, 0ull);    // TX DREQ low while full
  EXPECT_EQ(rd(RXF0), 0u);
  EXPECT_EQ(rd(FDEBUG) >> 8 & 1, 1u);  // RXUNDER
}

TEST_F(PioFixture, JoinedTxFifoIsEightDeepAndJoiningFlushes) {
  wr(TXF0, 1);
  wr(sm_reg(0, SHIFTCTRL), 0x000c0000u | 1u << 30);
  EXPECT_EQ(rd(FLEVEL) & 0xf, 0u);  // flushed
  for (unsigned i = 0; i < 8; ++i)
    wr(TXF0, i);
  EXPECT_EQ(rd(FLEVEL) & 0xf, 8u);
  EXPECT_EQ(rd(FSTAT) >> 16 & 1, 1u);
  EXPECT_EQ(rd(FDEBUG), 0u);
  // RX has no room: RXFULL and RXEMPTY both set.
  EXPECT_EQ(rd(FSTAT) & 0x101, 0x101u);
}

TEST_F(PioFixture, JoinedRxFifoHoldsEightWords) {
  wr(sm_reg(0, SHIFTCTRL), 0x000c0000u | 1u << 31);
  load({SET(1, 3), MOV(6, 0, 1), PUSH(0, 1)});
  wr(sm_reg(0, SHIFTCTRL), 0x000c0000u | 1u << 31);
  enable(1);
  advance(100);
  EXPECT_EQ(rd(FLEVEL) >> 4 & 0xf, 8u);
  EXPECT_EQ(rd(FDEBUG) & 1, 1u);  // RXSTALL
}

TEST_F(PioFixture, AutopushAtThreshold) {
  // in x, 8 twice with autopush at 16, shifting left.
  wr(sm_reg(0, SHIFTCTRL), 1u << 16 | 16u << 20);
  load({SET(1, 5), IN(1, 8), SET(1, 6), IN(1, 8), JMP(0, 4)});
  enable(1);
  advance(20);
  EXPECT_EQ(rd(RXF0), 0x0506u);
}

TEST_F(PioFixture, AutopullShiftsRightByDefault) {
  wr(sm_reg(0, SHIFTCTRL), 0x000c0000u | 1u << 17);  // autopull, threshold 32
  load({OUT(1, 8), MOV(6, 0, 1), PUSH(0, 1)});
  wr(TXF0, 0x12345678);
  enable(1);
  advance(40);
  EXPECT_EQ(rd(RXF0), 0x78u);
  EXPECT_EQ(rd(RXF0), 0x56u);
  EXPECT_EQ(rd(RXF0), 0x34u);
  EXPECT_EQ(rd(RXF0), 0x12u);
}

TEST_F(PioFixture, OutShiftLeftTakesTheTopBits) {
  wr(sm_reg(0, SHIFTCTRL), 1u << 17 | 1u << 18);  // OUT_SHIFTDIR left, IN right
  load({OUT(1, 4), MOV(6, 0, 1), PUSH(0, 1)});
  wr(TXF0, 0xa0000000);
  enable(1);
  advance(10);
  EXPECT_EQ(rd(RXF0), 0xau);
}

TEST_F(PioFixture, InShiftRightEntersAtTheTop) {
  load({SET(1, 1), IN(1, 1), PUSH(0, 1)});
  enable(1);
  advance(5);
  EXPECT_EQ(rd(RXF0), 0x80000000u);
}

TEST_F(PioFixture, SetPinsAndPindirs) {
  wr(sm_reg(0, PINCTRL), 2u << 26 | 3u << 5);  // SET_COUNT 2 at GPIO3
  load({SET(4, 3), SET(0, 2), JMP(0, 2)});
  enable(1);
  advance(5);
  EXPECT_EQ(rd(PADOE), 0x18u);
  EXPECT_EQ(rd(PADOUT), 0x10u);
}

TEST_F(PioFixture, ClockDividerSetsTheInstructionRate) {
  wr(sm_reg(0, PINCTRL), 1u << 26);
  load({SET(0, 1), SET(0, 0)});
  wr(sm_reg(0, CLKDIV), 0x00028000u);  // 2.5
  wr(CTRL, 1u << 8 | 1);
  advance(1000);
  // One pin change per instruction: 1000 / 2.5 = 400.
  EXPECT_EQ(outputs.size(), 400u);
  // Fractional divider: alternate 2- and 3-cycle ticks.
  EXPECT_EQ(outputs[1].first - outputs[0].first + outputs[2].first - outputs[1].first, 5u);
}

TEST_F(PioFixture, DelayCyclesStretchAnInstruction) {
  wr(sm_reg(0, PINCTRL), 1u << 26);
  load({SET(0, 1) | D(3), SET(0, 0) | D(1)});
  enable(1);
  advance(60);
  ASSERT_GE(outputs.size(), 3u);
  EXPECT_EQ(outputs[1].first - outputs[0].first, 4u);
  EXPECT_EQ(outputs[2].first - outputs[1].first, 2u);
}

TEST_F(PioFixture, SideSetWithOptionalEnableBit) {
  // SIDESET_COUNT 2 = enable bit + one pin at GPIO7; SIDE_EN; pindirs via SET.
  wr(sm_reg(0, PINCTRL), 2u << 29 | 7u << 10);
  load({NOP | D(0x18), NOP | D(0x0), NOP | D(0x10), JMP(0, 3)});
  wr(sm_reg(0, EXECCTRL), 1u << 30 | 3u << 12);
  enable(1);
  advance(1);
  EXPECT_EQ(rd(PADOUT), 0x80u);  // side 1
  advance(1);
  EXPECT_EQ(rd(PADOUT), 0x80u);  // no side-set: kept
  advance(1);
  EXPECT_EQ(rd(PADOUT), 0u);  // side 0
}

TEST_F(PioFixture, SidePindirDrivesDirections) {
  wr(sm_reg(0, PINCTRL), 1u << 29 | 4u << 10);
  load({NOP | D(0x10), JMP(0, 1) | D(0x10)});
  wr(sm_reg(0, EXECCTRL), 1u << 29 | 1u << 12);
  enable(1);
  advance(2);
  EXPECT_EQ(rd(PADOE), 0x10u);
  EXPECT_EQ(rd(PADOUT), 0u);
}

TEST_F(PioFixture, WrapGoesFromTopToBottom) {
  load({SET(1, 0), SET(1, 1), SET(1, 2), SET(1, 3)});
  wr(sm_reg(0, EXECCTRL), 2u << 12 | 1u << 7);  // wrap 2 -> 1
  enable(1);
  advance(10);
  uint32_t a = rd(sm_reg(0, ADDR));
  EXPECT_TRUE(a == 1 || a == 2);
}

TEST_F(PioFixture, JmpConditions) {
  // x=0: !X taken -> 2; else push 0xff.
  load({JMP(1, 3), SET(1, 31), SET(2, 0), JMP(5, 6), SET(1, 7), JMP(0, 3), MOV(6, 0, 1), PUSH(0, 1),
        JMP(0, 8)});
  enable(1);
  advance(20);
  // x=0, y=0: x!=y not taken, x=7, loop back to x!=y taken -> push 7.
  EXPECT_EQ(rd(RXF0), 7u);
}

TEST_F(PioFixture, JmpXDecrementPostDecrements) {
  load({SET(1, 3), JMP(2, 1), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 4)});
  enable(1);
  advance(20);
  EXPECT_EQ(rd(RXF0), 0xffffffffu);  // the test sees 0, then decrements
}

TEST_F(PioFixture, JmpPinAndNotOsre) {
  wr(sm_reg(0, EXECCTRL), 5u << 24 | 7u << 12);
  load(
      {JMP(6, 3), SET(1, 1), JMP(0, 4), SET(1, 2), JMP(7, 6), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 7)});
  wr(sm_reg(0, EXECCTRL), 5u << 24 | 7u << 12);
  set_input(5, true);
  enable(1);
  advance(20);
  // pin 5 high -> x=2; OSR empty -> !OSRE not taken... falls into MOV at 5.
  EXPECT_EQ(rd(RXF0), 2u);
}

TEST_F(PioFixture, WaitGpioResumesWhenThePinChanges) {
  load({WAIT(1, 0, 9), SET(1, 4), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 4)});
  enable(1);
  advance(100);
  EXPECT_EQ(rd(FLEVEL) >> 4 & 0xf, 0u);
  set_input(9, true);
  advance(10);
  EXPECT_EQ(rd(RXF0), 4u);
}

TEST_F(PioFixture, WaitPinIsRelativeToInBase) {
  wr(sm_reg(0, PINCTRL), 10u << 15);
  load({WAIT(0, 1, 2), SET(1, 1), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 4)});
  set_input(12, true);
  enable(1);
  advance(50);
  EXPECT_EQ(rd(FLEVEL) >> 4 & 0xf, 0u);
  set_input(12, false);
  advance(10);
  EXPECT_EQ(rd(RXF0), 1u);
}

TEST_F(PioFixture, InPinsReadsFromInBase) {
  wr(sm_reg(0, PINCTRL), 4u << 15);
  inputs = 0x50;
  pio.inputs_changed(0);
  load({IN(0, 4), PUSH(0, 1), JMP(0, 2)});
  wr(sm_reg(0, SHIFTCTRL), 0);  // shift left
  enable(1);
  advance(5);
  EXPECT_EQ(rd(RXF0), 0x5u);
}

TEST_F(PioFixture, MovInvertBitReverseAndStatus) {
  // STATUS_SEL TX, N=1: all ones while the TX FIFO has fewer than 1 entry.
  load({SET(1, 1), MOV(6, 2, 1), PUSH(0, 1), MOV(6, 1, 1), PUSH(0, 1), MOV(6, 0, 5), PUSH(0, 1),
        JMP(0, 7)});
  wr(sm_reg(0, EXECCTRL), 7u << 12 | 1u);
  enable(1);
  advance(20);
  EXPECT_EQ(rd(RXF0), 0x80000000u);
  EXPECT_EQ(rd(RXF0), 0xfffffffeu);
  EXPECT_EQ(rd(RXF0), 0xffffffffu);
}

TEST_F(PioFixture, OutPcAndOutExec) {
  wr(sm_reg(0, SHIFTCTRL), 0x000c0000u);
  // out exec runs `set x, 21` from the FIFO; out pc jumps to 4.
  load({PULL(0, 1), OUT(7, 16), OUT(5, 16), SET(1, 0), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 6)});
  wr(TXF0, uint32_t(4) << 16 | SET(1, 21));
  enable(1);
  advance(20);
  EXPECT_EQ(rd(RXF0), 21u);
}

TEST_F(PioFixture, MovExecAndMovPc) {
  load({PULL(0, 1), MOV(4, 0, 7), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 4)});
  wr(TXF0, SET(1, 17));
  enable(1);
  advance(20);
  EXPECT_EQ(rd(RXF0), 17u);
}

TEST_F(PioFixture, InstrWriteExecutesAtOnceEvenWhenDisabled) {
  wr(sm_reg(0, INSTR), SET(1, 12));
  wr(sm_reg(0, INSTR), MOV(6, 0, 1));
  wr(sm_reg(0, INSTR), PUSH(0, 1));
  EXPECT_EQ(rd(RXF0), 12u);
  wr(sm_reg(0, INSTR), JMP(0, 17));
  EXPECT_EQ(rd(sm_reg(0, ADDR)), 17u);
}

TEST_F(PioFixture, StalledInstrSetsExecStalled) {
  wr(sm_reg(0, INSTR), PULL(0, 1));
  EXPECT_EQ(rd(sm_reg(0, EXECCTRL)) >> 31, 1u);
  wr(TXF0, 3);
  advance(2);
  EXPECT_EQ(rd(sm_reg(0, EXECCTRL)) >> 31, 0u);
  wr(sm_reg(0, INSTR), MOV(6, 0, 7));
  wr(sm_reg(0, INSTR), PUSH(0, 1));
  EXPECT_EQ(rd(RXF0), 3u);
}

TEST_F(PioFixture, IrqSetClearAndForce) {
  load({IRQ(0, 0, 3), JMP(0, 1)});
  enable(1);
  advance(5);
  EXPECT_EQ(rd(IRQR), 0x8u);
  wr(IRQR, 0x8);
  EXPECT_EQ(rd(IRQR), 0u);
  wr(IRQ_FORCE, 0x41);
  EXPECT_EQ(rd(IRQR), 0x41u);
  EXPECT_EQ(rd(INTR) >> 8, 0x1u);
}

TEST_F(PioFixture, IrqRelativeIndexAddsTheSmNumber) {
  load({IRQ(0, 0, 0x11), JMP(0, 1)}, 2);  // irq 1 rel on SM2 -> flag 3
  enable(4);
  advance(5);
  EXPECT_EQ(rd(IRQR), 0x8u);
}

TEST_F(PioFixture, IrqWaitStallsUntilCleared) {
  load({IRQ(0, 1, 2), SET(1, 1), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 4)});
  enable(1);
  advance(50);
  EXPECT_EQ(rd(IRQR), 0x4u);
  EXPECT_EQ(rd(FLEVEL) >> 4 & 0xf, 0u);
  wr(IRQR, 0x4);
  advance(10);
  EXPECT_EQ(rd(RXF0), 1u);
}

TEST_F(PioFixture, WaitIrqBetweenStateMachinesClearsTheFlag) {
  // SM1 waits for flag 0 (and clears it); SM0 raises it after a delay.
  load({SET(1, 0) | D(20), IRQ(0, 0, 0), JMP(0, 2), WAIT(1, 2, 0), SET(1, 6), MOV(6, 0, 1),
        PUSH(0, 1), JMP(0, 7)});
  wr(sm_reg(0, EXECCTRL), 2u << 12);
  wr(sm_reg(1, EXECCTRL), 7u << 12 | 3u << 7);
  wr(sm_reg(1, INSTR), JMP(0, 3));
  enable(3);
  advance(100);
  EXPECT_EQ(rd(RXF0 + 4), 6u);
  EXPECT_EQ(rd(IRQR), 0u);
}

TEST_F(PioFixture, InterruptLineRisesAtTheRightCycleWithoutAnAccess) {
  wr(INTE0, 1u << 8);  // SM0 flag
  load({NOP | D(31), NOP | D(31), IRQ(0, 0, 0), JMP(0, 3)});
  enable(1);
  const uint64_t start = sched.now();
  // Nothing touches the block: only its own scheduled event can raise the line.
  sched.run_until(start + 64);
  EXPECT_EQ(irqs.levels & (1u << rp2040::kPio0Irq0), 0u);
  sched.run_until(start + 70);
  EXPECT_NE(irqs.levels & (1u << rp2040::kPio0Irq0), 0u);
  EXPECT_EQ(rd(INTS0), 1u << 8);
}

TEST_F(PioFixture, RxDreqFollowsTheFifoWithoutAnAccess) {
  load({NOP | D(31), SET(1, 1), MOV(6, 0, 1), PUSH(0, 1), JMP(0, 4)});
  enable(1);
  const uint64_t start = sched.now();
  sched.run_until(start + 10);
  EXPECT_EQ(dreqs.levels >> rp2040::kDreqPio0Tx0 >> 4 & 1, 0ull);
  sched.run_until(start + 100);
  EXPECT_EQ(dreqs.levels >> 4 & 1, 1ull);  // RX0 not empty
}

TEST_F(PioFixture, StalledMachinesScheduleNothing) {
  load({PULL(0, 1)});
  enable(1);
  advance(10);
  EXPECT_EQ(sched.next_event(), UINT64_MAX);
}

TEST_F(PioFixture, SmRestartEmptiesIsrAndOsr) {
  load({SET(1, 7), IN(1, 3), JMP(0, 2)});
  enable(1);
  advance(5);
  enable(0);
  wr(CTRL, 1u << 4);
  wr(sm_reg(0, INSTR), PUSH(0, 1));
  EXPECT_EQ(rd(RXF0), 0u);
  // The OSR is empty after a restart: !OSRE is false.
  wr(sm_reg(0, INSTR), JMP(7, 20));
  EXPECT_NE(rd(sm_reg(0, ADDR)), 20u);
}

TEST_F(PioFixture, CatchUpAtOnceEqualsStepByStep) {
  // A program mixing FIFOs, side-set, delays and a fractional divider, run in two blocks: one
  // caught up every cycle, one only at the end. Results and pin change cycles must agree.
  auto setup = [](PioBench& f) {
    f.wr(sm_reg(0, PINCTRL), 1u << 29 | 2u << 10 | 1u << 20);
    f.wr(sm_reg(0, SHIFTCTRL), 0x000c0000u | 1u << 16 | 1u << 17 | 4u << 20 | 8u << 25);
    f.load({OUT(0, 1) | D(0x12), JMP(5, 3) | D(0x01), IN(0, 1), NOP | D(0x13)});
    f.wr(sm_reg(0, CLKDIV), 0x00014000u);  // 1.25
    for (unsigned i = 0; i < 4; ++i)
      f.wr(TXF0, 0xa5 + i * 17);
    f.enable(1);
  };
  PioBench* a = this;
  auto b = std::make_unique<PioBench>();
  setup(*a);
  setup(*b);
  for (unsigned i = 0; i < 500; ++i)
    a->advance(1);
  b->advance(500);
  EXPECT_EQ(a->outputs, b->outputs);
  EXPECT_EQ(a->rd(FLEVEL), b->rd(FLEVEL));
  EXPECT_EQ(a->rd(sm_reg(0, ADDR)), b->rd(sm_reg(0, ADDR)));
  EXPECT_EQ(a->rd(FDEBUG), b->rd(FDEBUG));
  EXPECT_FALSE(a->outputs.empty());
}

TEST_F(PioFixture, DelayLoopSkipMatchesStepping) {
  // A long `jmp x--` loop is skipped in one step; the pin edge lands on the same cycle.
  wr(sm_reg(0, PINCTRL), 1u << 26);
  load({PULL(0, 1), MOV(1, 0, 7), SET(0, 1), JMP(2, 3), SET(0, 0), JMP(0, 5)});
  wr(TXF0, 100000);
  enable(1);
  advance(200000);
  ASSERT_EQ(outputs.size(), 2u);
  // pull, mov, set (edge at tick 2), 100001 jmps, set (edge at tick 100004).
  EXPECT_EQ(outputs[1].first - outputs[0].first, 100002u);
}
