// fault_write_rom: a store to the boot ROM. The ROM (datasheet 2.2, 0x00000000..0x00003fff)
// is read-only: on an RP2040 the store is dropped without a fault (shipping TinyUSB, in
// MicroPython, stores through a null pointer into it and runs). vpico drops it too and warns;
// under --strict it stops with a "write to read-only memory" report naming the address.
//
//   fault_write_rom: storing 0x12345678 to ROM at 0x00000100
//   PASS the ROM word is unchanged
//   DONE
//   (under --strict the run ends after the first line, with the fault report)
#include <stdint.h>

#include "bringup.h"
#include "uart0.h"

#define ROM_TARGET 0x00000100u

// Kept out of line so that the fault report names this function. The STR is written out:
// GCC takes a constant pointer this close to 0 for a null one and warns about the C store.
__attribute__((noinline)) void write_to_rom(void) {
  __asm__ volatile("str %1, [%0]" ::"l"(ROM_TARGET), "l"(0x12345678u) : "memory");
}

int main(void) {
  bringup_console();
  uart0_puts("fault_write_rom: storing 0x12345678 to ROM at 0x00000100\n");
  uart0_flush();  // every byte out before the fault stops the run
  const uint32_t before = *(volatile const uint32_t*)ROM_TARGET;
  write_to_rom();
  const uint32_t after = *(volatile const uint32_t*)ROM_TARGET;
  uart0_puts(after == before ? "PASS the ROM word is unchanged\n" : "FAIL the ROM word changed\n");
  uart0_puts("DONE\n");
  uart0_flush();
  return 0;
}
