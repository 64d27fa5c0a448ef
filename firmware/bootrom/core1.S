/* wait_for_vector: where core 1 waits to be launched (RP2040 datasheet 2.8.2, "Launching code
 * on processor core 1"; also the 'WV' entry of the function table).
 *
 * On entry (power-on, a reset of core 1 alone through PSM FRCE_OFF.PROC1, or a launched entry
 * point returning) core 1 first drains its incoming FIFO and sends one 0 to core 0, as the
 * RP2040's own ROM does: pico-sdk's multicore_reset_core1 waits for that 0, and the launch
 * sequence below discards it (core 0 drains its FIFO before each 0).
 *
 * Core 0 sends six words through the SIO FIFOs, each echoed back by core 1:
 *   0, 0, 1, vector table, stack pointer, entry point
 * and starts over from the first 0 whenever an echo differs from what it sent; before each 0 it
 * drains its own FIFO and executes SEV (pico-sdk multicore_launch_core1_raw). Core 1 here:
 *   - pops a word, sleeping in WFE while its FIFO is empty;
 *   - on a 0, drains whatever else is in its incoming FIFO (stale words) and executes SEV;
 *   - echoes the word (waiting in WFE while the outgoing FIFO is full), then SEV, so that a
 *     core 0 sleeping in WFE for the answer wakes;
 *   - tracks the sequence: the first three words must be 0, 0, 1 (a 0 in place of the 1 keeps
 *     "two zeros seen", anything else starts over); the next three are taken as they come;
 *   - then sets VTOR, MSP and jumps to the entry point with LR = wait_for_vector, so a
 *     returning entry function waits for the next launch.
 *
 * No stack is used (the caller's SP is replaced anyway). Registers: r4 = SIO base, r5 = words
 * of the sequence accepted so far, r6 = vector table, r7 = stack pointer. */
#include "rom.h"

#define FIFO_ST_OFF (SIO_FIFO_ST - SIO_BASE)
#define FIFO_WR_OFF (SIO_FIFO_WR - SIO_BASE)
#define FIFO_RD_OFF (SIO_FIFO_RD - SIO_BASE)

    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.rom_core1, "ax"

    .global rom_wait_for_vector
    .type rom_wait_for_vector, %function
    .thumb_func
rom_wait_for_vector:
    ldr r4, =SIO_BASE
    bl fifo_drain                   @ words left from before a reset of core 1
    movs r0, #0
    bl fifo_push                    @ announce: "here, FIFO drained" (see above)
restart:
    movs r5, #0
next_word:
    bl fifo_pop                     @ r0 = word from core 0
    cmp r0, #0
    bne 1f
    bl fifo_drain
    sev
1:  bl fifo_push                    @ echo it

    cmp r5, #3
    bhs take_value
    cmp r5, #2
    beq want_one
    cmp r0, #0                      @ words 0 and 1 must be 0
    bne restart
    adds r5, #1
    b next_word
want_one:
    cmp r0, #1
    beq 2f
    cmp r0, #0
    beq next_word                   @ a further 0: still two zeros seen
    b restart
2:  adds r5, #1
    b next_word

take_value:
    cmp r5, #4
    beq 3f
    bhi launch
    mov r6, r0                      @ word 3: vector table
    adds r5, #1
    b next_word
3:  mov r7, r0                      @ word 4: stack pointer
    adds r5, #1
    b next_word

launch:                             @ word 5: entry point, in r0
    ldr r1, =SCB_VTOR
    str r6, [r1]
    msr msp, r7
    ldr r1, =rom_wait_for_vector    @ a literal word: carries the Thumb bit
    mov lr, r1
    bx r0
    .size rom_wait_for_vector, . - rom_wait_for_vector

/* FIFO_ST (datasheet 2.3.1, inter-core FIFOs): bit 0 VLD, the FIFO from the other core
 * holds data; bit 1 RDY, the FIFO to the other core has room. */

/* r0 = next word of the FIFO from core 0; sleeps while it is empty. Clobbers r1. */
    .type fifo_pop, %function
    .thumb_func
fifo_pop:
    ldr r1, [r4, #FIFO_ST_OFF]
    lsrs r1, r1, #1                 @ VLD into carry
    bcs 1f
    wfe
    b fifo_pop
1:  ldr r0, [r4, #FIFO_RD_OFF]
    bx lr
    .size fifo_pop, . - fifo_pop

/* Sends r0 to core 0, sleeping while the FIFO is full, then wakes core 0. Clobbers r1. */
    .type fifo_push, %function
    .thumb_func
fifo_push:
    ldr r1, [r4, #FIFO_ST_OFF]
    lsrs r1, r1, #2                 @ RDY into carry
    bcs 1f
    wfe
    b fifo_push
1:  str r0, [r4, #FIFO_WR_OFF]
    sev
    bx lr
    .size fifo_push, . - fifo_push

/* Discards everything in the FIFO from core 0. Clobbers r1. */
    .type fifo_drain, %function
    .thumb_func
fifo_drain:
    ldr r1, [r4, #FIFO_ST_OFF]
    lsrs r1, r1, #1
    bcc 1f
    ldr r1, [r4, #FIFO_RD_OFF]
    b fifo_drain
1:  bx lr
    .size fifo_drain, . - fifo_drain

    .ltorg
