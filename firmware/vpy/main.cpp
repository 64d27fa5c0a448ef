// vpy-rp2040, the board firmware: brings up the console, then runs vpy's REPL on UART0 and USB
// CDC for ever. Ctrl-D on an empty line or sys.exit() soft-resets: a fresh interpreter on a
// cleared heap, as on a board.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bringup.h"
#include "machine.h"
#include "regs.h"
#include "repl.h"
#include "runtime.h"
#include "usb_cdc.h"

namespace {

constexpr size_t kVmStackWords = 2048;
alignas(8) uint8_t vpy_region[160 * 1024];

const char kBanner[] = "vpy " VPY_VERSION_STRING
                       " on vpico; Raspberry Pi Pico with RP2040\r\n"
                       "Type \"help()\" for more information.\r\n";

}  // namespace

int main() {
  bringup_console();
  // TIMER counts microseconds from the watchdog's tick: clk_ref (12 MHz crystal) / 12.
  resets_release(RESETS_TIMER);
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | 12);
  // The REPL on the USB CDC port too (a PC's terminal on /dev/ttyACM0; vpico --serial usb).
  usb_cdc_clock_init();
  usb_cdc_init();
  vpy::ReplMode mode = vpy::ReplMode::kFriendly;
  for (;;) {
    char stack_marker;
    // What the machine module left running stops here, as on MicroPython's boards: pin
    // interrupts, soft timers, PWM slices, events not yet run.
    vpy::machine_deinit();
    memset(vpy_region, 0, sizeof(vpy_region));
    vpy::InitConfig cfg{vpy_region,    sizeof(vpy_region), kVmStackWords,
                        &stack_marker, 8 * 1024,           true};
    vpy::runtime_init(&cfg);
    vpy::ReplResult r = vpy::repl_run(mode, kBanner);
    mode = r.mode;
    vpy::port_write("MPY: soft reboot\r\n", 18);
  }
}
