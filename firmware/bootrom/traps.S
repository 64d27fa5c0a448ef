/* The trap stubs: for each line of traps.def, a ROM function rom_<name> whose first
 * instruction is `bkpt #number`. The emulator's BKPT hook hands it to RomTraps::handle
 * (emulator/rom_traps.h), which performs the function on the host, charges its cycles and
 * resumes the core after it. RET stubs end in `bx lr` (the host may resume there, e.g. when LR
 * holds an exception return value); PARK stubs never return and sleep in a WFI loop.
 *
 * The float and double stubs lie between rom_fplib_start and rom_fplib_end ('FS' and 'FE' in
 * the data table). A copy of them elsewhere does not work: traps are only honoured in ROM. */
    .syntax unified
    .cpu cortex-m0plus
    .thumb

#define STUB_HEAD(number, name)                         \
    .global rom_##name ; .type rom_##name, %function ;  \
    .thumb_func ; rom_##name: bkpt (number)
#define STUB_TAIL_RET bx lr
#define STUB_TAIL_PARK 1: wfi ; b 1b
#define STUB_END(name) .size rom_##name, . - rom_##name

    .section .text.rom_traps, "ax"
    .balign 4

#define ROM_TRAP(number, name, cycles, tail) \
    STUB_HEAD(number, name) ; STUB_TAIL_##tail ; STUB_END(name)
#include "traps.def"
#undef ROM_TRAP

    .balign 4
    .global rom_fplib_start
rom_fplib_start:

#define ROM_FLOAT_TRAP(offset, name, cycles) \
    STUB_HEAD(0x40 + (offset) / 4, name) ; STUB_TAIL_RET ; STUB_END(name)
#include "traps.def"
#undef ROM_FLOAT_TRAP

#define ROM_DOUBLE_TRAP(offset, name, cycles) \
    STUB_HEAD(0x80 + (offset) / 4, name) ; STUB_TAIL_RET ; STUB_END(name)
#include "traps.def"
#undef ROM_DOUBLE_TRAP

    .global rom_fplib_end
rom_fplib_end:
