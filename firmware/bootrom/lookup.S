/* rom_table_lookup(table, code) (RP2040 datasheet 2.8.3): the function whose address is at
 * ROM offset 0x18. A table is a list of (16-bit code, 16-bit value) pairs ended by a zero
 * code; the result is the value for `code` zero-extended to a pointer, or 0 (NULL) when the
 * code is not in the table. Only the low 16 bits of `code` take part. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.rom_lookup, "ax"

    .global rom_table_lookup
    .type rom_table_lookup, %function
    .thumb_func
rom_table_lookup:
    uxth r1, r1
1:  ldrh r2, [r0]
    cmp r2, #0
    beq 2f
    cmp r2, r1
    beq 3f
    adds r0, #4
    b 1b
2:  movs r0, #0
    bx lr
3:  ldrh r0, [r0, #2]
    bx lr
    .size rom_table_lookup, . - rom_table_lookup
