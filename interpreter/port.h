// The one narrow interface between the portable core and a port (host, RP2040).
// The core calls nothing else of the platform: no OS, no board headers.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace vpy {

// Console. port_write writes bytes to stdout (the REPL's output);
// port_read_char blocks for one byte of input and returns -1 at end of input.
void port_write(const char* data, size_t len);
void port_write_err(const char* data, size_t len);  // stderr (the console on a board)
int port_read_char();
// The REPL edits lines itself: raw console input (no echo, no line buffering,
// Ctrl-C as a character) while it reads, normal mode (Ctrl-C interrupts) while
// code runs. A board's UART is always raw: its port may do nothing.
void port_console_raw(bool raw);

// Monotonic time and sleeping.
uint64_t port_ticks_ms();
uint64_t port_ticks_us();
void port_sleep_ms(uint32_t ms);
void port_sleep_us(uint32_t us);

// Reading a whole file for import/exec. Returns a GC-heap buffer (allocated through
// gc_alloc) holding the bytes and a terminating NUL, or nullptr if the file is absent.
char* port_read_file(const char* path, size_t* len_out);

// Whether a path names a directory (package import) or a regular file.
enum PortStat { kPortStatNone, kPortStatFile, kPortStatDir };
PortStat port_stat(const char* path);

// Pending keyboard interrupt: the port sets this (e.g. from a signal handler or an
// UART IRQ on Ctrl-C); the VM polls it on backward jumps and calls.
extern volatile int port_interrupt_pending;

// Events a port's interrupt handlers record (a pin edge, a timer) wait for a safe point: the
// handler sets port_events_pending, and the VM, at its next poll (backward jumps, loops, sleeps,
// as for Ctrl-C), clears it and calls port_run_events() on its own stack, where Python callbacks
// may run (runtime.h: runtime_run_events). A port without such events leaves it 0 and does
// nothing in port_run_events.
extern volatile int port_events_pending;
void port_run_events();

// A seed for random (board: ROSC; host: time).
uint32_t port_random_seed();

}  // namespace vpy
