/* Reset: what each core does from power-on (RP2040 datasheet 2.8.1, boot sequence).
 *
 * Both cores start at rom_reset_handler and tell themselves apart by SIO CPUID. Core 1 goes to
 * rom_wait_for_vector (core1.S) and sleeps until core 0 launches it. Core 0 boots:
 *
 *   1. watchdog boot (2.8.1.1): when WATCHDOG SCRATCH4..7 hold the boot-to-address
 *      handshake, clear it (one shot) and enter the given entry point with the given SP;
 *   2. flash boot: take the QSPI pads and IO out of reset, connect the SSI to the flash and
 *      configure it for plain 03h XIP reads, copy the first 256 bytes of flash (boot2) to the
 *      top of SRAM, check their CRC-32 and enter boot2 at 0x20041f01 with LR = 0;
 *   3. otherwise the real ROM enters USB boot (BOOTSEL) mode; we report it to the host
 *      (trap boot_no_valid_boot2) and park.
 *
 * Not done: the rescue debug port check and the BOOTSEL button (QSPI CSn held low) check of
 * the real boot sequence.
 *
 * Everything here runs without a stack: core 0's SP sits just below boot2's copy and nothing
 * is pushed, so the copy never meets live data. */
#include "rom.h"

    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.rom_boot, "ax"

    .global rom_reset_handler
    .type rom_reset_handler, %function
    .thumb_func
rom_reset_handler:
    ldr r0, =SIO_CPUID
    ldr r0, [r0]
    cmp r0, #0
    beq 1f
    ldr r0, =ROM_CORE1_STACK_TOP
    mov sp, r0
    bl rom_wait_for_vector          @ never returns
1:  ldr r0, =ROM_CORE0_STACK_TOP
    mov sp, r0
    bl rom_watchdog_boot            @ returns when no watchdog boot is asked for
    bl rom_flash_boot               @ returns when flash holds no valid boot2
    bl rom_boot_no_valid_boot2      @ trap; never returns
    .size rom_reset_handler, . - rom_reset_handler

/* 2.8.1.1: SCRATCH4 = magic, SCRATCH5 = entry ^ -magic, SCRATCH6 = SP, SCRATCH7 = entry. */
    .type rom_watchdog_boot, %function
    .thumb_func
rom_watchdog_boot:
    ldr r3, =ROM_WATCHDOG_SCRATCH4
    ldr r0, [r3]
    ldr r1, =ROM_WATCHDOG_BOOT_MAGIC
    cmp r0, r1
    bne 1f
    ldr r0, [r3, #4]                @ SCRATCH5
    ldr r2, [r3, #12]               @ SCRATCH7: the entry point (Thumb bit set)
    eors r0, r2
    ldr r1, =ROM_WATCHDOG_BOOT_CHECK
    cmp r0, r1
    bne 1f
    movs r0, #0
    str r0, [r3]                    @ one shot: the next reset boots normally
    ldr r0, [r3, #8]                @ SCRATCH6
    mov sp, r0
    movs r0, #0
    mov lr, r0
    bx r2
1:  bx lr
    .size rom_watchdog_boot, . - rom_watchdog_boot

    .type rom_flash_boot, %function
    .thumb_func
rom_flash_boot:
    mov r8, lr                      @ no stack: keep the return address in a high register

    @ Every block starts held in reset (datasheet 2.14); release IO_QSPI and PADS_QSPI and
    @ wait until RESET_DONE shows both.
    ldr r0, =(RESETS_RESET + ROM_ALIAS_CLR)
    ldr r1, =(RESETS_IO_QSPI | RESETS_PADS_QSPI)
    str r1, [r0]
    ldr r0, =RESETS_RESET_DONE
1:  ldr r2, [r0]
    ands r2, r1
    cmp r2, r1
    bne 1b

    bl rom_connect_internal_flash
    bl rom_flash_exit_xip
    bl rom_flash_enter_cmd_xip

    @ Copy the first 256 bytes of flash, through XIP, to the top of SRAM5.
    ldr r0, =XIP_BASE
    ldr r1, =BOOT2_SRAM_ADDR
    movs r2, #(BOOT2_SIZE / 16)
2:  ldmia r0!, {r3, r4, r5, r6}
    stmia r1!, {r3, r4, r5, r6}
    subs r2, #1
    bne 2b

    @ Bytes 252..255 must hold the CRC-32/MPEG-2 of bytes 0..251 (datasheet 2.8.1.3.1).
    ldr r0, =BOOT2_SRAM_ADDR
    movs r1, #(BOOT2_SIZE - 4)
    bl rom_crc32
    ldr r1, =(BOOT2_SRAM_ADDR + BOOT2_SIZE - 4)
    ldr r1, [r1]
    cmp r0, r1
    bne 3f

    @ Enter boot2 in Thumb state with LR = 0: boot2 then starts the image rather than return.
    ldr r0, =BOOT2_SRAM_ADDR
    mov sp, r0
    movs r1, #0
    mov lr, r1
    adds r0, #1
    bx r0
3:  bx r8
    .size rom_flash_boot, . - rom_flash_boot

/* Exceptions taken while VTOR still points at the ROM. An NMI returns at once; a HardFault
 * stops at a breakpoint, which the emulator reports with this symbol (or a debugger shows). */
    .global rom_nmi_handler
    .type rom_nmi_handler, %function
    .thumb_func
rom_nmi_handler:
    bx lr
    .size rom_nmi_handler, . - rom_nmi_handler

    .global rom_hardfault_handler
    .type rom_hardfault_handler, %function
    .thumb_func
rom_hardfault_handler:
    bkpt #0
    b rom_hardfault_handler
    .size rom_hardfault_handler, . - rom_hardfault_handler

    .ltorg
