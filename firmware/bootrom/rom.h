/* Constants of vpico's boot ROM, shared by its assembly sources. Register addresses come
 * from ../rp2040/regs.h; what that header lacks (or keeps from the assembler) is here, with
 * the datasheet section it comes from. */
#ifndef VPICO_FIRMWARE_BOOTROM_ROM_H
#define VPICO_FIRMWARE_BOOTROM_ROM_H

#include "regs.h"

/* RP2040 datasheet 2.8.2: byte 0x13 of the ROM is its version. 3 is the RP2040-B2's ROM, the
 * one whose soft-float table has every entry pico-sdk reads (pico/bootrom/sf_table.h). */
#define ROM_VERSION 3

/* The 'SF' and 'SD' tables hold 32 words each. pico-sdk reads the byte two below a table's
 * address as its size in words and asserts it covers the V2 layout (float_init_rom_rp2040.c). */
#define ROM_FP_TABLE_WORDS 32

/* Stacks while the ROM runs. Core 0 stays below the 256 bytes where boot2 is copied (so the
 * copy can never overwrite a pushed word) and enters boot2 with this SP; core 1 waits for
 * its launch on the top of SRAM4, by convention its stack (regs.h). */
#define ROM_CORE0_STACK_TOP BOOT2_SRAM_ADDR
#define ROM_CORE1_STACK_TOP SRAM5_BASE

/* The atomic clear alias of a register (datasheet 2.1.2); regs.h has it for C only. */
#define ROM_ALIAS_CLR 0x3000

/* WATCHDOG scratch registers (datasheet 4.7, watchdog) and the boot-to-address
 * handshake of 2.8.1.1: SCRATCH4 holds the magic, SCRATCH5 the entry point XORed with the
 * magic's negation, SCRATCH6 the stack pointer, SCRATCH7 the entry point. pico-sdk's
 * watchdog_reboot() writes exactly this. */
#define ROM_WATCHDOG_BASE 0x40058000
#define ROM_WATCHDOG_SCRATCH4 (ROM_WATCHDOG_BASE + 0x1c)
#define ROM_WATCHDOG_BOOT_MAGIC 0xb007c0d3
#define ROM_WATCHDOG_BOOT_CHECK 0x4ff83f2d /* -0xb007c0d3 modulo 2^32 */

/* SSI set-ups (datasheet 4.10). flash_exit_xip leaves the SSI in plain serial mode with SCK
 * at clk_sys / 6 (the divisor the datasheet gives for flash_exit_xip); flash_enter_cmd_xip
 * turns every XIP access into a 03h READ DATA command with a 24-bit address and one 32-bit
 * data frame, as our boot2 does. */
#define ROM_SSI_SCKDV 6
#define ROM_SSI_CTRLR0_SERIAL ((8 - 1) << SSI_CTRLR0_DFS_32_LSB)
#define ROM_SSI_CTRLR0_XIP                                        \
  (((32 - 1) << SSI_CTRLR0_DFS_32_LSB) |                          \
   (SSI_CTRLR0_TMOD_EEPROM_READ << SSI_CTRLR0_TMOD_LSB))
#define ROM_SSI_SPI_CTRLR0_XIP                                    \
  ((0x03 << SSI_SPI_CTRLR0_XIP_CMD_LSB) |                         \
   (2 << SSI_SPI_CTRLR0_INST_L_LSB) | (6 << SSI_SPI_CTRLR0_ADDR_L_LSB))

/* Lookup codes (datasheet 2.8.3): two ASCII characters, the first in the low byte. */
#define ROM_CODE(c1, c2) ((c1) | ((c2) << 8))

#endif /* VPICO_FIRMWARE_BOOTROM_ROM_H */
