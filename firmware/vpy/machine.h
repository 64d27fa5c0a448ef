// vpy's machine module on the RP2040 (MicroPython's rp2 port API): what its files share. One
// file per class: machine.cpp (the module and its functions), machine_pin.cpp, machine_adc.cpp,
// machine_pwm.cpp, machine_timer.cpp, machine_i2c.cpp, machine_uart.cpp, machine_spi.cpp.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "runtime.h"

namespace vpy {

extern const Type machine_pin_type, machine_adc_type, machine_pwm_type, machine_timer_type,
    machine_i2c_type, machine_uart_type, machine_spi_type;

constexpr unsigned kPinCount = 30;
// Soft timers multiplexed on TIMER alarm 2 (machine_timer.cpp).
constexpr unsigned kTimerSlots = 16;

// Objects the port's interrupts refer to, kept alive through VmState::port_roots (a tuple made
// on first use after each soft reset): a pin's IRQ handler, a running Timer.
enum : size_t { kRootPinHandler = 0, kRootTimer = kPinCount, kRootCount = kPinCount + kTimerSlots };
Value* machine_roots();

// Arguments by position or by name: out[i] is the value given for names[i], or kNull.
// The first `n_positional` names may also come by position; TypeError for anything else.
void machine_parse_args(size_t n_args, const Value* args, const KwArgs* kw, const Qstr* names,
                        size_t n_names, size_t n_positional, Value* out);

// A GPIO number from a Pin, an int 0..29 or a name ("LED", "GPIO25"); ValueError "invalid pin".
unsigned machine_pin_id(Value pin);
Value machine_pin_obj(unsigned id);
// Hands the pad to a peripheral: FUNCSEL, input on, output allowed (pico-sdk's gpio_set_function).
void machine_pin_set_function(unsigned id, unsigned funcsel);
void machine_pin_set_pulls(unsigned id, bool up, bool down);

// clk_sys and clk_peri in Hz, as the CLOCKS registers set them (machine.cpp).
uint32_t machine_clk_sys_hz();
uint32_t machine_clk_peri_hz();

// Soft reset: every block the module drives goes back to rest (pin interrupts off, timers
// stopped, PWM slices and UART1 off), and the event ring is emptied. main.cpp calls it before each
// runtime_init.
void machine_deinit();
void machine_pin_deinit();
void machine_timer_deinit();
void machine_pwm_deinit();
void machine_uart_deinit();
// clk_peri changed (machine.freq): UART1 takes divisors for the new rate.
void machine_uart_clocks_changed();

// The events machine_*.cpp record in their interrupt handlers run here (port_events.cpp).
void machine_pin_run_event(unsigned pin);
void machine_timer_run_event(unsigned slot, unsigned generation);

}  // namespace vpy
