/* run_cbz: executes a CBZ, an ARMv7-M instruction the Cortex-M0+ does not have. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.run_cbz, "ax"
    .global run_cbz
    .type run_cbz, %function
    .thumb_func
run_cbz:
    movs r0, #0                     @ the branch is taken: no matter, it faults first
    /* The label keeps the exemption from the ARMv6-M check to this one instruction (and
     * the return after it), and tells the test where the fault must be reported. */
    .global armv7m_cbz
armv7m_cbz:
    .inst.n 0xb100                  @ cbz r0, .+4 (T1: 1011 0 0 i 1 imm5 Rn; i=0, imm5=0)
    bx lr
    .size run_cbz, . - run_cbz
