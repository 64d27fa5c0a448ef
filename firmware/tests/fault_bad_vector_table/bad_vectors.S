/* The vector table of fault_bad_vector_table: every handler address lacks the Thumb bit.
 *
 * entry_without_thumb_bit is a plain label, not a .thumb_func, so the linker leaves bit 0
 * of the words that name it clear: the mistake of a table written by hand or by a tool that
 * does not know the Cortex-M only runs Thumb code. bad_vectors.ld puts this table where
 * boot2 looks for one, at 0x10000100. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .bad_vectors, "a"
    .global bad_vector_table
    .type bad_vector_table, %object
bad_vector_table:
    .word __stack_top               @ initial MSP: fine
    .rept 15                        @ reset, NMI, HardFault, ... SysTick: all even
    .word entry_without_thumb_bit
    .endr
    .size bad_vector_table, . - bad_vector_table

    .section .text.entry_without_thumb_bit, "ax"
    .global entry_without_thumb_bit
entry_without_thumb_bit:
    /* Reached only if a branch here kept Thumb state, which an M0+ never does: start the
     * image properly, so that main() can say something went wrong. */
    ldr r0, =reset_handler
    bx r0
    .ltorg
