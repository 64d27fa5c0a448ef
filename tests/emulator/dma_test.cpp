#include "rp2040/dma.h"

#include <gtest/gtest.h>

#include <cstring>
#include <deque>
#include <vector>

#include "line_recorders.h"
#include "rp2040/address_map.h"

using namespace vpico;
using vpico::rp2040::Dma;
using vpico::rp2040::DmaBus;

namespace {

using IrqRecorder = fakes::IrqLines;

// Per-channel register slots and globals (pico-sdk hardware/regs/dma.h).
constexpr uint32_t READ_ADDR = 0x00, WRITE_ADDR = 0x04, TRANS_COUNT = 0x08, CTRL_TRIG = 0x0c,
                   AL1_CTRL = 0x10, AL1_TRANS_COUNT_TRIG = 0x1c, AL2_WRITE_ADDR_TRIG = 0x2c,
                   AL3_TRANS_COUNT = 0x38, AL3_READ_ADDR_TRIG = 0x3c;
constexpr uint32_t INTR = 0x400, INTE0 = 0x404, INTF0 = 0x408, INTS0 = 0x40c, INTE1 = 0x414,
                   TIMER0 = 0x420, MULTI_CHAN_TRIGGER = 0x430, SNIFF_CTRL = 0x434,
                   SNIFF_DATA = 0x438, FIFO_LEVELS = 0x440, CHAN_ABORT = 0x444, N_CHANNELS = 0x448,
                   DBG_TCR = 0x804;
constexpr uint32_t EN = 1u << 0, HIGH_PRIORITY = 1u << 1, SIZE_HALF = 1u << 2, SIZE_WORD = 2u << 2,
                   INCR_READ = 1u << 4, INCR_WRITE = 1u << 5, RING_SEL = 1u << 10,
                   IRQ_QUIET = 1u << 21, BSWAP = 1u << 22, SNIFF_EN = 1u << 23, BUSY = 1u << 24,
                   WRITE_ERROR = 1u << 29, READ_ERROR = 1u << 30, AHB_ERROR = 1u << 31;
constexpr uint32_t kRam = 0x20000000, kFifo = 0x40000000, kLog = 0x40001000;
constexpr uint32_t chain(unsigned ch) {
  return ch << 11;
}
constexpr uint32_t treq(unsigned t) {
  return t << 15;
}
constexpr uint32_t ring(unsigned n) {
  return n << 6;
}
constexpr unsigned kUnpaced = 63, kTimer0 = 59, kDreq = 20;

// A small system: 64 KiB of RAM, a 4-entry FIFO peripheral with a DREQ (drained by a consumer
// every 100 cycles), a write log (kLog + 4*n records who wrote when), the DMA's own registers,
// and nothing else (bus errors).
struct TestBus : DmaBus {
  std::vector<uint8_t> ram = std::vector<uint8_t>(64 * 1024);
  std::deque<uint32_t> fifo;
  std::vector<uint32_t> drained;
  std::vector<std::pair<uint32_t, uint64_t>> log;  // (address, cycle)
  Dma* dma = nullptr;
  Scheduler* sched = nullptr;
  unsigned bursts = 0;

  bool dma_read(uint32_t a, unsigned size, uint32_t& v) override {
    if (a >= kRam && a - kRam + size <= ram.size()) {
      v = 0;
      std::memcpy(&v, &ram[a - kRam], size);
      return true;
    }
    if (a >= rp2040::kDmaBase && a < rp2040::kDmaBase + 0x1000)
      return dma->read(a - rp2040::kDmaBase, v);
    return false;
  }
  bool dma_write(uint32_t a, unsigned size, uint32_t v) override {
    if (a >= kRam && a - kRam + size <= ram.size()) {
      std::memcpy(&ram[a - kRam], &v, size);
      return true;
    }
    if (a == kFifo) {
      EXPECT_LT(fifo.size(), 4u) << "the DMA wrote into a full FIFO";
      fifo.push_back(v);
      dma->set_dreq_level(kDreq, fifo.size() < 4);
      return true;
    }
    if (a >= kLog && a < kLog + 0x100) {
      log.push_back({a, sched->now()});
      return true;
    }
    if (a >= rp2040::kDmaBase && a < rp2040::kDmaBase + 0x1000)
      return dma->write(a - rp2040::kDmaBase, v, 0xffffffffu);
    return false;
  }
  void dma_burst_done() override { ++bursts; }
};

struct DmaFixture : ::testing::Test {
  Scheduler sched;
  IrqRecorder irqs;
  TestBus bus;
  Dma dma{sched, irqs, bus};

  DmaFixture() {
    bus.dma = &dma;
    bus.sched = &sched;
  }
  uint32_t rd(uint32_t off) {
    uint32_t v = 0;
    EXPECT_TRUE(dma.read(off, v));
    return v;
  }
  void wr(uint32_t off, uint32_t v) { EXPECT_TRUE(dma.write(off, v, 0xffffffffu)); }
  uint32_t ch(unsigned n, uint32_t slot) { return n * 0x40 + slot; }
  void put_bytes(uint32_t a, const void* p, size_t n) { std::memcpy(&bus.ram[a - kRam], p, n); }
  uint32_t word(uint32_t a) {
    uint32_t v;
    std::memcpy(&v, &bus.ram[a - kRam], 4);
    return v;
  }
  // Channel n: from `from` to `to`, `count` transfers, CTRL = ctrl (a trigger when it has EN).
  void configure(unsigned n, uint32_t from, uint32_t to, uint32_t count, uint32_t ctrl) {
    wr(ch(n, READ_ADDR), from);
    wr(ch(n, WRITE_ADDR), to);
    wr(ch(n, TRANS_COUNT), count);
    wr(ch(n, CTRL_TRIG), ctrl);
  }
  uint32_t sniff(uint32_t calc, uint32_t seed, uint32_t out_bits, const char* text) {
    put_bytes(kRam, text, std::strlen(text));
    wr(SNIFF_DATA, seed);
    wr(SNIFF_CTRL, 1u | (0u << 1) | (calc << 5) | out_bits);
    configure(0, kRam, kRam + 0x100, uint32_t(std::strlen(text)),
              EN | INCR_READ | SNIFF_EN | treq(kUnpaced) | chain(0));
    sched.run_until(sched.now() + 100);
    return rd(SNIFF_DATA);
  }
};

}  // namespace

TEST_F(DmaFixture, ResetValues) {
  EXPECT_EQ(rd(N_CHANNELS), 12u);
  EXPECT_EQ(rd(ch(0, CTRL_TRIG)), 0u);
  EXPECT_EQ(rd(FIFO_LEVELS), 0u);
  EXPECT_EQ(rd(INTR), 0u);
  EXPECT_EQ(dma.regs().at(ch(3, AL3_READ_ADDR_TRIG)).name(), "CH3_AL3_READ_ADDR_TRIG");
}

TEST_F(DmaFixture, MemoryToMemoryCopiesWords) {
  for (uint32_t i = 0; i < 16; ++i) {
    const uint32_t v = 0xa0000000u + i * 0x01010101u;
    put_bytes(kRam + 4 * i, &v, 4);
  }
  configure(0, kRam, kRam + 0x1000, 16,
            EN | SIZE_WORD | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(0));
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & BUSY);
  sched.run_until(100);
  for (uint32_t i = 0; i < 16; ++i)
    EXPECT_EQ(word(kRam + 0x1000 + 4 * i), word(kRam + 4 * i));
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
  EXPECT_EQ(rd(ch(0, READ_ADDR)), kRam + 64);
  EXPECT_EQ(rd(ch(0, WRITE_ADDR)), kRam + 0x1000 + 64);
  EXPECT_EQ(rd(INTR), 1u);
  EXPECT_EQ(dma.transfers(), 16u);
}

TEST_F(DmaFixture, BusyDropsOnlyAfterTheLastTransferCycle) {
  // One transfer a cycle from the cycle after the trigger: 300 transfers end at cycle 300, the
  // completion is at cycle 301, even though the work runs in bursts.
  configure(0, kRam, kRam + 0x2000, 300, EN | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(0));
  sched.run_until(300);
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & BUSY);
  EXPECT_EQ(rd(INTR), 0u);
  sched.run_until(301);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
  EXPECT_EQ(rd(INTR), 1u);
  EXPECT_GE(bus.bursts, 3u);  // bounded bursts, not one event per transfer nor one for all
  EXPECT_LE(bus.bursts, 4u);
}

TEST_F(DmaFixture, TransCountReadsTheLiveCounterAndReloadsOnEachTrigger) {
  wr(ch(0, TRANS_COUNT), 5);
  EXPECT_EQ(rd(ch(0, TRANS_COUNT)), 0u);  // not triggered: the live counter is untouched
  EXPECT_EQ(rd(DBG_TCR), 5u);
  wr(ch(0, READ_ADDR), kRam);
  wr(ch(0, WRITE_ADDR), kRam + 0x100);
  wr(ch(0, CTRL_TRIG), EN | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(0));
  EXPECT_EQ(rd(ch(0, TRANS_COUNT)), 5u);
  sched.run_until(50);
  EXPECT_EQ(rd(ch(0, TRANS_COUNT)), 0u);
  EXPECT_EQ(rd(ch(0, WRITE_ADDR)), kRam + 0x105);
  wr(MULTI_CHAN_TRIGGER, 1);  // the same length again, from where the addresses are
  EXPECT_EQ(rd(ch(0, TRANS_COUNT)), 5u);
  EXPECT_EQ(rd(MULTI_CHAN_TRIGGER), 0u);
  sched.run_until(100);
  EXPECT_EQ(rd(ch(0, WRITE_ADDR)), kRam + 0x10a);
}

TEST_F(DmaFixture, AliasesTriggerOnTheirLastRegisterOnly) {
  const uint32_t ctrl = EN | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(0);
  wr(ch(0, READ_ADDR), kRam);
  wr(ch(0, WRITE_ADDR), kRam + 0x100);
  wr(ch(0, AL1_CTRL), ctrl);  // not a trigger
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
  wr(ch(0, AL1_TRANS_COUNT_TRIG), 2);
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & BUSY);
  sched.run_until(20);
  EXPECT_EQ(rd(ch(0, WRITE_ADDR)), kRam + 0x102);
  wr(ch(0, AL2_WRITE_ADDR_TRIG), kRam + 0x200);
  sched.run_until(40);
  EXPECT_EQ(rd(ch(0, WRITE_ADDR)), kRam + 0x202);
  wr(ch(0, AL3_TRANS_COUNT), 3);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
  wr(ch(0, AL3_READ_ADDR_TRIG), kRam + 0x10);
  sched.run_until(60);
  EXPECT_EQ(rd(ch(0, READ_ADDR)), kRam + 0x13);
  EXPECT_EQ(rd(ch(0, WRITE_ADDR)), kRam + 0x205);
}

TEST_F(DmaFixture, TriggerIsIgnoredWhenDisabled) {
  configure(0, kRam, kRam + 0x100, 4, INCR_READ | treq(kUnpaced) | chain(0));
  wr(MULTI_CHAN_TRIGGER, 1);
  sched.run_until(50);
  EXPECT_EQ(rd(ch(0, READ_ADDR)), kRam);
  EXPECT_EQ(rd(INTR), 0u);
}

TEST_F(DmaFixture, NullTriggerRaisesTheIrqOnlyWithIrqQuiet) {
  configure(1, kRam, kRam + 0x100, 0, IRQ_QUIET | treq(kUnpaced) | chain(1));
  wr(ch(1, AL3_READ_ADDR_TRIG), 0);
  EXPECT_EQ(rd(INTR), 2u);
  EXPECT_FALSE(rd(ch(1, CTRL_TRIG)) & BUSY);
  wr(INTR, 2);
  wr(ch(1, AL1_CTRL), treq(kUnpaced) | chain(1));
  wr(ch(1, AL3_READ_ADDR_TRIG), 0);
  EXPECT_EQ(rd(INTR), 0u);
}

TEST_F(DmaFixture, ChainingStartsTheNextChannelWhenOneCompletes) {
  configure(1, kRam + 0x40, kRam + 0x140, 4,
            EN | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(1));
  wr(ch(1, AL1_CTRL), EN | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(1));
  configure(0, kRam, kRam + 0x100, 4, EN | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(1));
  sched.run_until(100);
  EXPECT_EQ(rd(ch(1, WRITE_ADDR)), kRam + 0x144);
  EXPECT_EQ(rd(INTR), 3u);
}

TEST_F(DmaFixture, ControlBlocksReprogramADataChannelThroughTheBus) {
  // The control channel writes {count, read address} pairs into the data channel's AL3
  // TRANS_COUNT and READ_ADDR_TRIG (write ring of 8 bytes); the data channel chains back. A
  // {0, 0} block is the null trigger that ends the list.
  const char* words[] = {"DMA ", "control ", "blocks"};
  uint32_t blocks[8] = {};
  uint32_t at = kRam + 0x400;
  for (int i = 0; i < 3; ++i) {
    put_bytes(at, words[i], std::strlen(words[i]));
    blocks[2 * i] = uint32_t(std::strlen(words[i]));
    blocks[2 * i + 1] = at;
    at += 0x40;
  }
  put_bytes(kRam, blocks, sizeof blocks);
  const uint32_t data_ctrl = EN | INCR_READ | INCR_WRITE | IRQ_QUIET | treq(kUnpaced) | chain(0);
  configure(1, 0, kRam + 0x800, 0, 0);
  wr(ch(1, AL1_CTRL), data_ctrl);
  wr(ch(0, READ_ADDR), kRam);
  wr(ch(0, WRITE_ADDR), rp2040::kDmaBase + ch(1, AL3_TRANS_COUNT));
  wr(ch(0, TRANS_COUNT), 2);
  wr(ch(0, AL1_CTRL),
     EN | SIZE_WORD | INCR_READ | INCR_WRITE | RING_SEL | ring(3) | treq(kUnpaced) | chain(0));
  wr(MULTI_CHAN_TRIGGER, 1);
  sched.run_until(1000);
  EXPECT_EQ(std::string(reinterpret_cast<char*>(&bus.ram[0x800]), 18), "DMA control blocks");
  EXPECT_TRUE(rd(INTR) & 2u);  // the null trigger's IRQ
  EXPECT_FALSE(rd(ch(1, CTRL_TRIG)) & BUSY);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
}

TEST_F(DmaFixture, RingWrapsTheReadAddress) {
  const uint32_t pattern[4] = {1, 2, 3, 4};
  put_bytes(kRam, pattern, sizeof pattern);
  configure(0, kRam, kRam + 0x100, 10,
            EN | SIZE_WORD | INCR_READ | INCR_WRITE | ring(4) | treq(kUnpaced) | chain(0));
  sched.run_until(50);
  for (uint32_t i = 0; i < 10; ++i)
    EXPECT_EQ(word(kRam + 0x100 + 4 * i), pattern[i % 4]);
  EXPECT_EQ(rd(ch(0, READ_ADDR)), kRam + 8);
}

TEST_F(DmaFixture, BswapReversesBytesInHalfwordsAndWords) {
  const uint32_t w = 0x11223344;
  put_bytes(kRam, &w, 4);
  configure(0, kRam, kRam + 0x100, 1, EN | SIZE_WORD | BSWAP | treq(kUnpaced) | chain(0));
  sched.run_until(20);
  EXPECT_EQ(word(kRam + 0x100), 0x44332211u);
  configure(0, kRam, kRam + 0x200, 2,
            EN | SIZE_HALF | BSWAP | INCR_READ | INCR_WRITE | treq(kUnpaced) | chain(0));
  sched.run_until(40);
  EXPECT_EQ(word(kRam + 0x200), 0x22114433u);  // halfwords 0x3344, 0x1122 swapped
}

// Check values from the CRC catalogue for "123456789".
TEST_F(DmaFixture, SniffCrc32MatchesMpeg2CheckValue) {
  EXPECT_EQ(sniff(0x0, 0xffffffff, 0, "123456789"), 0x0376e6e7u);
}

TEST_F(DmaFixture, SniffBitReversedCrc32WithOutRevAndInvIsStandardCrc32) {
  EXPECT_EQ(sniff(0x1, 0xffffffff, (1u << 10) | (1u << 11), "123456789"), 0xcbf43926u);
}

TEST_F(DmaFixture, SniffCrc16CcittMatchesFalseCheckValue) {
  EXPECT_EQ(sniff(0x2, 0xffff, 0, "123456789"), 0x29b1u);
}

TEST_F(DmaFixture, SniffBitReversedCrc16MatchesKermitCheckValue) {
  EXPECT_EQ(sniff(0x3, 0, 1u << 10, "123456789") >> 16, 0x2189u);
}

TEST_F(DmaFixture, SniffXorIsParityAndSumAdds) {
  EXPECT_EQ(sniff(0xe, 0, 0, "\x01\x03\x07"), 0u);  // 6 bits set
  EXPECT_EQ(sniff(0xe, 0, 0, "\x01\x03"), 1u);
  EXPECT_EQ(sniff(0xf, 100, 0, "\x01\x02\x03"), 106u);
}

TEST_F(DmaFixture, SniffIgnoresChannelsWithoutSniffEnable) {
  put_bytes(kRam, "abc", 3);
  wr(SNIFF_DATA, 7);
  wr(SNIFF_CTRL, 1u | (0xfu << 5));
  configure(0, kRam, kRam + 0x100, 3, EN | INCR_READ | treq(kUnpaced) | chain(0));
  sched.run_until(50);
  EXPECT_EQ(rd(SNIFF_DATA), 7u);
}

TEST_F(DmaFixture, PacingTimerAllowsXTransfersEveryYCycles) {
  wr(TIMER0, (1u << 16) | 10);  // one request every 10 cycles
  configure(0, kRam, kLog, 5, EN | INCR_READ | treq(kTimer0) | chain(0));
  sched.run_until(200);
  ASSERT_EQ(bus.log.size(), 5u);
  for (size_t i = 0; i < 5; ++i)
    EXPECT_EQ(bus.log[i].second, 10 * (i + 1));
}

TEST_F(DmaFixture, DreqPacesTransfersToAFifo) {
  // The consumer drains one entry every 100 cycles; the DMA refills as the DREQ rises.
  dma.set_dreq_level(kDreq, true);
  std::function<void()> drain = [&] {
    if (!bus.fifo.empty()) {
      bus.drained.push_back(bus.fifo.front());
      bus.fifo.pop_front();
      dma.set_dreq_level(kDreq, true);
    }
    sched.after(100, drain);
  };
  sched.after(100, drain);
  for (uint32_t i = 0; i < 20; ++i)
    bus.ram[i] = uint8_t(i + 1);
  configure(0, kRam, kFifo, 20, EN | INCR_READ | treq(kDreq) | chain(0));
  sched.run_until(1000);
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & BUSY);
  // 4 at once, then one the cycle after each drain (the last drain, at 1000, not yet refilled).
  EXPECT_EQ(rd(ch(0, TRANS_COUNT)), 20u - 4u - 9u);
  sched.run_until(3000);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
  ASSERT_EQ(bus.drained.size() + bus.fifo.size(), 20u);
  for (uint32_t i = 0; i < bus.drained.size(); ++i)
    EXPECT_EQ(bus.drained[i], i + 1);
}

TEST_F(DmaFixture, HighPriorityChannelsGoFirstEachRound) {
  configure(0, kRam, kLog + 0x00, 6, EN | treq(kUnpaced) | chain(0));
  wr(ch(1, READ_ADDR), kRam);
  wr(ch(1, WRITE_ADDR), kLog + 0x10);
  wr(ch(1, TRANS_COUNT), 6);
  wr(ch(1, AL1_CTRL), EN | HIGH_PRIORITY | treq(kUnpaced) | chain(1));
  wr(ch(2, READ_ADDR), kRam);
  wr(ch(2, WRITE_ADDR), kLog + 0x20);
  wr(ch(2, TRANS_COUNT), 6);
  wr(ch(2, AL1_CTRL), EN | HIGH_PRIORITY | treq(kUnpaced) | chain(2));
  wr(MULTI_CHAN_TRIGGER, 7);
  sched.run_until(100);
  ASSERT_EQ(bus.log.size(), 18u);
  const uint32_t order[6] = {0x10, 0x20, 0x00, 0x10, 0x20, 0x00};
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(bus.log[i].first - kLog, order[i]) << i;
    EXPECT_EQ(bus.log[i].second, i + 1);  // one transfer per cycle over all channels
  }
}

TEST_F(DmaFixture, AbortStopsAChannelWithoutAnIrq) {
  dma.set_dreq_level(kDreq, false);
  configure(0, kRam, kFifo, 10, EN | INCR_READ | treq(kDreq) | chain(0));
  sched.run_until(20);
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & BUSY);
  wr(CHAN_ABORT, 1);
  EXPECT_EQ(rd(CHAN_ABORT), 0u);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
  EXPECT_EQ(rd(ch(0, TRANS_COUNT)), 0u);
  dma.set_dreq_level(kDreq, true);
  sched.run_until(100);
  EXPECT_TRUE(bus.fifo.empty());
  EXPECT_EQ(rd(INTR), 0u);
}

TEST_F(DmaFixture, ClearingEnPausesAndSettingItResumes) {
  configure(0, kRam, kLog, 4, EN | treq(kUnpaced) | chain(0));
  wr(ch(0, AL1_CTRL), treq(kUnpaced) | chain(0));  // paused before the first transfer
  sched.run_until(50);
  EXPECT_TRUE(bus.log.empty());
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & BUSY);
  wr(ch(0, AL1_CTRL), EN | treq(kUnpaced) | chain(0));
  sched.run_until(100);
  EXPECT_EQ(bus.log.size(), 4u);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
}

TEST_F(DmaFixture, IrqLinesFollowInteIntfAndIntsClears) {
  wr(INTE0, 1);
  wr(INTE1, 2);
  configure(0, kRam, kRam + 0x100, 1, EN | treq(kUnpaced) | chain(0));
  sched.run_until(10);
  EXPECT_EQ(irqs.levels, 1u << rp2040::kDmaIrq0);
  EXPECT_EQ(rd(INTS0), 1u);
  wr(INTS0, 1);
  EXPECT_EQ(rd(INTR), 0u);
  EXPECT_EQ(irqs.levels, 0u);
  wr(INTF0, 4);
  EXPECT_EQ(irqs.levels, 1u << rp2040::kDmaIrq0);
  EXPECT_EQ(rd(INTS0), 4u);
  wr(INTF0, 0);
  EXPECT_EQ(irqs.levels, 0u);
}

TEST_F(DmaFixture, ReadFromUnmappedAddressSetsReadErrorAndHalts) {
  configure(0, 0x30000000, kRam, 4, EN | IRQ_QUIET | treq(kUnpaced) | chain(1));
  wr(ch(1, AL1_CTRL), EN | treq(kUnpaced) | chain(1));
  sched.run_until(20);
  const uint32_t c = rd(ch(0, CTRL_TRIG));
  EXPECT_TRUE(c & READ_ERROR);
  EXPECT_TRUE(c & AHB_ERROR);
  EXPECT_FALSE(c & BUSY);
  EXPECT_EQ(rd(INTR), 1u);  // raised despite IRQ_QUIET; channel 1 was not chained to
  EXPECT_EQ(rd(ch(0, READ_ADDR)), 0x30000000u);
  wr(ch(0, AL1_CTRL), c | READ_ERROR);  // write 1 to clear
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & (READ_ERROR | AHB_ERROR));
}

TEST_F(DmaFixture, WriteToUnmappedAddressSetsWriteError) {
  configure(0, kRam, 0xd0000000, 4, EN | treq(kUnpaced) | chain(0));
  sched.run_until(20);
  EXPECT_TRUE(rd(ch(0, CTRL_TRIG)) & WRITE_ERROR);
  EXPECT_FALSE(rd(ch(0, CTRL_TRIG)) & BUSY);
}

TEST_F(DmaFixture, SameInputsGiveTheSameCycles) {
  auto run = [] {
    Scheduler s;
    IrqRecorder i;
    TestBus b;
    Dma d(s, i, b);
    b.dma = &d;
    b.sched = &s;
    d.write(TIMER0, (3u << 16) | 7, 0xffffffffu);
    d.write(READ_ADDR, kRam, ~0u);
    d.write(WRITE_ADDR, kLog, ~0u);
    d.write(TRANS_COUNT, 50, ~0u);
    d.write(CTRL_TRIG, EN | treq(kTimer0) | chain(0), ~0u);
    d.write(0x40 + READ_ADDR, kRam, ~0u);
    d.write(0x40 + WRITE_ADDR, kLog + 4, ~0u);
    d.write(0x40 + TRANS_COUNT, 300, ~0u);
    d.write(0x40 + CTRL_TRIG, EN | treq(kUnpaced) | chain(1), ~0u);
    s.run_until(2000);
    return b.log;
  };
  EXPECT_EQ(run(), run());
}

// PWM wrap DREQs are one-cycle pulses: each one is a credit for one transfer (datasheet
// 2.5.3.2), and the DMA tells the PWM which slices it waits on.
TEST_F(DmaFixture, PwmWrapPulsesPaceOneTransferEach) {
  constexpr unsigned kPwmWrap3 = 27;
  uint32_t wanted = 0;
  dma.on_pwm_dreqs_wanted = [&](uint32_t slices) { wanted = slices; };
  for (uint32_t i = 0; i < 4; ++i)
    bus.ram[i] = uint8_t(0x10 + i);
  configure(0, kRam, kLog, 3, EN | INCR_READ | (0u << 2) | treq(kPwmWrap3) | chain(0));
  EXPECT_EQ(wanted, 1u << 3);
  sched.run_until(sched.now() + 100);
  EXPECT_TRUE(bus.log.empty());
  for (int pulse = 0; pulse < 3; ++pulse) {
    dma.set_dreq_level(kPwmWrap3, true);  // the wrap
    sched.run_until(sched.now() + 1);
    dma.set_dreq_level(kPwmWrap3, false);  // one cycle later
    sched.run_until(sched.now() + 200);
    EXPECT_EQ(bus.log.size(), size_t(pulse + 1)) << "after pulse " << pulse;
  }
  sched.run_until(sched.now() + 10);
  EXPECT_EQ(rd(ch(0, CTRL_TRIG)) & BUSY, 0u);
  EXPECT_EQ(wanted, 0u);  // done: the PWM need not make wrap events any more
}
