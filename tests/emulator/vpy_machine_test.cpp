// vpy's machine module (firmware/vpy/machine*.cpp) on the emulated Pico, typed at the REPL as a
// person would: what the code does is checked on the board's pins, the ADC's inputs and an I2C
// part, and callbacks by their counts and the board's own (virtual) time.
#include <cmath>
#include <string>

#include "bmp280.h"
#include "rp2040/adc.h"
#include "spi_flash.h"
#include "vpy_repl_fixture.h"

using namespace vpico;

namespace {

class VpyMachine : public VpyReplFixture {
 protected:
  void SetUp() override {
    VpyReplFixture::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    type("import machine, time; from machine import Pin, ADC, PWM, Timer, I2C");
  }
  // An expression whose value is an int.
  long eval_int(const std::string& expr) {
    const std::string out = eval(expr);
    try {
      return std::stol(out);
    } catch (...) {
      ADD_FAILURE() << expr << " printed " << out;
      return -1;
    }
  }
};

TEST_F(VpyMachine, PinOutDrivesThePad) {
  EXPECT_EQ(eval("p = Pin(15, Pin.OUT)"), "");
  EXPECT_EQ(eval("p"), "Pin(GPIO15, mode=OUT)");
  type("p.on()");
  EXPECT_TRUE(m_machine->pins().level(15));
  type("p.off()");
  EXPECT_FALSE(m_machine->pins().level(15));
  type("p.toggle()");
  EXPECT_TRUE(m_machine->pins().level(15));
  type("p.value(0)");
  EXPECT_FALSE(m_machine->pins().level(15));
  type("p(1)");
  EXPECT_TRUE(m_machine->pins().level(15));
  EXPECT_EQ(eval("p.value(), p()"), "(1, 1)");
  type("p.low()");
  EXPECT_FALSE(m_machine->pins().level(15));
  type("Pin(16, Pin.OUT, value=1)");
  EXPECT_TRUE(m_machine->pins().level(16));
}

TEST_F(VpyMachine, PinInReadsThePullUpAndADrivenLevel) {
  type("p = Pin(14, Pin.IN, Pin.PULL_UP)");
  EXPECT_EQ(eval("p"), "Pin(GPIO14, mode=IN, pull=PULL_UP)");
  EXPECT_EQ(eval("p.value()"), "1");
  m_machine->pins().drive(14, false);
  EXPECT_EQ(eval("p.value()"), "0");
  m_machine->pins().drive(14, std::nullopt);
  EXPECT_EQ(eval("p.value()"), "1");
  type("q = Pin(13, Pin.IN, pull=Pin.PULL_DOWN)");
  EXPECT_EQ(eval("q()"), "0");
}

TEST_F(VpyMachine, OpenDrainDrivesLowAndFloatsHigh) {
  type("p = Pin(12, Pin.OPEN_DRAIN, Pin.PULL_UP, value=0)");
  EXPECT_FALSE(m_machine->pins().level(12));
  EXPECT_TRUE(m_machine->pins().chip_drives(12));
  type("p(1)");
  EXPECT_FALSE(m_machine->pins().chip_drives(12));
  EXPECT_TRUE(m_machine->pins().level(12));  // the pull-up
  EXPECT_EQ(eval("p"), "Pin(GPIO12, mode=OPEN_DRAIN, pull=PULL_UP)");
}

TEST_F(VpyMachine, LedIsGpio25) {
  type("led = Pin('LED', Pin.OUT)");
  type("led.on()");
  EXPECT_TRUE(m_machine->pins().level(25));
  EXPECT_EQ(eval("led"), "Pin(GPIO25, mode=OUT)");
  EXPECT_EQ(eval("led is Pin(25), Pin('GPIO25') is led"), "(True, True)");
}

TEST_F(VpyMachine, BadArgumentsRaise) {
  EXPECT_NE(eval("Pin(30)").find("ValueError: invalid pin"), std::string::npos);
  EXPECT_NE(eval("Pin(-1)").find("ValueError: invalid pin"), std::string::npos);
  EXPECT_NE(eval("Pin('LAMP')").find("ValueError: unknown named pin \"LAMP\""), std::string::npos);
  EXPECT_NE(eval("Pin(2, 9)").find("ValueError"), std::string::npos);
  EXPECT_NE(eval("Pin(2, Pin.OUT, colour=1)").find("TypeError"), std::string::npos);
  EXPECT_NE(eval("ADC(5)").find("ValueError"), std::string::npos);
  EXPECT_NE(eval("Timer(3)").find("ValueError: Timer doesn't exist"), std::string::npos);
  EXPECT_NE(eval("I2C(2)").find("ValueError"), std::string::npos);
  EXPECT_NE(eval("I2C(0, scl=Pin(4), sda=Pin(5))").find("ValueError: bad SCL pin"),
            std::string::npos);
  EXPECT_NE(eval("machine.mem32[0x20000001]").find("ValueError"), std::string::npos);
}

TEST_F(VpyMachine, PinIrqRunsOnAFallingEdgeAtThePromptAndDuringSleep) {
  type("hits = []");
  type("p = Pin(14, Pin.IN, Pin.PULL_UP)");
  type("p.irq(lambda pin: hits.append((pin, time.ticks_ms())), Pin.IRQ_FALLING)");
  // At the prompt: the REPL waits for a key and runs the callback meanwhile.
  m_machine->pins().drive(14, false);
  run_for(10'000'000);
  m_machine->pins().drive(14, std::nullopt);  // rising: not asked for
  run_for(10'000'000);
  EXPECT_EQ(eval("len(hits), hits[0][0] is p"), "(1, True)");
  // During time.sleep: the callback runs within the sleep, not after it.
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("t0 = time.ticks_ms(); time.sleep(1); t1 = time.ticks_ms()\r");
  run_for(300'000'000);
  m_machine->pins().drive(14, false);
  ASSERT_TRUE(run_until(">>> ", 2'000'000'000)) << uart->output();
  EXPECT_EQ(eval("len(hits)"), "2");
  const long in_sleep = eval_int("time.ticks_diff(hits[1][1], t0)");
  EXPECT_GE(in_sleep, 250);
  EXPECT_LT(in_sleep, 400);
  EXPECT_GE(eval_int("time.ticks_diff(t1, t0)"), 1000);  // the sleep still lasted its second
  // While a loop runs: the VM's poll on its backward jump runs the callback, which ends it.
  uart->clear_output();
  uart->send("while len(hits) < 3: pass\r\r");
  run_for(50'000'000);
  m_machine->pins().drive(14, true);
  m_machine->pins().drive(14, false);
  ASSERT_TRUE(run_until(">>> ", 1'000'000'000)) << uart->output();
  EXPECT_EQ(eval("len(hits)"), "3");
  // irq(None) turns it off.
  type("p.irq(None)");
  m_machine->pins().drive(14, true);
  m_machine->pins().drive(14, false);
  run_for(10'000'000);
  EXPECT_EQ(eval("len(hits)"), "3");
}

TEST_F(VpyMachine, AdcReadsAPinVoltageAndTheTemperatureSensor) {
  m_machine->pins().set_voltage(26, 1.65);
  const long half = eval_int("ADC(26).read_u16()");
  EXPECT_NEAR(half, 32768, 100);
  EXPECT_EQ(eval_int("ADC(Pin(26)).read_u16()"), half);
  EXPECT_EQ(eval_int("ADC(0).read_u16()"), half);
  m_machine->pins().set_voltage(27, 3.3);
  EXPECT_EQ(eval_int("ADC(1).read_u16()"), 65535);
  m_machine->adc().set_temperature_c(40.0);
  type("v = ADC(4).read_u16() * 3.3 / 65535");
  EXPECT_NEAR(eval_int("round(27 - (v - 0.706) / 0.001721)"), 40, 2);
  m_machine->adc().set_temperature_c(10.0);
  type("v = ADC(ADC.CORE_TEMP).read_u16() * 3.3 / 65535");
  EXPECT_NEAR(eval_int("round(27 - (v - 0.706) / 0.001721)"), 10, 2);
}

TEST_F(VpyMachine, PwmSetsFrequencyAndDuty) {
  type("pwm = PWM(Pin(15), freq=1000, duty_u16=16384)");
  EXPECT_NEAR(m_machine->pins().duty(15), 0.25, 0.001);
  // 1 kHz from clk_sys: TOP + 1 = clk_sys / 1000 cycles with DIV 1.
  EXPECT_EQ(m_machine->pins().waveform(15).period_cycles(), m_machine->sys_hz() / 1000);
  EXPECT_EQ(eval("pwm.freq(), pwm.duty_u16()"), "(1000, 16384)");
  EXPECT_EQ(eval("pwm"), "<PWM slice=7 channel=1 invert=0>");
  type("pwm.duty_ns(250000)");  // a quarter of 1 ms again
  run_for(2'000'000);           // TOP and CC are double-buffered: they change at the counter's wrap
  EXPECT_NEAR(m_machine->pins().duty(15), 0.25, 0.001);
  type("pwm.freq(50)");  // too slow for DIV 1: MicroPython's DIV and TOP for 50 Hz
  run_for(2'000'000);
  EXPECT_EQ(eval("pwm.freq()"), "50");
  EXPECT_NEAR(double(m_machine->pins().waveform(15).period_cycles()), m_machine->sys_hz() / 50.0,
              m_machine->sys_hz() / 50.0 * 0.001);
  EXPECT_NEAR(m_machine->pins().duty(15), 250000.0 / 20e6, 0.001);  // duty_ns kept
  type("pwm.init(freq=2000, duty_u16=65535, invert=1)");
  run_for(25'000'000);  // the 50 Hz period in progress ends first
  EXPECT_NEAR(m_machine->pins().duty(15), 0.0, 0.001);
  type("pwm.deinit()");
  EXPECT_NE(eval("PWM(Pin(2), freq=100_000_000)").find("ValueError: freq too large"),
            std::string::npos);
  EXPECT_NE(eval("PWM(Pin(2), freq=0)").find("ValueError: freq too small"), std::string::npos);
}

TEST_F(VpyMachine, PeriodicTimerFiresEveryPeriodOfVirtualTime) {
  type("ts = []");
  type("t = Timer(period=100, callback=lambda t: ts.append(time.ticks_ms()))");
  run_for(1'000'000'000);  // at the prompt
  type("t.deinit()");
  EXPECT_EQ(eval("len(ts)"), "10");
  EXPECT_EQ(eval("all(time.ticks_diff(b, a) == 100 for a, b in zip(ts, ts[1:]))"), "True");
  run_for(300'000'000);
  EXPECT_EQ(eval("len(ts)"), "10");  // deinit stopped it
  EXPECT_EQ(eval("t"), "Timer(mode=PERIODIC, tick_hz=1000000, period=100000)");
}

TEST_F(VpyMachine, OneShotTimerFiresOnceAndTimersRunDuringSleep) {
  type("n = [0, 0]");
  type("a = Timer(mode=Timer.ONE_SHOT, period=50, callback=lambda t: n.__setitem__(0, n[0] + 1))");
  type("b = Timer(freq=20, callback=lambda t: n.__setitem__(1, n[1] + 1))");
  type("time.sleep_ms(500)", ">>> ", 2'000'000'000);
  type("b.deinit()");
  EXPECT_EQ(eval("n[0]"), "1");
  EXPECT_NEAR(eval_int("n[1]"), 10, 1);  // every 50 ms through the sleep
}

TEST_F(VpyMachine, SoftResetStopsTimersAndPinIrqs) {
  type("t = Timer(period=20, callback=lambda t: print('tick'))");
  type("p = Pin(14, Pin.IN, Pin.PULL_UP); p.irq(lambda p: print('edge'))");
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("\x04");
  ASSERT_TRUE(run_until("MPY: soft reboot"));
  ASSERT_TRUE(run_until(">>> "));
  uart->clear_output();
  m_machine->pins().drive(14, false);
  run_for(200'000'000);
  EXPECT_EQ(uart->output().find("tick"), std::string::npos) << uart->output();
  EXPECT_EQ(uart->output().find("edge"), std::string::npos) << uart->output();
}

TEST_F(VpyMachine, I2cFindsAndReadsABmp280) {
  peripherals::Bmp280 sensor(0x76);
  ASSERT_TRUE(m_machine->attach_i2c(4, 5, sensor).ok());
  type("i2c = I2C(0, scl=Pin(5), sda=Pin(4))");
  EXPECT_EQ(eval("i2c"), "I2C(0, freq=400000, scl=5, sda=4, timeout=50000)");
  EXPECT_EQ(eval("i2c.scan()"), "[118]");
  EXPECT_EQ(eval("i2c.readfrom_mem(0x76, 0xD0, 1)"), "b'X'");  // chip id 0x58
  EXPECT_EQ(eval("i2c.writeto(0x76, b'\\xd0', False), i2c.readfrom(0x76, 1)"), "(1, b'X')");
  type("buf = bytearray(1); i2c.readfrom_mem_into(0x76, 0xD0, buf)");
  EXPECT_EQ(eval("buf"), "bytearray(b'X')");
  // ctrl_meas (0xF4) written and read back.
  type("i2c.writeto_mem(0x76, 0xF4, b'\\x27')");
  EXPECT_EQ(eval("i2c.readfrom_mem(0x76, 0xF4, 1)"), "b\"'\"");
  const std::string absent = eval("i2c.writeto(0x50, b'x')");
  EXPECT_NE(absent.find("OSError"), std::string::npos) << absent;
  EXPECT_NE(absent.find("5"), std::string::npos) << absent;  // EIO
  EXPECT_NE(eval("i2c.readfrom(0x51, 2)").find("OSError"), std::string::npos);
}

TEST_F(VpyMachine, Uart1WritesAndReads) {
  type("u = machine.UART(1, 115200, tx=Pin(4), rx=Pin(5))");
  EXPECT_EQ(eval("u"),
            "UART(1, baudrate=115200, bits=8, parity=None, stop=1, tx=4, rx=5, timeout=0)");
  SerialPort* uart1 = m_machine->serial("uart1");
  ASSERT_NE(uart1, nullptr);
  EXPECT_EQ(eval("u.write(b'hello')"), "5");
  run_for(2'000'000);  // 5 bytes at 115200 baud: under 0.5 ms
  EXPECT_EQ(uart1->output(), "hello");
  EXPECT_EQ(eval("u.any(), u.read()"), "(0, None)");
  uart1->send("abc\nxyz");
  run_for(2'000'000);
  EXPECT_EQ(eval("u.any()"), "7");
  EXPECT_EQ(eval("u.readline(), u.read(2), u.read()"), "(b'abc\\n', b'xy', b'z')");
  EXPECT_NE(eval("machine.UART(0)").find("ValueError"), std::string::npos);
  EXPECT_NE(eval("machine.UART(1, tx=Pin(0))").find("ValueError: bad TX pin"), std::string::npos);
}

TEST_F(VpyMachine, SpiReadsASerialFlashsJedecId) {
  SpiFlash flash(m_machine->diagnostics(), m_machine->scheduler(),
                 [this] { return m_machine->sys_hz(); });
  m_machine->attach_spi(flash, 18, 17);
  type("cs = Pin(17, Pin.OUT, value=1)");
  type("spi = machine.SPI(0, 1_000_000, sck=Pin(18), mosi=Pin(19), miso=Pin(16))");
  EXPECT_EQ(eval("spi"),
            "SPI(0, baudrate=1000000, polarity=0, phase=0, bits=8, sck=18, mosi=19, miso=16)");
  type("cs(0); spi.write(b'\\x9f'); jedec = spi.read(3); cs(1)");
  EXPECT_EQ(eval("jedec.hex()"), "'ef4015'");  // a W25Q16JV
  type("r = bytearray(4); cs(0); spi.write_readinto(b'\\x9f\\0\\0\\0', r); cs(1)");
  EXPECT_EQ(eval("r[1:].hex()"), "'ef4015'");
  EXPECT_NE(eval("machine.SPI(0, sck=Pin(2), mosi=Pin(3), miso=Pin(5))").find("bad MISO pin"),
            std::string::npos);
}

TEST_F(VpyMachine, MemAndModuleFunctions) {
  EXPECT_EQ(eval("a = time.ticks_us(); b = machine.mem32[0x40054028]; c = time.ticks_us()"), "");
  EXPECT_EQ(eval("a <= b <= c"), "True");
  type("Pin(16, Pin.OUT, value=0)");
  type("machine.mem32[0xd0000014] = 1 << 16");  // SIO GPIO_OUT_SET
  EXPECT_TRUE(m_machine->pins().level(16));
  EXPECT_EQ(eval("machine.mem8[0x40054028] == b & 0xff or machine.mem8[0x40054028] >= 0"), "True");
  EXPECT_EQ(eval_int("machine.freq()"), static_cast<long>(m_machine->sys_hz()));
  // Read from the flash (command 4Bh) with XIP off for a moment: the REPL, running from flash,
  // goes on afterwards.
  EXPECT_EQ(eval("machine.unique_id()"), "b'VPIC0001'");
  EXPECT_EQ(eval("machine.unique_id() == machine.unique_id(), 2 + 2"), "(True, 4)");
  EXPECT_EQ(eval("s = machine.disable_irq(); machine.enable_irq(s); s"), "0");
  type("machine.idle()");
  type("p = Pin(14, Pin.IN, Pin.PULL_UP)");
  EXPECT_EQ(eval("machine.time_pulse_us(p, 0, 1000)"), "-2");  // never goes low
  EXPECT_EQ(eval("machine.time_pulse_us(p, 1, 1000)"), "-1");  // stays high
}

TEST_F(VpyMachine, FreqRunsClkSysFromThePllAndTheConsoleKeepsWorking) {
  EXPECT_EQ(eval("machine.freq(125_000_000)"), "");
  EXPECT_EQ(m_machine->sys_hz(), 125'000'000u);
  EXPECT_EQ(eval("machine.freq()"), "125000000");
  EXPECT_EQ(eval("6 * 7"), "42");  // the console's baud rate followed
  type("pwm = PWM(Pin(15), freq=1000, duty_u16=32768)");
  // MicroPython's choice at 125 MHz: DIV 31/16, TOP 64515, a period of 124999.75 cycles.
  EXPECT_EQ(m_machine->pins().waveform(15).period_cycles(), 124'999u);
  EXPECT_EQ(eval("pwm.freq()"), "1000");
  const uint64_t t0 = m_machine->time_ns();
  type("time.sleep(1)", ">>> ", 3'000'000'000);
  EXPECT_GE(m_machine->time_ns() - t0, 1'000'000'000u);  // the TIMER still counts microseconds
  EXPECT_LT(m_machine->time_ns() - t0, 1'100'000'000u);
  type("u = machine.UART(1, 115200)");
  EXPECT_EQ(eval("machine.freq(48_000_000), machine.freq()"), "(None, 48000000)");
  EXPECT_EQ(m_machine->sys_hz(), 48'000'000u);
  type("u.write(b'ok')");
  run_for(2'000'000);
  EXPECT_EQ(m_machine->serial("uart1")->output(), "ok");  // UART1 followed clk_peri
  EXPECT_EQ(eval("machine.freq(12_000_000), machine.freq()"), "(None, 12000000)");
  EXPECT_EQ(m_machine->sys_hz(), 12'000'000u);
  EXPECT_NE(eval("machine.freq(300_000_000)").find("ValueError"), std::string::npos);
  EXPECT_NE(eval("machine.freq(1_234_567)").find("ValueError"), std::string::npos);
}

TEST_F(VpyMachine, ResetRebootsTheChip) {
  const unsigned before = m_machine->reboots();
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("machine.reset()\r");
  ASSERT_TRUE(run_until("Type \"help()\" for more information."));
  EXPECT_EQ(m_machine->reboots(), before + 1);
}

TEST_F(VpyMachine, SoftResetFunctionSoftResets) {
  type("x = 1");
  SerialPort* uart = m_machine->serial("uart0");
  uart->clear_output();
  uart->send("machine.soft_reset()\r");
  ASSERT_TRUE(run_until("MPY: soft reboot"));
  ASSERT_TRUE(run_until(">>> "));
  EXPECT_NE(eval("x").find("NameError"), std::string::npos);
}

}  // namespace
