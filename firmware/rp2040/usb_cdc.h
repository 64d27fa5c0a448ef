// A small USB CDC-ACM device on the RP2040's USB controller (datasheet 4.1), bare metal and
// interrupt-driven: one serial port a PC sees as /dev/ttyACM0 or COMn. It will be vpy's USB
// console on a Pico; vpico's virtual USB host talks to it the same way.
//
// Endpoints: EP0 control (64 bytes), EP1 IN interrupt (CDC notifications, never sent), EP2 OUT
// and EP2 IN bulk (64 bytes). Requests answered: GET_DESCRIPTOR (device, configuration,
// strings), SET_ADDRESS, SET_CONFIGURATION, GET_CONFIGURATION, GET_STATUS, SET_INTERFACE
// (alternate 0), and CDC SET_LINE_CODING, GET_LINE_CODING, SET_CONTROL_LINE_STATE,
// SEND_BREAK; anything else is stalled. The USBCTRL_IRQ handler (irq5_handler) is defined
// here: an image that links usb_cdc must not define its own.
#ifndef VPICO_FIRMWARE_RP2040_USB_CDC_H
#define VPICO_FIRMWARE_RP2040_USB_CDC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// The identity the device presents (Raspberry Pi's vendor ID with MicroPython's product ID,
// so mpremote finds the board as it finds MicroPython's).
#define USB_CDC_VID 0x2e8a
#define USB_CDC_PID 0x0005

// PLL_USB to 48 MHz (12 MHz crystal / 1 * 100 / 5 / 5) and clk_usb from it. The crystal must
// be running (xosc_start). Waits for the PLL lock without a bound.
void usb_cdc_clock_init(void);

// Resets the controller, sets up the endpoints, enables USBCTRL_IRQ and pulls D+ up: the host
// enumerates the device from then on, in the interrupt handler.
void usb_cdc_init(void);

// The host has configured the device.
bool usb_cdc_configured(void);
// The host has configured the device and set DTR (a terminal has the port open).
bool usb_cdc_connected(void);
// The last SET_LINE_CODING's rate (115200 until one comes).
uint32_t usb_cdc_baud(void);

// Queues up to `n` bytes for the host; returns how many fit (the rest is the caller's).
size_t usb_cdc_write(const void* data, size_t n);
// Queues all `n` bytes, waiting (WFI) while the queue is full; drops them if the host is not
// configured.
void usb_cdc_write_all(const void* data, size_t n);
// Bytes waiting to go to the host.
size_t usb_cdc_tx_pending(void);
// Next byte from the host, or -1 if none has come.
int usb_cdc_read(void);
size_t usb_cdc_rx_available(void);

// Called from the line-state handler when the host sets or clears DTR (optional hook, weak).
void usb_cdc_on_line_state(bool dtr, bool rts);
// Called from the interrupt handler for each byte from the host (optional hook, weak): return
// false to take the byte out of the stream (a console's Ctrl-C), true to queue it for
// usb_cdc_read.
bool usb_cdc_on_rx_byte(uint8_t byte);

#ifdef __cplusplus
}
#endif

#endif  // VPICO_FIRMWARE_RP2040_USB_CDC_H
