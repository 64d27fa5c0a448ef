// USBCTRL in device mode (emulator/rp2040/usb.h) on its own, with a fake interrupt line, and the
// usb_cdc image (firmware/tests/usb_cdc) against the machine's virtual USB host.
#include <gtest/gtest.h>

#include <array>
#include <cstring>
#include <filesystem>

#include "bus.h"
#include "diagnostics.h"
#include "loader/image.h"
#include "machine.h"
#include "rp2040/address_map.h"
#include "rp2040/usb.h"
#include "usb_host.h"

using namespace vpico;
using rp2040::Usb;
using rp2040::UsbHandshake;

namespace {

struct FakeIrqs : IrqSink {
  bool level[32] = {};
  void set_irq_level(unsigned irq, bool l) override { level[irq] = l; }
};

constexpr uint32_t kAll = 0xffffffffu;
constexpr uint32_t kFull = 1u << 15, kLast = 1u << 14, kData1 = 1u << 13, kStall = 1u << 11,
                   kAvailable = 1u << 10;

class UsbTest : public ::testing::Test {
 protected:
  UsbTest() : usb(irqs, [] { return 48'000'000u; }), dpram(usb) {
    usb.reset();
    usb.on_warning = [this](const std::string&, const std::string& m) { warnings.push_back(m); };
  }
  uint32_t reg(uint32_t offset) {
    uint32_t v = 0;
    EXPECT_TRUE(usb.read(offset, v));
    return v;
  }
  void set(uint32_t offset, uint32_t value) { ASSERT_TRUE(usb.write(offset, value, kAll)); }
  void clear_alias(uint32_t offset, uint32_t bits) { ASSERT_TRUE(usb.write(offset, 0, bits)); }
  void poke(uint32_t offset, uint32_t value) { ASSERT_TRUE(dpram.write(offset, value, kAll)); }
  uint32_t peek(uint32_t offset) {
    uint32_t v = 0;
    EXPECT_TRUE(dpram.read(offset, v));
    return v;
  }
  // What TinyUSB and usb_cdc do before pulling up, then the host's reset.
  void attach() {
    set(Usb::kUsbMuxing, 1 | 8);
    set(Usb::kUsbPwr, 4 | 8);
    set(Usb::kMainCtrl, 1);
    set(Usb::kSieCtrl, (1u << 29) | (1u << 16));  // EP0_INT_1BUF, PULLUP_EN
    ASSERT_TRUE(usb.attached());
    usb.set_connected(true);
    usb.bus_reset();
    clear_alias(Usb::kSieStatus, Usb::kStBusReset);
  }
  static constexpr uint32_t bc(unsigned ep, bool in) { return 0x80 + ep * 8 + (in ? 0 : 4); }
  static constexpr uint32_t ec(unsigned ep, bool in) { return 0x08 + (ep - 1) * 8 + (in ? 0 : 4); }

  FakeIrqs irqs;
  Usb usb;
  rp2040::UsbDpram dpram;
  std::vector<std::string> warnings;
};

const std::array<uint8_t, 8> kGetDevice{0x80, 6, 0, 1, 0, 0, 18, 0};

}  // namespace

TEST_F(UsbTest, AttachNeedsControllerPullupPhyAndVbus) {
  int changes = 0;
  usb.on_attach_change = [&] { ++changes; };
  set(Usb::kMainCtrl, 1);
  set(Usb::kSieCtrl, 1u << 16);
  EXPECT_FALSE(usb.attached());
  EXPECT_TRUE(usb.pulls_up());
  EXPECT_NE(usb.attach_problem().find("TO_PHY"), std::string::npos);
  set(Usb::kUsbMuxing, 1);
  EXPECT_NE(usb.attach_problem().find("VBUS"), std::string::npos);
  EXPECT_FALSE(reg(Usb::kSieStatus) & Usb::kStVbusDetected);
  set(Usb::kUsbPwr, 4 | 8);  // VBUS_DETECT with its override
  EXPECT_TRUE(reg(Usb::kSieStatus) & Usb::kStVbusDetected);
  EXPECT_TRUE(usb.attached());
  EXPECT_GE(changes, 2);  // pull-up on, then attached
  set(Usb::kSieCtrl, 0);
  EXPECT_FALSE(usb.attached());
}

TEST_F(UsbTest, AttachNeedsClkUsbAt48MHz) {
  Usb slow(irqs, [] { return 12'000'000u; });
  slow.reset();
  ASSERT_TRUE(slow.write(Usb::kUsbMuxing, 1, kAll));
  ASSERT_TRUE(slow.write(Usb::kUsbPwr, 12, kAll));
  ASSERT_TRUE(slow.write(Usb::kMainCtrl, 1, kAll));
  ASSERT_TRUE(slow.write(Usb::kSieCtrl, 1u << 16, kAll));
  EXPECT_FALSE(slow.attached());
  EXPECT_NE(slow.attach_problem().find("clk_usb"), std::string::npos);
}

TEST_F(UsbTest, BusResetSetsStatusAndInterrupt) {
  attach();
  set(Usb::kInte, Usb::kIntBusReset);
  EXPECT_FALSE(irqs.level[rp2040::kUsbctrlIrq]);
  usb.bus_reset();
  EXPECT_TRUE(reg(Usb::kSieStatus) & Usb::kStBusReset);
  EXPECT_TRUE(reg(Usb::kIntr) & Usb::kIntBusReset);
  EXPECT_EQ(reg(Usb::kInts), Usb::kIntBusReset);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
  set(Usb::kSieStatus, Usb::kStBusReset);  // write 1 to clear
  EXPECT_FALSE(reg(Usb::kSieStatus) & Usb::kStBusReset);
  EXPECT_FALSE(irqs.level[rp2040::kUsbctrlIrq]);
}

TEST_F(UsbTest, SetupPacketLandsInDpramAndRaisesSetupReq) {
  attach();
  set(Usb::kInte, Usb::kIntSetupReq);
  set(Usb::kEpStallArm, 3);
  EXPECT_EQ(usb.setup(0, kGetDevice), UsbHandshake::Ack);
  EXPECT_EQ(peek(0), 0x01000680u);
  EXPECT_EQ(peek(4), 0x00120000u);
  EXPECT_TRUE(reg(Usb::kSieStatus) & Usb::kStSetupRec);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
  EXPECT_EQ(reg(Usb::kEpStallArm), 0u) << "a SETUP clears EP0's stall arms";
  clear_alias(Usb::kSieStatus, Usb::kStSetupRec);  // TinyUSB: usb_hw_clear->sie_status
  EXPECT_FALSE(reg(Usb::kSieStatus) & Usb::kStSetupRec);
  EXPECT_FALSE(irqs.level[rp2040::kUsbctrlIrq]);
}

TEST_F(UsbTest, TokensGoOnlyToTheDeviceAddress) {
  attach();
  EXPECT_EQ(usb.setup(5, kGetDevice), UsbHandshake::None);
  set(Usb::kAddrEndp, 5);
  EXPECT_EQ(usb.setup(0, kGetDevice), UsbHandshake::None);
  EXPECT_EQ(usb.setup(5, kGetDevice), UsbHandshake::Ack);
}

TEST_F(UsbTest, NoAnswerWhileDisconnected) {
  EXPECT_EQ(usb.setup(0, kGetDevice), UsbHandshake::None);
}

TEST_F(UsbTest, InNaksUntilTheBufferIsAvailable) {
  attach();
  std::vector<std::pair<unsigned, bool>> armed;
  usb.on_buffer_armed = [&](unsigned ep, bool in) { armed.emplace_back(ep, in); };
  bool pid = false;
  std::vector<uint8_t> data;
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Nak);
  ASSERT_TRUE(dpram.write(0x100, 0x44332211, kAll));
  poke(bc(0, true), kFull | kData1 | 3);  // everything but AVAILABLE
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Nak);
  EXPECT_TRUE(armed.empty());
  EXPECT_EQ(usb.peek_in(0, 0), -1);
  poke(bc(0, true), kFull | kData1 | kAvailable | 3);
  ASSERT_EQ(armed.size(), 1u);
  EXPECT_EQ(armed[0], std::make_pair(0u, true));
  EXPECT_EQ(usb.peek_in(0, 0), 3);
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Ack);
  EXPECT_EQ(data, (std::vector<uint8_t>{0x11, 0x22, 0x33}));
  EXPECT_TRUE(pid);
  // The controller writes the status back: neither AVAILABLE nor FULL.
  EXPECT_EQ(peek(bc(0, true)), kData1 | 3);
  EXPECT_EQ(reg(Usb::kBuffStatus), 1u);  // EP0_IN, with SIE_CTRL.EP0_INT_1BUF
  EXPECT_TRUE(reg(Usb::kIntr) & Usb::kIntBuffStatus);
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Nak) << "a buffer is used once";
}

TEST_F(UsbTest, BuffStatusClearsThroughTheClrAliasAndDropsTheIrq) {
  attach();
  set(Usb::kInte, Usb::kIntBuffStatus);
  poke(bc(0, true), kFull | kAvailable | 0);
  bool pid;
  std::vector<uint8_t> data;
  ASSERT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Ack);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
  clear_alias(Usb::kBuffStatus, 1);
  EXPECT_EQ(reg(Usb::kBuffStatus), 0u);
  EXPECT_FALSE(irqs.level[rp2040::kUsbctrlIrq]);
}

TEST_F(UsbTest, OutFillsTheBufferAndSetsLengthAndFull) {
  attach();
  poke(ec(2, false), (1u << 31) | (1u << 29) | (2u << 26) | 0x1c0);
  poke(bc(2, false), kAvailable | 64);  // DATA0, room for 64
  const std::vector<uint8_t> bytes{'h', 'i', '!'};
  EXPECT_EQ(usb.out(0, 2, false, bytes), UsbHandshake::Ack);
  EXPECT_EQ(peek(bc(2, false)), kFull | 3);
  EXPECT_EQ(peek(0x1c0) & 0xffffff, 0x216968u);
  EXPECT_EQ(reg(Usb::kBuffStatus), 1u << 5);  // EP2_OUT
  EXPECT_EQ(usb.out(0, 2, true, bytes), UsbHandshake::Nak);
}

TEST_F(UsbTest, OutWithTheWrongPidIsADataSequenceError) {
  attach();
  set(Usb::kInte, Usb::kIntErrorDataSeq);
  poke(bc(0, false), kData1 | kAvailable | 64);
  const std::vector<uint8_t> bytes{1, 2};
  EXPECT_EQ(usb.out(0, 0, false, bytes), UsbHandshake::Ack);
  EXPECT_TRUE(reg(Usb::kSieStatus) & Usb::kStDataSeqError);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
  EXPECT_EQ(peek(bc(0, false)), kData1 | kAvailable | 64) << "the buffer stays armed";
  EXPECT_EQ(warnings.size(), 1u);
}

TEST_F(UsbTest, DisabledEndpointDoesNotAnswer) {
  attach();
  poke(bc(3, true), kFull | kAvailable | 1);
  bool pid;
  std::vector<uint8_t> data;
  EXPECT_EQ(usb.in(0, 3, pid, data), UsbHandshake::None);
}

TEST_F(UsbTest, Ep0StallNeedsStallArm) {
  attach();
  poke(bc(0, true), kStall);
  bool pid;
  std::vector<uint8_t> data;
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Nak);
  set(Usb::kEpStallArm, 1);
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Stall);
  usb.setup(0, kGetDevice);
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Nak);
}

TEST_F(UsbTest, StallOnOtherEndpointsAndItsInterrupt) {
  attach();
  poke(ec(1, true), (1u << 31) | (1u << 17) | (2u << 26) | 0x180);  // INTERRUPT_ON_STALL
  poke(bc(1, true), kStall);
  set(Usb::kInte, Usb::kIntEpStallNak);
  bool pid;
  std::vector<uint8_t> data;
  EXPECT_EQ(usb.in(0, 1, pid, data), UsbHandshake::Stall);
  EXPECT_EQ(reg(Usb::kEpStatusStallNak), 1u << 2);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
}

TEST_F(UsbTest, LastBufferSetsTransComplete) {
  attach();
  poke(bc(0, true), kFull | kLast | kAvailable | 0);
  bool pid;
  std::vector<uint8_t> data;
  ASSERT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Ack);
  EXPECT_TRUE(reg(Usb::kSieStatus) & Usb::kStTransComplete);
  EXPECT_TRUE(reg(Usb::kIntr) & Usb::kIntTransComplete);
}

TEST_F(UsbTest, DoubleBufferedEndpointAlternatesBuffers) {
  attach();
  poke(ec(1, true), (1u << 31) | (1u << 30) | (1u << 29) | (2u << 26) | 0x180);
  poke(0x180, 0xa0);
  poke(0x1c0, 0xb0);
  poke(bc(1, true), ((kFull | kData1 | kAvailable | 1) << 16) | kFull | kAvailable | 1);
  bool pid;
  std::vector<uint8_t> data;
  ASSERT_EQ(usb.in(0, 1, pid, data), UsbHandshake::Ack);
  EXPECT_EQ(data, std::vector<uint8_t>{0xa0});
  EXPECT_FALSE(pid);
  EXPECT_EQ(reg(Usb::kBuffCpuShouldHandle) & 4, 0u);
  ASSERT_EQ(usb.in(0, 1, pid, data), UsbHandshake::Ack);
  EXPECT_EQ(data, std::vector<uint8_t>{0xb0});
  EXPECT_TRUE(pid);
  EXPECT_EQ(reg(Usb::kBuffCpuShouldHandle) & 4, 4u) << "buffer 1 was the one done";
  EXPECT_EQ(usb.in(0, 1, pid, data), UsbHandshake::Nak);
  // RESET in buffer control puts the selector back on buffer 0.
  poke(bc(1, true), kFull | kAvailable | (1u << 12) | 1);
  ASSERT_EQ(usb.in(0, 1, pid, data), UsbHandshake::Ack);
  EXPECT_EQ(data, std::vector<uint8_t>{0xa0});
}

TEST_F(UsbTest, EpAbortNaksAndReportsDone) {
  attach();
  set(Usb::kInte, Usb::kIntAbortDone);
  poke(bc(0, true), kFull | kAvailable | 0);
  set(Usb::kEpAbort, 1);
  EXPECT_EQ(reg(Usb::kEpAbortDone), 1u);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
  bool pid;
  std::vector<uint8_t> data;
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Nak);
  set(Usb::kEpAbort, 0);
  EXPECT_EQ(usb.in(0, 0, pid, data), UsbHandshake::Ack);
}

TEST_F(UsbTest, SofRdReadClearsDevSof) {
  uint16_t frame = 7;
  usb.frame_number = [&] { return frame; };
  attach();
  EXPECT_TRUE(reg(Usb::kIntr) & Usb::kIntDevSof);
  EXPECT_EQ(reg(Usb::kSofRd), 7u);
  EXPECT_FALSE(reg(Usb::kIntr) & Usb::kIntDevSof);
  frame = 8;
  EXPECT_TRUE(reg(Usb::kIntr) & Usb::kIntDevSof);
  bool interest = false;
  usb.on_sof_interest = [&](bool on) { interest = on; };
  set(Usb::kInte, Usb::kIntDevSof);
  EXPECT_TRUE(interest);
  EXPECT_TRUE(irqs.level[rp2040::kUsbctrlIrq]);
}

TEST(UsbDpram, NarrowWritesChangeOnlyTheirBytes) {
  Diagnostics diag;
  Bus bus(diag);
  FakeIrqs irqs;
  Usb usb(irqs, [] { return 48'000'000u; });
  rp2040::UsbDpram dpram(usb);
  bus.attach(usb);
  bus.attach(dpram);
  bus.write(rp2040::kUsbDpramBase + 0x100, 4, 0x44332211);
  bus.write(rp2040::kUsbDpramBase + 0x101, 1, 0xaa);
  bus.write(rp2040::kUsbDpramBase + 0x102, 2, 0xccbb);
  EXPECT_EQ(bus.read(rp2040::kUsbDpramBase + 0x100, 4), 0xccbbaa11u);
  EXPECT_EQ(bus.read(rp2040::kUsbDpramBase + 0x103, 1), 0xccu);
  EXPECT_EQ(usb.dpram()[0x101], 0xaa);
}

// --- the usb_cdc image and the virtual host ------------------------------------------------

namespace {
class UsbCdcImage : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto elf = std::filesystem::path(VPICO_FIRMWARE_DIR) / "usb_cdc.elf";
    if (!std::filesystem::exists(elf)) GTEST_SKIP() << "firmware not built";
    auto image = load_image(elf.string());
    ASSERT_TRUE(image.ok()) << image.error().message;
    auto created = Machine::create();
    ASSERT_TRUE(created.ok());
    m = std::move(*created);
    m->diagnostics().on_warning = [this](const std::string& w) { warnings.push_back(w); };
    ASSERT_TRUE(m->load(*image).ok());
    ASSERT_TRUE(m->reset().ok());
  }
  RunResult run_until(const std::string& port, const std::string& text, uint64_t ms = 2000) {
    RunCondition c;
    c.serial = RunCondition::SerialText{port, text};
    c.max_time_ns = ms * 1'000'000;
    return m->run(c);
  }
  std::unique_ptr<Machine> m;
  std::vector<std::string> warnings;
};
}  // namespace

TEST_F(UsbCdcImage, HostEnumeratesTheDevice) {
  EXPECT_EQ(m->usb_host().state(), UsbHost::State::Detached);
  RunResult r = run_until("uart0", "DONE\n");
  ASSERT_EQ(r.reason, StopReason::SerialMatch) << m->serial("uart0")->output();
  EXPECT_EQ(m->serial("uart0")->output(),
            "usb_cdc\nPASS host configured the device\nPASS host set dtr\nPASS line coding "
            "baud\nDONE\n");
  const UsbHost& host = m->usb_host();
  EXPECT_TRUE(host.configured());
  EXPECT_EQ(host.device().vendor, 0x2e8a);
  EXPECT_EQ(host.device().product, 0x0005);
  EXPECT_EQ(host.device().manufacturer, "vpico");
  EXPECT_EQ(host.device().product_name, "vpy USB serial");
  EXPECT_EQ(host.device().max_packet0, 64);
  EXPECT_TRUE(host.device().cdc);
  EXPECT_EQ(host.device().cdc_in, 2);
  EXPECT_EQ(host.device().cdc_out, 2);
  EXPECT_GE(host.control_transfers(), 11u);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
}

TEST_F(UsbCdcImage, EchoesBytesOverSerialUsb) {
  SerialPort* usb = m->serial("usb");
  ASSERT_NE(usb, nullptr);
  ASSERT_EQ(run_until("usb", "usb_cdc echo ready\r\n").reason, StopReason::SerialMatch);
  usb->send("hello over usb\n");
  ASSERT_EQ(run_until("usb", "hello over usb\n").reason, StopReason::SerialMatch);
  EXPECT_EQ(usb->output(), "usb_cdc echo ready\r\nhello over usb\n");
}

TEST_F(UsbCdcImage, LongInputComesBackWholeAndInOrder) {
  SerialPort* usb = m->serial("usb");
  ASSERT_EQ(run_until("usb", "ready\r\n").reason, StopReason::SerialMatch);
  std::string text;
  for (int i = 0; i < 1500; ++i)
    text.push_back(char('a' + i % 26));
  text += "END";
  usb->send(text);
  ASSERT_EQ(run_until("usb", "END").reason, StopReason::SerialMatch);
  EXPECT_EQ(usb->output(), "usb_cdc echo ready\r\n" + text);
}

TEST_F(UsbCdcImage, IdleDeviceLetsTheMachineIdle) {
  ASSERT_EQ(run_until("usb", "ready\r\n").reason, StopReason::SerialMatch);
  RunCondition c;
  c.max_time_ns = 5'000'000'000;
  RunResult r = m->run(c);
  EXPECT_EQ(r.reason, StopReason::Idle) << "no events while nothing is sent either way";
}

TEST_F(UsbCdcImage, IsDeterministic) {
  uint64_t first = run_until("usb", "ready\r\n").cycles;
  SetUp();
  EXPECT_EQ(run_until("usb", "ready\r\n").cycles, first);
}

// --- the virtual host against a scripted device ------------------------------------------

namespace {
// A device whose "firmware" is this test: it answers every SETUP on EP0 from the IRQ, a few
// cycles later, as a CPU would.
class ScriptedDevice : public ::testing::Test, public IrqSink {
 protected:
  ScriptedDevice()
      : usb(*this, [] { return 48'000'000u; }),
        host(sched, usb, port,
             UsbHost::Clock{[this] { return sched.now(); }, [](uint64_t ns) { return ns; }},
             [this](const std::string&, const std::string& m) { warnings.push_back(m); }) {
    usb.reset();
  }
  void set_irq_level(unsigned, bool level) override {
    if (level) sched.after(50, [this] { service(); });
  }
  void set(uint32_t offset, uint32_t value) { usb.write(offset, value, 0xffffffffu); }
  void service() {
    uint32_t ints = 0;
    usb.read(Usb::kInts, ints);
    if (ints & Usb::kIntBusReset) set(Usb::kSieStatus, Usb::kStBusReset);
    if (ints & Usb::kIntBuffStatus) {
      uint32_t done = 0;
      usb.read(Usb::kBuffStatus, done);
      set(Usb::kBuffStatus, done);
      // The reply has gone: take the host's zero-length OUT status.
      if (done & 1) usb.dpram_write(0x84, kData1 | kAvailable | 64, 0xffffffffu);
    }
    if (ints & Usb::kIntSetupReq) {
      set(Usb::kSieStatus, Usb::kStSetupRec);
      if (stall) {
        set(Usb::kEpStallArm, 3);
        usb.dpram_write(0x80, kStall, 0xffffffffu);
      } else {
        for (size_t i = 0; i < reply.size(); ++i)
          usb.dpram()[0x100 + i] = reply[i];
        usb.dpram_write(0x80, kFull | kData1 | kAvailable | uint32_t(reply.size()), 0xffffffffu);
      }
    }
  }
  void plug_in() {
    set(Usb::kUsbMuxing, 1);
    set(Usb::kUsbPwr, 12);
    set(Usb::kMainCtrl, 1);
    set(Usb::kInte, Usb::kIntSetupReq | Usb::kIntBusReset | Usb::kIntBuffStatus);
    set(Usb::kSieCtrl, (1u << 29) | (1u << 16));
  }
  Scheduler sched;
  SerialPort port{"usb"};
  Usb usb;
  UsbHost host;
  std::vector<std::string> warnings;
  std::vector<uint8_t> reply;
  bool stall = false;
};
}  // namespace

TEST_F(ScriptedDevice, BadMaxPacketSizeFailsEnumerationWithAWarning) {
  reply = {18, 1, 0x00, 0x02, 0, 0, 0, 7};  // bMaxPacketSize0 = 7
  plug_in();
  EXPECT_EQ(host.state(), UsbHost::State::Debouncing);
  sched.run_until(200'000'000);
  EXPECT_EQ(host.state(), UsbHost::State::Failed);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("bMaxPacketSize0 is 7"), std::string::npos) << warnings[0];
}

TEST_F(ScriptedDevice, StalledGetDescriptorFailsEnumerationWithAWarning) {
  stall = true;
  plug_in();
  sched.run_until(200'000'000);
  EXPECT_EQ(host.state(), UsbHost::State::Failed);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings[0].find("stalled GET_DESCRIPTOR(device, 8 bytes)"), std::string::npos)
      << warnings[0];
}

TEST_F(ScriptedDevice, SilentDeviceTimesOut) {
  // The device takes the SETUP but never arms EP0: the host gives up after 5 s of NAKs.
  plug_in();
  sched.run_until(20'000'000);
  set(Usb::kInte, 0);  // from now on the "firmware" ignores everything
  sched.run_until(6'000'000'000);
  EXPECT_EQ(host.state(), UsbHost::State::Failed);
  ASSERT_FALSE(warnings.empty());
  EXPECT_NE(warnings.back().find("timed out after 5 s"), std::string::npos) << warnings.back();
}

TEST_F(ScriptedDevice, PullUpWithoutVbusIsReported) {
  set(Usb::kUsbMuxing, 1);
  set(Usb::kMainCtrl, 1);
  set(Usb::kSieCtrl, 1u << 16);
  sched.run_until(50'000'000);
  EXPECT_EQ(host.state(), UsbHost::State::Detached);
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("VBUS"), std::string::npos) << warnings[0];
}
