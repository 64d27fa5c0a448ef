/* run_ldr_w: uint32_t run_ldr_w(const uint32_t* p) loads *p with LDR.W, an ARMv7-M
 * encoding the Cortex-M0+ does not have. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.run_ldr_w, "ax"
    .global run_ldr_w
    .type run_ldr_w, %function
    .thumb_func
run_ldr_w:
    nop                             @ the label below must not share run_ldr_w's address
    /* The label keeps the exemption from the ARMv6-M check to this one instruction (and
     * the return after it), and tells the test where the fault must be reported. */
    .global armv7m_ldr_w
armv7m_ldr_w:
    .inst.w 0xf8d00000              @ ldr.w r0, [r0, #0] (T3: 11111 00 0 1 10 1 Rn | Rt imm12)
    bx lr
    .size run_ldr_w, . - run_ldr_w
