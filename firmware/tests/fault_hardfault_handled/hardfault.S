/* hardfault_handler: hands the stacked exception frame to hardfault_record(frame) in C.
 * The frame is on the stack the faulting code used (EXC_RETURN bit 2: 0 = MSP, 1 = PSP;
 * ARMv6-M ARM B1.5.8). hardfault_record is entered by a plain branch, so LR still holds
 * EXC_RETURN and its return is the exception return. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.hardfault_handler, "ax"
    .global hardfault_handler
    .type hardfault_handler, %function
    .thumb_func
hardfault_handler:
    movs r0, #4
    mov r1, lr
    tst r0, r1
    bne 1f
    mrs r0, msp
    b 2f
1:  mrs r0, psp
2:  ldr r1, =hardfault_record
    bx r1
    .ltorg
    .size hardfault_handler, . - hardfault_handler
