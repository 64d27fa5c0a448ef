/* The flash functions that only configure the SSI (RP2040 datasheet 2.8.3, flash access
 * functions; the SSI is 4.10). They are real code so that the SSI registers end up as the
 * real ROM leaves them. Erase, program, connect_internal_flash and flash_flush_cache act on
 * the flash chip, pads and XIP cache and run on the host (traps.def).
 *
 * flash_exit_xip also takes the chip out of continuous-read mode (two 0xFF bytes with chip
 * select forced low through IO_QSPI). Both functions use only r0-r3 and no stack. */
#include "rom.h"

#define SSI_OFF(reg) ((reg) - XIP_SSI_BASE)

    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.rom_flash, "ax"

/* flash_exit_xip ('EX'): the SSI in serial mode, 8-bit frames, SCK = clk_sys / 6, slave 0
 * selected, ready for commands through DR0. */
    .global rom_flash_exit_xip
    .type rom_flash_exit_xip, %function
    .thumb_func
rom_flash_exit_xip:
    ldr r3, =XIP_SSI_BASE
    movs r0, #0
    str r0, [r3, #SSI_OFF(SSI_SSIENR)]     @ off: the others only change while off
    movs r0, #ROM_SSI_SCKDV
    str r0, [r3, #SSI_OFF(SSI_BAUDR)]
    ldr r0, =ROM_SSI_CTRLR0_SERIAL
    str r0, [r3, #SSI_OFF(SSI_CTRLR0)]
    movs r0, #1
    str r0, [r3, #SSI_OFF(SSI_SER)]
    str r0, [r3, #SSI_OFF(SSI_SSIENR)]
    /* Leave continuous-read mode (a boot2 may have put the chip there): chip select held low
     * through IO_QSPI GPIO_QSPI_SS_CTRL.OUTOVER, two 0xFF bytes, chip select released. */
    ldr r1, =0x4001800c                    @ IO_QSPI GPIO_QSPI_SS_CTRL
    movs r2, #2
    lsls r2, r2, #8                        @ OUTOVER = drive low
    str r2, [r1]
    movs r0, #0xff
    str r0, [r3, #SSI_OFF(SSI_DR0)]
    str r0, [r3, #SSI_OFF(SSI_DR0)]
1:  ldr r0, [r3, #SSI_OFF(SSI_RXFLR)]
    cmp r0, #2
    bcc 1b
    ldr r0, [r3, #SSI_OFF(SSI_DR0)]
    ldr r0, [r3, #SSI_OFF(SSI_DR0)]
    movs r2, #3
    lsls r2, r2, #8                        @ OUTOVER = drive high: end of the command
    str r2, [r1]
    movs r2, #0                            @ OUTOVER = normal: the SSI drives it again
    str r2, [r1]
    bx lr
    .size rom_flash_exit_xip, . - rom_flash_exit_xip

/* flash_enter_cmd_xip ('CX'): every XIP read becomes a 03h READ DATA command, 24-bit address,
 * one 32-bit frame; slow but supported by every SPI NOR flash. */
    .global rom_flash_enter_cmd_xip
    .type rom_flash_enter_cmd_xip, %function
    .thumb_func
rom_flash_enter_cmd_xip:
    ldr r3, =XIP_SSI_BASE
    movs r0, #0
    str r0, [r3, #SSI_OFF(SSI_SSIENR)]
    str r0, [r3, #SSI_OFF(SSI_CTRLR1)]     @ NDF = 0: one frame per access
    movs r0, #ROM_SSI_SCKDV
    str r0, [r3, #SSI_OFF(SSI_BAUDR)]
    ldr r0, =ROM_SSI_CTRLR0_XIP
    str r0, [r3, #SSI_OFF(SSI_CTRLR0)]
    ldr r0, =ROM_SSI_SPI_CTRLR0_XIP
    ldr r1, =SSI_SPI_CTRLR0                @ beyond a 16-bit STR's reach from r3
    str r0, [r1]
    movs r0, #1
    str r0, [r3, #SSI_OFF(SSI_SER)]
    str r0, [r3, #SSI_OFF(SSI_SSIENR)]
    bx lr
    .size rom_flash_enter_cmd_xip, . - rom_flash_enter_cmd_xip

    .ltorg
