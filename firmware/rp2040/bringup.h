// Board bring-up steps for a Raspberry Pi Pico, each one register sequence from the RP2040
// datasheet. hello (firmware/tests/hello) calls them one by one, in the order a real board
// needs; other images call bringup_console(), which runs the same sequence.
#ifndef VPICO_FIRMWARE_RP2040_BRINGUP_H
#define VPICO_FIRMWARE_RP2040_BRINGUP_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Starts the crystal oscillator (12 MHz on the Pico) and waits until it is stable.
void xosc_start(void);

// Runs clk_ref from the crystal, then clk_sys from clk_ref (both divide by 1 from reset),
// waiting on each glitchless mux. Afterwards clk_sys = clk_ref = 12 MHz.
void clk_ref_select_xosc(void);
void clk_sys_select_clk_ref(void);

// Enables clk_peri (UART, SPI clocks) from the given CLK_PERI_CTRL_AUXSRC_* source.
void clk_peri_enable(uint32_t auxsrc);

// Takes the blocks in `mask` (RESETS_* bits) out of reset and waits until they are ready.
void resets_release(uint32_t mask);

// Routes GPIO `pin` to function `func` (GPIO_FUNC_*), other CTRL overrides left normal.
void gpio_set_function(uint32_t pin, uint32_t func);

// The whole sequence for a UART0 console on GPIO0/GPIO1 at 115200 8N1, clk_sys = clk_peri
// = 12 MHz from the crystal.
void bringup_console(void);

#define CONSOLE_BAUD 115200u

#ifdef __cplusplus
}
#endif

#endif  // VPICO_FIRMWARE_RP2040_BRINGUP_H
