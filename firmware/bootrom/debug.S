/* The debugger trampoline ('DT', 'DE'; RP2040 datasheet 2.8.3): a debugger that wants to call
 * a ROM function without a hardware breakpoint of its own puts the function's address in r7
 * and the arguments in r0..r3, and starts the core at debug_trampoline. The call returns to
 * debug_trampoline_end, a BKPT #0 that stops the core for the debugger (bkpt 0 is never a
 * host trap, traps.def). */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

    .section .text.rom_debug, "ax"

    .global rom_debug_trampoline
    .type rom_debug_trampoline, %function
    .thumb_func
rom_debug_trampoline:
    blx r7
    .size rom_debug_trampoline, . - rom_debug_trampoline

    .global rom_debug_trampoline_end
    .type rom_debug_trampoline_end, %function
    .thumb_func
rom_debug_trampoline_end:
    bkpt #0
    b rom_debug_trampoline_end
    .size rom_debug_trampoline_end, . - rom_debug_trampoline_end
