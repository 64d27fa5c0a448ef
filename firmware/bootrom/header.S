/* The first 26 bytes of the ROM (RP2040 datasheet 2.8.2, "Bootrom contents"): the Cortex-M0+
 * vector table's first four words (both cores start here with VTOR = 0), the 'Mu' magic and
 * version, and three 16-bit pointers that firmware follows to find everything else. */
#include "rom.h"

    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .vectors, "a"
    .global rom_header
rom_header:
    .word ROM_CORE0_STACK_TOP       @ 0x00 initial SP (each core sets its own at once)
    .word rom_reset_handler         @ 0x04 reset (.word of a Thumb function carries bit 0)
    .word rom_nmi_handler           @ 0x08 NMI
    .word rom_hardfault_handler     @ 0x0c HardFault
    .byte 'M', 'u', 0x01            @ 0x10 magic
    .byte ROM_VERSION               @ 0x13 version
    /* A 16-bit data relocation does not add the Thumb bit, so function pointers add it. */
    .hword rom_func_table           @ 0x14 public function table
    .hword rom_data_table           @ 0x16 public data table
    .hword rom_table_lookup + 1     @ 0x18 rom_table_lookup(table, code)
    .size rom_header, . - rom_header
