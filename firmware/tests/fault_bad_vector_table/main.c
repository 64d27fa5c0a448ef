// fault_bad_vector_table: the vector table boot2 enters (at 0x10000100) names its handlers
// without the Thumb bit (bad_vectors.S, placed by bad_vectors.ld instead of startup.c's).
//
// What happens on an RP2040: boot2 loads MSP and the reset vector from the table and
// branches to it with BX (boot2.S, as pico-sdk's boot2 does); it does not check the vector.
// BX to an address with bit 0 clear clears EPSR.T, and the first instruction there faults
// before it executes (ARMv6-M ARM: BX, and EPSR.T in the xPSR): a HardFault. The HardFault
// vector lacks the Thumb bit too, so HardFault cannot run either and the core locks up
// (B1.5.15). Nothing is ever printed.
//
// vpico stops with a fault report at the reset vector's target; with faults escalating as
// on silicon (MachineConfig.stop_on_fault = false, `vpico run --on-fault hardfault`) it
// reports the lockup.
#include "bringup.h"
#include "uart0.h"

// Runs only if the bad reset vector was taken as if it had the Thumb bit.
int main(void) {
  bringup_console();
  uart0_puts(
      "fault_bad_vector_table\nFAIL the image started from a reset vector without the "
      "Thumb bit\nDONE\n");
  uart0_flush();
  return 0;
}
