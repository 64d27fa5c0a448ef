/* The faults fault_hardfault_handled provokes, one function each: void case_x(uint32_t r0).
 *
 * In every case `movs r1, #11` comes just before the faulting instruction, in the same
 * straight-line run of code: the stacked r1 then shows whether the instructions before the
 * fault ran, as they do on the M0+. The faulting instruction carries the global label
 * <case>_fault and the instruction after it <case>_resume; the HardFault handler resumes
 * there, so a wrong stacked PC cannot derail the cases that follow. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .macro case_begin name
    .section .text.case_\name, "ax"
    .global case_\name
    .type case_\name, %function
    .thumb_func
case_\name:
    .endm

    .macro case_labels name
    .global \name\()_fault
    .global \name\()_resume
    .endm

/* A word load from the odd address in r0 (ARMv6-M: always a fault). */
    case_begin unaligned
    case_labels unaligned
    movs r1, #11
unaligned_fault:
    ldr r0, [r0]
unaligned_resume:
    bx lr
    .size case_unaligned, . - case_unaligned

/* UDF: permanently undefined. */
    case_begin udf
    case_labels udf
    movs r1, #11
udf_fault:
    udf #7
udf_resume:
    bx lr
    .size case_udf, . - case_udf

/* BKPT with no debugger attached: a HardFault. */
    case_begin bkpt
    case_labels bkpt
    movs r1, #11
bkpt_fault:
    bkpt #1
bkpt_resume:
    bx lr
    .size case_bkpt, . - case_bkpt

/* A call to the address in r0 (0): the fault is taken at the target, before it executes,
 * with the stacked LR pointing back here. */
    case_begin null_call
    case_labels null_call
    push {lr}
    movs r1, #11
null_call_fault:
    blx r0
null_call_resume:
    pop {pc}
    .size case_null_call, . - case_null_call

/* CBZ, an ARMv7-M instruction (exempt from the image's ARMv6-M check, CMakeLists.txt). */
    case_begin cbz
    case_labels cbz
    movs r1, #11
cbz_fault:
    .inst.n 0xb100                  @ cbz r0, .+4
cbz_resume:
    bx lr
    .size case_cbz, . - case_cbz

/* A load from the address in r0, where nothing answers. */
    case_begin read_unmapped
    case_labels read_unmapped
    movs r1, #11
read_unmapped_fault:
    ldr r0, [r0]
read_unmapped_resume:
    bx lr
    .size case_read_unmapped, . - case_read_unmapped

/* A store to the address in r0, where nothing answers. */
    case_begin write_unmapped
    case_labels write_unmapped
    movs r1, #11
write_unmapped_fault:
    str r1, [r0]
write_unmapped_resume:
    bx lr
    .size case_write_unmapped, . - case_write_unmapped
