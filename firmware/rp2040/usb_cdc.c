// USB CDC-ACM device on the RP2040 USB controller. Register facts: RP2040 datasheet 4.1
// (4.1.2.5 the DPRAM's buffer control handshake, 4.1.4 the registers), pico-sdk
// hardware/regs/usb.h and usb_device_dpram.h. Class facts: USB 2.0 chapter 9, USB CDC 1.2
// and its PSTN subclass (ACM requests and functional descriptors).
#include "usb_cdc.h"

#include "bringup.h"
#include "cpu.h"
#include "regs.h"

// --- USBCTRL registers (datasheet 4.1.4) ------------------------------------------------
#define USBCTRL_DPRAM 0x50100000u
#define USBCTRL_REGS 0x50110000u
#define USB_ADDR_ENDP (USBCTRL_REGS + 0x00)
#define USB_MAIN_CTRL (USBCTRL_REGS + 0x40)
#define USB_SIE_CTRL (USBCTRL_REGS + 0x4c)
#define USB_SIE_STATUS (USBCTRL_REGS + 0x50)
#define USB_BUFF_STATUS (USBCTRL_REGS + 0x58)
#define USB_EP_STALL_ARM (USBCTRL_REGS + 0x68)
#define USB_USB_MUXING (USBCTRL_REGS + 0x74)
#define USB_USB_PWR (USBCTRL_REGS + 0x78)
#define USB_INTE (USBCTRL_REGS + 0x90)
#define USB_INTS (USBCTRL_REGS + 0x98)

#define MAIN_CTRL_CONTROLLER_EN (1u << 0)
#define SIE_CTRL_PULLUP_EN (1u << 16)
#define SIE_CTRL_EP0_INT_1BUF (1u << 29)
#define SIE_STATUS_SETUP_REC (1u << 17)
#define SIE_STATUS_BUS_RESET (1u << 19)
#define USB_MUXING_TO_PHY (1u << 0)
#define USB_MUXING_SOFTCON (1u << 3)
#define USB_PWR_VBUS_DETECT (1u << 2)
#define USB_PWR_VBUS_DETECT_OVERRIDE_EN (1u << 3)
#define INT_BUFF_STATUS (1u << 4)
#define INT_BUS_RESET (1u << 12)
#define INT_SETUP_REQ (1u << 16)

// DPRAM layout in device mode: the SETUP packet at 0, endpoint control words for EP1..15 at
// 0x08 (IN then OUT), buffer control words for EP0..15 at 0x80 (IN then OUT), EP0's buffer
// at 0x100, other buffers from 0x180 (64-byte aligned).
#define EP_CTRL(ep, in) (USBCTRL_DPRAM + 0x08 + ((ep)-1) * 8 + ((in) ? 0 : 4))
#define BUF_CTRL(ep, in) (USBCTRL_DPRAM + 0x80 + (ep)*8 + ((in) ? 0 : 4))
#define EP0_BUF 0x100u
#define EP2_IN_BUF 0x180u
#define EP2_OUT_BUF 0x1c0u
#define EP1_IN_BUF 0x200u

#define EP_CTRL_ENABLE (1u << 31)
#define EP_CTRL_INT_PER_BUFF (1u << 29)
#define EP_CTRL_TYPE_BULK (2u << 26)
#define EP_CTRL_TYPE_INTERRUPT (3u << 26)
#define BC_FULL (1u << 15)
#define BC_LAST (1u << 14)
#define BC_DATA1 (1u << 13)
#define BC_STALL (1u << 11)
#define BC_AVAILABLE (1u << 10)

#define EP_PACKET 64u
#define CDC_NOTIFY_EP 1u
#define CDC_DATA_EP 2u

// BUFF_STATUS bits: EPn IN is bit 2n, EPn OUT bit 2n+1.
#define BS_IN(ep) (1u << (2 * (ep)))
#define BS_OUT(ep) (1u << (2 * (ep) + 1))

// --- descriptors (USB 2.0 9.6, CDC 1.2 5.2.3, PSTN 5.3) ---------------------------------
static const uint8_t kDeviceDescriptor[18] = {
    18,
    1,  // bLength, DEVICE
    0x00,
    0x02,  // bcdUSB 2.00
    0xef,
    0x02,
    0x01,       // miscellaneous class, common class, IAD (the function is in an IAD)
    EP_PACKET,  // bMaxPacketSize0
    USB_CDC_VID & 0xff,
    USB_CDC_VID >> 8,
    USB_CDC_PID & 0xff,
    USB_CDC_PID >> 8,
    0x00,
    0x01,  // bcdDevice 1.00
    1,
    2,
    3,  // iManufacturer, iProduct, iSerialNumber
    1,  // bNumConfigurations
};

#define CONFIG_TOTAL (9 + 8 + 9 + 5 + 5 + 4 + 5 + 7 + 9 + 7 + 7)
static const uint8_t kConfigDescriptor[CONFIG_TOTAL] = {
    // Configuration: 2 interfaces, value 1, bus powered, 100 mA.
    9, 2, CONFIG_TOTAL & 0xff, CONFIG_TOTAL >> 8, 2, 1, 0, 0x80, 50,
    // Interface association: interfaces 0..1, CDC ACM.
    8, 11, 0, 2, 0x02, 0x02, 0x00, 0,
    // Interface 0: communications, ACM, no protocol, 1 endpoint.
    9, 4, 0, 0, 1, 0x02, 0x02, 0x00, 0,
    // CDC header 1.20, call management (none, data interface 1), ACM (line coding and
    // serial state, SEND_BREAK), union (master 0, slave 1).
    5, 0x24, 0x00, 0x20, 0x01, 5, 0x24, 0x01, 0x00, 1, 4, 0x24, 0x02, 0x06, 5, 0x24, 0x06, 0, 1,
    // EP1 IN interrupt, 8 bytes, every 16 ms.
    7, 5, 0x80 | CDC_NOTIFY_EP, 0x03, 8, 0, 16,
    // Interface 1: CDC data, 2 endpoints.
    9, 4, 1, 0, 2, 0x0a, 0x00, 0x00, 0,
    // EP2 OUT and EP2 IN bulk, 64 bytes.
    7, 5, CDC_DATA_EP, 0x02, EP_PACKET, 0, 0, 7, 5, 0x80 | CDC_DATA_EP, 0x02, EP_PACKET, 0, 0};

static const char* const kStrings[] = {"vpico", "vpy USB serial", "0001"};

// --- state -------------------------------------------------------------------------------
#define RING 512u  // power of two
struct ring {
  volatile uint32_t head, tail;  // head: written by the producer, tail by the consumer
  uint8_t data[RING];
};
static struct ring s_tx, s_rx;

static volatile bool s_configured;
static volatile bool s_dtr;
static uint8_t s_line_coding[7] = {0x00, 0xc2, 0x01, 0x00, 0, 0, 8};  // 115200 8N1

// EP0: what is left to send of a control read, and what the OUT data stage is for.
static const uint8_t* s_ep0_tx;
static uint32_t s_ep0_tx_left;
static bool s_ep0_tx_zlp;  // a reply of a multiple of 64 bytes shorter than wLength ends with a ZLP
static bool s_ep0_data1;   // PID of the next EP0 packet
static uint8_t s_pending_address;
static bool s_expect_line_coding;
static uint8_t s_string_buf[2 + 2 * 32];
static uint8_t s_reply[2];

static bool s_in_busy;    // a bulk IN buffer is armed
static bool s_in_data1;   // PID of the next bulk IN packet
static bool s_in_zlp;     // the last packet was full: end the transfer with a ZLP
static bool s_out_armed;  // the bulk OUT buffer is armed
static bool s_out_data1;  // PID of the next bulk OUT packet

static uint32_t ring_used(const struct ring* r) {
  return r->head - r->tail;
}

static void dpram_copy_to(uint32_t offset, const uint8_t* src, uint32_t n) {
  volatile uint8_t* dst = (volatile uint8_t*)(USBCTRL_DPRAM + offset);
  for (uint32_t i = 0; i < n; ++i)
    dst[i] = src[i];
}

// Hands a buffer to the controller. Datasheet 4.1.2.5.1: the AVAILABLE bit goes in last, a
// few clk_usb cycles after the rest of the word, so the controller never sees it with stale
// length or PID.
static void arm(uint32_t buf_ctrl, uint32_t value) {
  mmio_write(buf_ctrl, value);
  for (int i = 0; i < 12; ++i)
    cpu_nop();
  mmio_write(buf_ctrl, value | BC_AVAILABLE);
}

// --- EP0 -------------------------------------------------------------------------------------

static void ep0_send_next(void) {
  uint32_t n = s_ep0_tx_left < EP_PACKET ? s_ep0_tx_left : EP_PACKET;
  if (n) dpram_copy_to(EP0_BUF, s_ep0_tx, n);
  s_ep0_tx += n;
  s_ep0_tx_left -= n;
  arm(BUF_CTRL(0, true), BC_FULL | (s_ep0_data1 ? BC_DATA1 : 0) | n);
  s_ep0_data1 = !s_ep0_data1;
}

// A control read: `data` (length n, cut to the host's wLength) then the host's OUT status.
static void ep0_reply(const uint8_t* data, uint32_t n, uint32_t w_length) {
  if (n > w_length) n = w_length;
  s_ep0_tx = data;
  s_ep0_tx_left = n;
  s_ep0_tx_zlp = n < w_length && n % EP_PACKET == 0;
  ep0_send_next();
}

// The status stage of a control write (or of a request without data): a zero-length IN.
static void ep0_status_in(void) {
  s_ep0_tx = 0;
  s_ep0_tx_left = 0;
  s_ep0_tx_zlp = false;
  s_ep0_data1 = true;
  arm(BUF_CTRL(0, true), BC_FULL | BC_DATA1 | 0);
}

// Receive on EP0 OUT: the host's data stage or its zero-length status after a control read.
static void ep0_receive(bool data1) {
  arm(BUF_CTRL(0, false), (data1 ? BC_DATA1 : 0) | EP_PACKET);
}

static void ep0_stall(void) {
  // Datasheet 4.1.4 EP_STALL_ARM: a STALL on EP0 needs the arm bit as well as the buffer's
  // STALL bit; the controller clears the arm bits at the next SETUP.
  mmio_write(USB_EP_STALL_ARM, 3);
  mmio_write(BUF_CTRL(0, true), BC_STALL);
  mmio_write(BUF_CTRL(0, false), BC_STALL);
}

static const uint8_t* string_descriptor(uint8_t index, uint32_t* len) {
  if (index == 0) {
    s_string_buf[0] = 4;
    s_string_buf[1] = 3;
    s_string_buf[2] = 0x09;  // English (US)
    s_string_buf[3] = 0x04;
    *len = 4;
    return s_string_buf;
  }
  if (index > sizeof kStrings / sizeof kStrings[0]) return 0;
  const char* s = kStrings[index - 1];
  uint32_t n = 0;
  while (s[n] && n < 32) {
    s_string_buf[2 + 2 * n] = (uint8_t)s[n];
    s_string_buf[3 + 2 * n] = 0;
    ++n;
  }
  s_string_buf[0] = (uint8_t)(2 + 2 * n);
  s_string_buf[1] = 3;
  *len = 2 + 2 * n;
  return s_string_buf;
}

static void bulk_out_arm(void);
static void bulk_in_kick(void);

static void handle_setup(void) {
  volatile uint8_t* p = (volatile uint8_t*)USBCTRL_DPRAM;
  const uint8_t type = p[0], request = p[1];
  const uint16_t value = (uint16_t)(p[2] | p[3] << 8);
  const uint16_t length = (uint16_t)(p[6] | p[7] << 8);
  // Every control transfer's data stage starts with DATA1 (USB 2.0 8.5.3).
  s_ep0_data1 = true;
  s_expect_line_coding = false;

  if (type == 0x80 && request == 6) {  // GET_DESCRIPTOR
    const uint8_t dtype = value >> 8, index = value & 0xff;
    if (dtype == 1) return ep0_reply(kDeviceDescriptor, sizeof kDeviceDescriptor, length);
    if (dtype == 2) return ep0_reply(kConfigDescriptor, sizeof kConfigDescriptor, length);
    if (dtype == 3) {
      uint32_t n;
      const uint8_t* d = string_descriptor(index, &n);
      if (d) return ep0_reply(d, n, length);
    }
    return ep0_stall();
  }
  if (type == 0x00 && request == 5) {  // SET_ADDRESS: takes effect after the status stage
    s_pending_address = value & 0x7f;
    return ep0_status_in();
  }
  if (type == 0x00 && request == 9) {  // SET_CONFIGURATION
    s_configured = value != 0;
    // Endpoints start at DATA0 after a configuration (USB 2.0 9.1.1.5).
    s_in_data1 = s_out_data1 = false;
    s_in_busy = s_out_armed = s_in_zlp = false;
    if (s_configured) {
      bulk_out_arm();
      bulk_in_kick();
    }
    return ep0_status_in();
  }
  if (type == 0x80 && request == 8) {  // GET_CONFIGURATION
    s_reply[0] = s_configured ? 1 : 0;
    return ep0_reply(s_reply, 1, length);
  }
  if ((type & 0x9f) == 0x80 && request == 0) {  // GET_STATUS (device, interface, endpoint)
    s_reply[0] = s_reply[1] = 0;
    return ep0_reply(s_reply, 2, length);
  }
  if (type == 0x01 && request == 11 && value == 0) return ep0_status_in();  // SET_INTERFACE alt 0
  if (type == 0x21 && request == 0x20) {  // SET_LINE_CODING: 7 bytes follow
    s_expect_line_coding = true;
    return ep0_receive(true);
  }
  if (type == 0xa1 && request == 0x21)  // GET_LINE_CODING
    return ep0_reply(s_line_coding, sizeof s_line_coding, length);
  if (type == 0x21 && request == 0x22) {  // SET_CONTROL_LINE_STATE
    s_dtr = value & 1;
    usb_cdc_on_line_state(value & 1, (value & 2) != 0);
    return ep0_status_in();
  }
  if (type == 0x21 && request == 0x23) return ep0_status_in();  // SEND_BREAK
  ep0_stall();
}

static void ep0_in_done(void) {
  if (s_pending_address) {
    // Datasheet 4.1.2.3: the new address is written once the status stage has gone.
    mmio_write(USB_ADDR_ENDP, s_pending_address);
    s_pending_address = 0;
    return;
  }
  if (s_ep0_tx_left || s_ep0_tx_zlp) {
    if (!s_ep0_tx_left) s_ep0_tx_zlp = false;
    return ep0_send_next();
  }
  // A control read's data has gone: take the host's zero-length OUT status.
  if (s_ep0_tx) {
    s_ep0_tx = 0;
    ep0_receive(true);
  }
}

static void ep0_out_done(void) {
  const uint32_t bc = mmio_read(BUF_CTRL(0, false));
  if (s_expect_line_coding) {
    s_expect_line_coding = false;
    const volatile uint8_t* d = (const volatile uint8_t*)(USBCTRL_DPRAM + EP0_BUF);
    if ((bc & 0x3ff) >= 7)
      for (int i = 0; i < 7; ++i)
        s_line_coding[i] = d[i];
    ep0_status_in();
  }
}

// --- bulk --------------------------------------------------------------------------------

static void bulk_out_arm(void) {
  if (s_out_armed || !s_configured || RING - ring_used(&s_rx) < EP_PACKET) return;
  s_out_armed = true;
  arm(BUF_CTRL(CDC_DATA_EP, false), (s_out_data1 ? BC_DATA1 : 0) | EP_PACKET);
}

static void bulk_out_done(void) {
  const uint32_t n = mmio_read(BUF_CTRL(CDC_DATA_EP, false)) & 0x3ff;
  const volatile uint8_t* d = (const volatile uint8_t*)(USBCTRL_DPRAM + EP2_OUT_BUF);
  uint32_t head = s_rx.head;
  for (uint32_t i = 0; i < n; ++i)
    if (usb_cdc_on_rx_byte(d[i])) s_rx.data[head++ % RING] = d[i];
  s_rx.head = head;
  s_out_data1 = !s_out_data1;
  s_out_armed = false;
  bulk_out_arm();
}

static void bulk_in_kick(void) {
  if (s_in_busy || !s_configured) return;
  uint32_t n = ring_used(&s_tx);
  if (n == 0 && !s_in_zlp) return;
  if (n > EP_PACKET) n = EP_PACKET;
  volatile uint8_t* dst = (volatile uint8_t*)(USBCTRL_DPRAM + EP2_IN_BUF);
  uint32_t tail = s_tx.tail;
  for (uint32_t i = 0; i < n; ++i)
    dst[i] = s_tx.data[tail++ % RING];
  s_tx.tail = tail;
  s_in_zlp = n == EP_PACKET;
  s_in_busy = true;
  arm(BUF_CTRL(CDC_DATA_EP, true), BC_FULL | (s_in_data1 ? BC_DATA1 : 0) | n);
  s_in_data1 = !s_in_data1;
}

// --- interrupt -------------------------------------------------------------------------------

void irq5_handler(void) {
  const uint32_t ints = mmio_read(USB_INTS);
  if (ints & INT_SETUP_REQ) {
    mmio_write(USB_SIE_STATUS, SIE_STATUS_SETUP_REC);
    handle_setup();
  }
  if (ints & INT_BUFF_STATUS) {
    const uint32_t done = mmio_read(USB_BUFF_STATUS);
    mmio_write(USB_BUFF_STATUS, done);  // write 1 to clear
    if (done & BS_IN(0)) ep0_in_done();
    if (done & BS_OUT(0)) ep0_out_done();
    if (done & BS_OUT(CDC_DATA_EP)) bulk_out_done();
    if (done & BS_IN(CDC_DATA_EP)) {
      s_in_busy = false;
      bulk_in_kick();
    }
  }
  if (ints & INT_BUS_RESET) {
    mmio_write(USB_SIE_STATUS, SIE_STATUS_BUS_RESET);
    mmio_write(USB_ADDR_ENDP, 0);
    s_configured = false;
    s_dtr = false;
    s_pending_address = 0;
    s_in_busy = s_out_armed = false;
  }
}

// --- API ---------------------------------------------------------------------------------

__attribute__((weak)) void usb_cdc_on_line_state(bool dtr, bool rts) {
  (void)dtr;
  (void)rts;
}

__attribute__((weak)) bool usb_cdc_on_rx_byte(uint8_t byte) {
  (void)byte;
  return true;
}

void usb_cdc_clock_init(void) {
  mmio_set_bits(RESETS_RESET, RESETS_PLL_USB);
  resets_release(RESETS_PLL_USB);
  mmio_write(PLL_USB_BASE + PLL_CS, 1);
  mmio_write(PLL_USB_BASE + PLL_FBDIV_INT, 100);
  mmio_clear_bits(PLL_USB_BASE + PLL_PWR, PLL_PWR_PD | PLL_PWR_VCOPD);
  while (!(mmio_read(PLL_USB_BASE + PLL_CS) & PLL_CS_LOCK)) {
  }
  mmio_write(PLL_USB_BASE + PLL_PRIM,
             (5u << PLL_PRIM_POSTDIV1_LSB) | (5u << PLL_PRIM_POSTDIV2_LSB));
  mmio_clear_bits(PLL_USB_BASE + PLL_PWR, PLL_PWR_POSTDIVPD);
  // clk_usb: stop, select pll_usb, divide by 1, start (datasheet 2.15.3.2).
  mmio_clear_bits(CLK_USB_CTRL, CLK_USB_CTRL_ENABLE);
  mmio_write(CLK_USB_DIV, 1u << CLK_DIV_INT_LSB);
  mmio_write(CLK_USB_CTRL, CLK_USB_CTRL_AUXSRC_PLL_USB << CLK_USB_CTRL_AUXSRC_LSB);
  mmio_set_bits(CLK_USB_CTRL, CLK_USB_CTRL_ENABLE);
}

void usb_cdc_init(void) {
  mmio_set_bits(RESETS_RESET, RESETS_USBCTRL);
  resets_release(RESETS_USBCTRL);
  volatile uint32_t* dpram = (volatile uint32_t*)USBCTRL_DPRAM;
  for (uint32_t i = 0; i < 4096 / 4; ++i)
    dpram[i] = 0;
  s_tx.head = s_tx.tail = s_rx.head = s_rx.tail = 0;
  s_configured = s_dtr = false;

  // The Pico wires VBUS to GPIO24, not to the controller: force VBUS detect (datasheet 4.1.4).
  mmio_write(USB_USB_MUXING, USB_MUXING_TO_PHY | USB_MUXING_SOFTCON);
  mmio_write(USB_USB_PWR, USB_PWR_VBUS_DETECT | USB_PWR_VBUS_DETECT_OVERRIDE_EN);
  mmio_write(USB_MAIN_CTRL, MAIN_CTRL_CONTROLLER_EN);
  mmio_write(USB_SIE_CTRL, SIE_CTRL_EP0_INT_1BUF);
  mmio_write(USB_INTE, INT_SETUP_REQ | INT_BUFF_STATUS | INT_BUS_RESET);

  mmio_write(EP_CTRL(CDC_NOTIFY_EP, true),
             EP_CTRL_ENABLE | EP_CTRL_INT_PER_BUFF | EP_CTRL_TYPE_INTERRUPT | EP1_IN_BUF);
  mmio_write(EP_CTRL(CDC_DATA_EP, true),
             EP_CTRL_ENABLE | EP_CTRL_INT_PER_BUFF | EP_CTRL_TYPE_BULK | EP2_IN_BUF);
  mmio_write(EP_CTRL(CDC_DATA_EP, false),
             EP_CTRL_ENABLE | EP_CTRL_INT_PER_BUFF | EP_CTRL_TYPE_BULK | EP2_OUT_BUF);

  mmio_write(NVIC_ICPR, 1u << IRQ_USBCTRL);
  mmio_write(NVIC_ISER, 1u << IRQ_USBCTRL);
  mmio_set_bits(USB_SIE_CTRL, SIE_CTRL_PULLUP_EN);
}

bool usb_cdc_configured(void) {
  return s_configured;
}

bool usb_cdc_connected(void) {
  return s_configured && s_dtr;
}

uint32_t usb_cdc_baud(void) {
  return (uint32_t)s_line_coding[0] | (uint32_t)s_line_coding[1] << 8 |
         (uint32_t)s_line_coding[2] << 16 | (uint32_t)s_line_coding[3] << 24;
}

size_t usb_cdc_write(const void* data, size_t n) {
  const uint8_t* p = (const uint8_t*)data;
  size_t done = 0;
  uint32_t head = s_tx.head;
  while (done < n && head - s_tx.tail < RING) {
    s_tx.data[head++ % RING] = p[done++];
  }
  s_tx.head = head;
  // The interrupt handler also starts packets: keep it out while this one does.
  const uint32_t primask = cpu_get_primask();
  cpu_irq_disable();
  bulk_in_kick();
  if (!primask) cpu_irq_enable();
  return done;
}

void usb_cdc_write_all(const void* data, size_t n) {
  const uint8_t* p = (const uint8_t*)data;
  while (n) {
    if (!s_configured) return;
    size_t k = usb_cdc_write(p, n);
    p += k;
    n -= k;
    if (n) cpu_wfi();
  }
}

size_t usb_cdc_tx_pending(void) {
  return ring_used(&s_tx);
}

size_t usb_cdc_rx_available(void) {
  return ring_used(&s_rx);
}

int usb_cdc_read(void) {
  if (s_rx.head == s_rx.tail) return -1;
  const uint8_t b = s_rx.data[s_rx.tail % RING];
  s_rx.tail = s_rx.tail + 1;
  if (!s_out_armed) {
    const uint32_t primask = cpu_get_primask();
    cpu_irq_disable();
    bulk_out_arm();
    if (!primask) cpu_irq_enable();
  }
  return b;
}
