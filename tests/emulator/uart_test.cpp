#include "rp2040/uart.h"

#include <gtest/gtest.h>

#include "line_recorders.h"
#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::Uart;

namespace {
using IrqRecorder = fakes::IrqLines;

constexpr uint32_t DR = 0x00, FR = 0x18, IBRD = 0x24, FBRD = 0x28, LCR_H = 0x2c, CR = 0x30,
                   IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40, ICR = 0x44;
constexpr uint32_t kTXFF = 1u << 5, kRXFE = 1u << 4, kBUSY = 1u << 3, kTXFE = 1u << 7;

struct UartFixture : ::testing::Test {
  Scheduler sched;
  SerialPort port{"uart0"};
  IrqRecorder irqs;
  uint32_t peri = 12'000'000, sys = 12'000'000;
  Uart uart{0, sched, port, irqs, [this] { return peri; }, [this] { return sys; }};

  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(uart.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(uart.write(off, v, 0xffffffff)); }
  // 115200 8N1 from 12 MHz: divisor 6.5104 -> IBRD 6, FBRD 33 (datasheet 4.2.7.1).
  void setup_115200(bool fifo = true) {
    wr(IBRD, 6);
    wr(FBRD, 33);
    wr(LCR_H, (3u << 5) | (fifo ? 1u << 4 : 0));
    wr(CR, 0x301);
  }
};
}  // namespace

TEST_F(UartFixture, ResetFlagsAndIds) {
  EXPECT_EQ(rd(FR), kRXFE | kTXFE);
  EXPECT_EQ(rd(CR), 0x300u);
  EXPECT_EQ(rd(0xfe0), 0x11u);
  EXPECT_EQ(rd(0xffc), 0xb1u);
}

TEST_F(UartFixture, FrameTakesTenBitTimesAt115200) {
  setup_115200();
  // 10 bits x 16 x (6 + 33/64) clk_peri periods = 1042.5 -> 1043 clk_sys cycles.
  EXPECT_EQ(uart.frame_cycles(), 1043u);
  sys = 125'000'000;
  EXPECT_EQ(uart.frame_cycles(), 10860u);  // same wire time counted in faster clk_sys cycles
}

TEST_F(UartFixture, TransmitsBytesAtTheBaudRate) {
  setup_115200();
  wr(DR, 'h');
  wr(DR, 'i');
  EXPECT_TRUE(rd(FR) & kBUSY);
  sched.run_until(1042);
  EXPECT_EQ(port.output(), "");
  sched.run_until(1043);
  EXPECT_EQ(port.output(), "h");
  sched.run_until(2 * 1043);
  EXPECT_EQ(port.output(), "hi");
  EXPECT_EQ(rd(FR), kRXFE | kTXFE);
}

TEST_F(UartFixture, NothingLeavesWhileDisabledOrWithoutBaudRate) {
  wr(DR, 'x');
  sched.run_until(1'000'000);
  EXPECT_EQ(port.output(), "");
  setup_115200();  // enabling starts the waiting byte
  sched.run_until(1'002'000);
  EXPECT_EQ(port.output(), "x");
}

TEST_F(UartFixture, TxFifoHolds32AndThenReportsFull) {
  setup_115200();
  for (int i = 0; i < 32; ++i)
    wr(DR, 'a');
  EXPECT_TRUE(rd(FR) & kTXFF);
  wr(DR, 'b');  // lost
  sched.run_until(40 * 1043);
  EXPECT_EQ(port.output(), std::string(32, 'a'));
}

TEST_F(UartFixture, WithoutFifoTheHoldingRegisterIsOneDeep) {
  setup_115200(false);
  wr(DR, 'a');
  EXPECT_TRUE(rd(FR) & kTXFF);
}

TEST_F(UartFixture, ReceivesHostBytesAtTheBaudRate) {
  setup_115200();
  port.send("ok");
  EXPECT_TRUE(rd(FR) & kRXFE);
  sched.run_until(1043);
  EXPECT_FALSE(rd(FR) & kRXFE);
  EXPECT_EQ(rd(DR), uint32_t('o'));
  sched.run_until(2 * 1043);
  EXPECT_EQ(rd(DR), uint32_t('k'));
  EXPECT_TRUE(rd(FR) & kRXFE);
}

TEST_F(UartFixture, ReceiveTimeoutRaisesTheIrqWhenUnmasked) {
  setup_115200();
  wr(IMSC, 1u << 6);  // RTIM
  port.send("z");
  sched.run_until(1043);
  EXPECT_EQ(irqs.levels, 0u);
  sched.run_until(1043 + 3400);  // 32 bit periods later
  EXPECT_TRUE(rd(RIS) & (1u << 6));
  EXPECT_EQ(irqs.levels, 1u << 20);  // UART0_IRQ
  rd(DR);
  EXPECT_EQ(irqs.levels, 0u);
}

TEST_F(UartFixture, OverrunSetsOeWhenTheFifoIsFull) {
  setup_115200();
  port.send(std::string(33, 'q'));
  sched.run_until(34 * 1043);
  EXPECT_TRUE(rd(RIS) & (1u << 10));
  wr(ICR, 1u << 10);
  EXPECT_FALSE(rd(RIS) & (1u << 10));
}

TEST_F(UartFixture, TxInterruptRisesWhenTheFifoDrainsToTheTriggerLevel) {
  setup_115200();
  // PL011 TRM: TXRIS changes state on FIFO level transitions; an idle empty FIFO has not
  // crossed the trigger level (1/2 = 16 entries at reset), so it reads 0.
  EXPECT_EQ(rd(RIS) & (1u << 5), 0u);
  wr(IMSC, 1u << 5);
  EXPECT_EQ(irqs.levels, 0u);
  for (int i = 0; i < 20; ++i)
    wr(DR, 'a');
  EXPECT_EQ(irqs.levels, 0u);
  // 4 frames out (1042 cycles each at 12 MHz) leave 16: at the trigger level.
  sched.run_until(3 * 1042 + 1000);
  EXPECT_EQ(irqs.levels, 0u);
  sched.run_until(4 * 1042 + 100);
  EXPECT_EQ(irqs.levels, 1u << 20);
  EXPECT_EQ(rd(MIS), 1u << 5);
  // UARTICR clears it while the FIFO stays low (what MicroPython's rp2 UART driver relies on).
  wr(ICR, 1u << 5);
  EXPECT_EQ(irqs.levels, 0u);
  sched.run_until(30 * 1042);
  EXPECT_EQ(irqs.levels, 0u);
  // Filling above the level and draining again raises it again.
  for (int i = 0; i < 17; ++i)
    wr(DR, 'b');
  sched.run_until(32 * 1042);
  EXPECT_EQ(irqs.levels, 1u << 20);
}

TEST_F(UartFixture, RxInterruptClearsByIcrOrByReadingBelowTheLevel) {
  setup_115200();
  wr(IFLS, 0);  // RX trigger at 1/8 = 4 entries
  wr(IMSC, 1u << 4);
  port.send("abcd");
  sched.run_until(5 * 1042);
  EXPECT_EQ(irqs.levels, 1u << 20);
  wr(ICR, 1u << 4);
  EXPECT_EQ(irqs.levels, 0u);
  port.send("e");
  sched.run_until(7 * 1042);
  EXPECT_EQ(irqs.levels, 0u);  // still above the level: no new transition
  for (int i = 0; i < 2; ++i)
    rd(DR);
  port.send("f");  // 3 -> 4 entries: a new transition
  sched.run_until(9 * 1042);
  EXPECT_EQ(irqs.levels, 1u << 20);
  rd(DR);
  EXPECT_EQ(irqs.levels, 0u);  // reading below the level clears it
}

TEST_F(UartFixture, LoopbackFeedsTransmitToReceive) {
  setup_115200();
  wr(CR, 0x381);  // LBE
  wr(DR, 'L');
  sched.run_until(1043);
  EXPECT_EQ(port.output(), "");
  EXPECT_EQ(rd(DR), uint32_t('L'));
}

namespace {
struct DreqRecorder : DreqSink {
  bool level[64] = {};
  void set_dreq_level(unsigned dreq, bool on) override { level[dreq] = on; }
};
constexpr uint32_t DMACR = 0x48;
}  // namespace

TEST_F(UartFixture, TxDreqIsHighWhileTheFifoHasRoomAndTxdmaeIsSet) {
  DreqRecorder dreqs;
  uart.attach_dreq(dreqs);
  setup_115200();
  EXPECT_FALSE(dreqs.level[rp2040::kDreqUart0Tx]);  // TXDMAE clear
  wr(DMACR, 2);
  EXPECT_TRUE(dreqs.level[rp2040::kDreqUart0Tx]);
  for (int i = 0; i < 32; ++i)
    wr(DR, 'a');
  EXPECT_FALSE(dreqs.level[rp2040::kDreqUart0Tx]);  // full
  sched.run_until(uart.frame_cycles() + 1);         // one frame out: room for one more
  EXPECT_TRUE(dreqs.level[rp2040::kDreqUart0Tx]);
  EXPECT_FALSE(dreqs.level[rp2040::kDreqUart0Rx]);
}

TEST_F(UartFixture, RxDreqIsHighWhileTheFifoHoldsDataAndRxdmaeIsSet) {
  DreqRecorder dreqs;
  uart.attach_dreq(dreqs);
  setup_115200();
  wr(DMACR, 1);
  port.send("x");
  sched.run_until(2 * uart.frame_cycles());
  EXPECT_TRUE(dreqs.level[rp2040::kDreqUart0Rx]);
  EXPECT_EQ(rd(DR), uint32_t('x'));
  EXPECT_FALSE(dreqs.level[rp2040::kDreqUart0Rx]);
}
