/* vpico's stage 2 boot loader (boot2) for the RP2040: plain 03h serial-read XIP.
 *
 * How it runs (datasheet 2.8.1): the boot ROM reads the first 256 bytes of flash, checks the
 * CRC-32 in bytes 252..255 against bytes 0..251, copies them to SRAM at 0x20041f00 and
 * enters byte 0 in Thumb state with LR = 0. Until boot2 has run, flash is not mapped at
 * 0x10000000: boot2 programs the SSI (datasheet 4.10) so that reads of the XIP window turn
 * into serial flash reads, then starts the image.
 *
 * The 256-byte block in flash (built by seal_boot2.py):
 *   bytes   0..n-1   this code and its data, linked to run at 0x20041f00 (boot2.ld)
 *   bytes   n..251   zero padding
 *   bytes 252..255   CRC-32/MPEG-2 of bytes 0..251 (poly 0x04c11db7, init 0xffffffff,
 *                    not reflected, no final XOR), little-endian
 *
 * XIP set-up. Each XIP access becomes one SSI transfer in "EEPROM read" mode: the SSI sends
 * an 8-bit instruction (03h, READ DATA, which every SPI NOR flash supports with no dummy
 * cycles) and a 24-bit address, one bit per clock, then clocks in one 32-bit data frame.
 * SCK is clk_sys / 4, within 03h's speed limit for any clk_sys the boot ROM leaves us.
 *
 * Exit. Entered from the boot ROM (LR = 0): point VTOR at the vector table that follows boot2
 * in flash (0x10000100), load MSP from its word 0 and jump to its reset vector (word 1). When
 * called as a function from SRAM (LR != 0; e.g. code that re-enables XIP after programming
 * flash), return instead.
 *
 * Only r0-r3 and ip are used, so callers need save nothing. ARMv6-M Thumb only.
 */
#include "regs.h"

#define BOOT2_SSI_SCKDV 4
#define BOOT2_FLASH_READ_CMD 0x03
#define BOOT2_ADDR_BITS 24

#define BOOT2_CTRLR0                                                     \
  ((0 << SSI_CTRLR0_SPI_FRF_LSB) |           /* standard 1-bit SPI */    \
   ((32 - 1) << SSI_CTRLR0_DFS_32_LSB) |     /* 32-bit data frames */    \
   (SSI_CTRLR0_TMOD_EEPROM_READ << SSI_CTRLR0_TMOD_LSB))

#define BOOT2_SPI_CTRLR0                                                 \
  ((BOOT2_FLASH_READ_CMD << SSI_SPI_CTRLR0_XIP_CMD_LSB) |                \
   (2 << SSI_SPI_CTRLR0_INST_L_LSB) |            /* 8-bit instruction */ \
   ((BOOT2_ADDR_BITS / 4) << SSI_SPI_CTRLR0_ADDR_L_LSB) |                \
   (0 << SSI_SPI_CTRLR0_TRANS_TYPE_LSB))          /* all 1-bit */

    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.boot2, "ax"
    .global boot2_entry
    .type boot2_entry, %function
    .thumb_func
boot2_entry:
    mov ip, lr                      @ 0 when entered from the boot ROM

    @ Apply the (address, value) register writes of ssi_xip_setup in order, up to the
    @ zero address that ends the list.
    adr r2, ssi_xip_setup
1:  ldmia r2!, {r0, r1}
    cmp r0, #0
    beq 2f
    str r1, [r0]
    b 1b

2:  mov r0, ip
    cmp r0, #0
    beq start_flash_image
    bx r0                           @ called as a function: return to the caller

start_flash_image:
    ldr r0, =FLASH_VECTORS_ADDR
    ldr r1, =SCB_VTOR
    str r0, [r1]
    ldmia r0!, {r1, r2}             @ r1 = initial SP, r2 = reset handler (Thumb bit set)
    msr msp, r1
    bx r2

    .align 2
ssi_xip_setup:
    .word SSI_SSIENR, 0                 @ off: CTRLR0/BAUDR/SPI_CTRLR0 only change while off
    .word SSI_BAUDR, BOOT2_SSI_SCKDV
    .word SSI_CTRLR0, BOOT2_CTRLR0
    .word SSI_CTRLR1, 0                 @ NDF = 0: one data frame per XIP access
    .word SSI_SPI_CTRLR0, BOOT2_SPI_CTRLR0
    .word SSI_SSIENR, 1                 @ on: XIP reads now go to the flash
    .word 0, 0

    .ltorg
    .size boot2_entry, . - boot2_entry
