// fault_write_flash: a store to flash through the XIP window at 0x10001000, as a firmware
// does when it writes through a pointer to const data. Flash is only written through the
// SSI's program commands; vpico stops at such a store with a "write to read-only memory"
// report naming the address.
//
// On silicon (datasheet 2.6.3, XIP_CTRL.ERR_BADWRITE) a store to the cached alias
// 0x10000000 is absorbed by the cache and does not fault; stores to the other aliases
// (0x11.., 0x12.., 0x13..) raise a bus fault while ERR_BADWRITE is 1, its reset value.
// vpico reports every such store: it is a bug in the firmware either way.
//
//   fault_write_flash: storing 0xcafef00d to flash at 0x10001000
//   (the run ends here with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

#define FLASH_TARGET 0x10001000u

__attribute__((noinline)) void write_to_flash(void) {
  *(volatile uint32_t*)FLASH_TARGET = 0xcafef00du;
}

int main(void) {
  bringup_console();
  uart0_puts("fault_write_flash: storing 0xcafef00d to flash at 0x10001000\n");
  uart0_flush();
  write_to_flash();
  uart0_puts("FAIL the store to flash did not fault\nDONE\n");
  uart0_flush();
  return 0;
}
