/* The lookup tables the header points at (RP2040 datasheet 2.8.3): codes are two ASCII
 * characters (pico-sdk bootrom_constants.h, ROM_TABLE_CODE), values 16-bit ROM addresses.
 * Function entries carry the Thumb bit; a zero code ends a table. */
#include "rom.h"

    .syntax unified
    .cpu cortex-m0plus
    .thumb

#define FUNC(c1, c2, symbol) .hword ROM_CODE(c1, c2), (symbol) + 1
#define DATA(c1, c2, symbol) .hword ROM_CODE(c1, c2), (symbol)

    .section .rodata.rom_tables, "a"
    .balign 4

    .global rom_func_table
rom_func_table:
    FUNC('P', '3', rom_popcount32)
    FUNC('R', '3', rom_reverse32)
    FUNC('L', '3', rom_clz32)
    FUNC('T', '3', rom_ctz32)
    FUNC('M', 'S', rom_memset)
    FUNC('S', '4', rom_memset4)            @ pico-sdk ROM_FUNC_MEMSET4
    FUNC('M', 'C', rom_memcpy)
    FUNC('C', '4', rom_memcpy44)
    FUNC('I', 'F', rom_connect_internal_flash)
    FUNC('E', 'X', rom_flash_exit_xip)
    FUNC('R', 'E', rom_flash_range_erase)
    FUNC('R', 'P', rom_flash_range_program)
    FUNC('F', 'C', rom_flash_flush_cache)
    FUNC('C', 'X', rom_flash_enter_cmd_xip)
    FUNC('U', 'B', rom_reset_to_usb_boot)
    FUNC('D', 'T', rom_debug_trampoline)
    FUNC('D', 'E', rom_debug_trampoline_end)
    FUNC('W', 'V', rom_wait_for_vector)
    .hword 0, 0
    .size rom_func_table, . - rom_func_table

    .global rom_data_table
rom_data_table:
    DATA('C', 'R', rom_copyright_string)
    DATA('G', 'R', rom_git_revision)
    DATA('F', 'S', rom_fplib_start)
    DATA('S', 'F', rom_soft_float_table)
    DATA('F', 'E', rom_fplib_end)
    DATA('S', 'D', rom_soft_double_table)
    .hword 0, 0
    .size rom_data_table, . - rom_data_table

/* Each soft-float table is preceded by a halfword holding its size in words: pico-sdk reads the
 * low byte of it (the byte two below the table) and asserts the table has the V2 entries. */
    .balign 4
    .hword 0
    .hword ROM_FP_TABLE_WORDS
    .global rom_soft_float_table
rom_soft_float_table:
#define ROM_FLOAT_TRAP(offset, name, cycles) .word rom_##name ;
#include "traps.def"
#undef ROM_FLOAT_TRAP
    .size rom_soft_float_table, . - rom_soft_float_table
    .if (. - rom_soft_float_table) != ROM_FP_TABLE_WORDS * 4
    .error "the 'SF' table must have ROM_FP_TABLE_WORDS entries"
    .endif

    .hword 0
    .hword ROM_FP_TABLE_WORDS
    .global rom_soft_double_table
rom_soft_double_table:
#define ROM_DOUBLE_TRAP(offset, name, cycles) .word rom_##name ;
#include "traps.def"
#undef ROM_DOUBLE_TRAP
    .size rom_soft_double_table, . - rom_soft_double_table
    .if (. - rom_soft_double_table) != ROM_FP_TABLE_WORDS * 4
    .error "the 'SD' table must have ROM_FP_TABLE_WORDS entries"
    .endif

/* 'GR' points at a word: the 8 most significant hex digits of the ROM's git revision
 * (datasheet 2.8.3). Ours is not built from git; this fixed value reads "vpic" in ASCII. */
    .balign 4
    .global rom_git_revision
rom_git_revision:
    .word 0x76706963

    .global rom_copyright_string
rom_copyright_string:
    .asciz "vpico boot ROM: an RP2040 ROM interface written for the vpico simulator"
