// dma: the DMA controller (RP2040 datasheet 2.5) as firmware uses it: a memory-to-memory copy,
// the sniffer's CRC-32 over a known buffer, a chain of control blocks that feeds UART0 through
// its TX DREQ (the text appears on the console) and ends with a null trigger, an interrupt on
// completion, a pacing timer, a bus error, and code rewritten by the DMA in SRAM.
//
// clk_sys = 12 MHz from the crystal (selftest_begin). Every wait is bounded.
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "dma_regs.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define WAIT_LOOPS 200000u

static uint32_t g_src[64];
static uint32_t g_dst[64];
static volatile uint32_t g_irq_count;
static volatile uint32_t g_irq_ints;

// Waits until channel `ch` is no longer busy; false on time-out.
static bool wait_idle(uint32_t ch) {
  for (uint32_t i = 0; i < WAIT_LOOPS; ++i)
    if (!(mmio_read(DMA_CTRL_TRIG(ch)) & DMA_BUSY)) return true;
  return false;
}

static bool wait_intr(uint32_t mask) {
  for (uint32_t i = 0; i < WAIT_LOOPS; ++i)
    if (mmio_read(DMA_INTR) & mask) return true;
  return false;
}

static void start(uint32_t ch, const volatile void* from, volatile void* to, uint32_t count,
                  uint32_t ctrl) {
  mmio_write(DMA_READ_ADDR(ch), (uint32_t)from);
  mmio_write(DMA_WRITE_ADDR(ch), (uint32_t)to);
  mmio_write(DMA_TRANS_COUNT(ch), count);
  mmio_write(DMA_CTRL_TRIG(ch), ctrl);
}

static void copy_words(void) {
  for (uint32_t i = 0; i < 64; ++i) {
    g_src[i] = 0x9e3779b9u * (i + 1);
    g_dst[i] = 0;
  }
  start(0, g_src, g_dst, 64,
        DMA_EN | DMA_SIZE_WORD | DMA_INCR_READ | DMA_INCR_WRITE | DMA_TREQ(TREQ_UNPACED) |
            DMA_CHAIN_TO(0));
  check_true("memory to memory copy completes", wait_idle(0));
  uint32_t bad = 0;
  for (uint32_t i = 0; i < 64; ++i)
    bad += g_dst[i] != g_src[i];
  check_dec("words copied wrongly", (int32_t)bad, 0);
  check_hex("trans_count reads 0 at the end", mmio_read(DMA_TRANS_COUNT(0)), 0);
  check_hex("dbg_tcr keeps the reload value", mmio_read(DMA_DBG_TCR(0)), 64);
  check_hex("read_addr moved past the source", mmio_read(DMA_READ_ADDR(0)), (uint32_t)&g_src[64]);
  check_hex("completion raised intr", mmio_read(DMA_INTR) & 1u, 1u);
  mmio_write(DMA_INTR, 1u);
  check_hex("writing 1 to intr clears it", mmio_read(DMA_INTR), 0);
}

static void sniff_crc32(void) {
  static const char text[] = "123456789";
  static uint8_t sink;
  mmio_write(DMA_SNIFF_DATA, 0xffffffffu);
  mmio_write(DMA_SNIFF_CTRL, SNIFF_EN | SNIFF_DMACH(1) | SNIFF_CALC_CRC32);
  start(1, text, &sink, 9,
        DMA_EN | DMA_SIZE_BYTE | DMA_INCR_READ | DMA_SNIFF_EN | DMA_TREQ(TREQ_UNPACED) |
            DMA_CHAIN_TO(1));
  wait_idle(1);
  check_hex("sniffed crc-32/mpeg-2 of 123456789", mmio_read(DMA_SNIFF_DATA), 0x0376e6e7u);
  mmio_write(DMA_SNIFF_DATA, 0xffffffffu);
  mmio_write(DMA_SNIFF_CTRL,
             SNIFF_EN | SNIFF_DMACH(1) | SNIFF_CALC_CRC32R | SNIFF_OUT_REV | SNIFF_OUT_INV);
  start(1, text, &sink, 9,
        DMA_EN | DMA_SIZE_BYTE | DMA_INCR_READ | DMA_SNIFF_EN | DMA_TREQ(TREQ_UNPACED) |
            DMA_CHAIN_TO(1));
  wait_idle(1);
  check_hex("bit-reversed, out_rev and out_inv give crc-32", mmio_read(DMA_SNIFF_DATA),
            0xcbf43926u);
  mmio_write(DMA_SNIFF_CTRL, 0);
  mmio_write(DMA_INTR, 0xffffu);
}

// Channel 2 loads {count, read address} pairs into channel 3's AL3 registers (the last is the
// trigger); channel 3 sends the bytes to UART0 as its TX DREQ allows and chains back to 2. The
// all-zero block is a null trigger: with IRQ_QUIET, channel 3's interrupt marks the end.
static void control_blocks_to_uart(void) {
  static const char w0[] = "chained ", w1[] = "control ", w2[] = "blocks to uart0\n";
  static const uint32_t blocks[] = {
      sizeof w0 - 1, (uint32_t)w0, sizeof w1 - 1, (uint32_t)w1, sizeof w2 - 1, (uint32_t)w2, 0, 0};
  mmio_write(UART0_DMACR, UART_DMACR_TXDMAE);
  mmio_write(DMA_READ_ADDR(3), 0);
  mmio_write(DMA_WRITE_ADDR(3), UART0_DR_ADDR);
  mmio_write(DMA_AL1_CTRL(3), DMA_EN | DMA_SIZE_BYTE | DMA_INCR_READ | DMA_IRQ_QUIET |
                                  DMA_TREQ(DREQ_UART0_TX) | DMA_CHAIN_TO(2));
  mmio_write(DMA_READ_ADDR(2), (uint32_t)blocks);
  mmio_write(DMA_WRITE_ADDR(2), DMA_AL3_TRANS_COUNT(3));
  mmio_write(DMA_TRANS_COUNT(2), 2);
  mmio_write(DMA_AL1_CTRL(2), DMA_EN | DMA_SIZE_WORD | DMA_INCR_READ | DMA_INCR_WRITE |
                                  DMA_RING_SIZE(3) | DMA_RING_SEL_WRITE | DMA_TREQ(TREQ_UNPACED) |
                                  DMA_CHAIN_TO(2));
  mmio_write(DMA_MULTI_CHAN_TRIGGER, 1u << 2);
  const bool ended = wait_intr(1u << 3);
  uart0_flush();
  check_true("the null trigger raised the data channel's irq", ended);
  check_true("both channels idle", !(mmio_read(DMA_CTRL_TRIG(2)) & DMA_BUSY) &&
                                       !(mmio_read(DMA_CTRL_TRIG(3)) & DMA_BUSY));
  mmio_write(UART0_DMACR, 0);
  mmio_write(DMA_INTR, 0xffffu);
}

void irq11_handler(void) {
  g_irq_ints = mmio_read(DMA_INTS0);
  mmio_write(DMA_INTS0, g_irq_ints);
  mmio_write(DMA_INTF0, 0);  // a forced interrupt stays until INTF0 is cleared
  ++g_irq_count;
}

static void irq_on_completion(void) {
  g_irq_count = 0;
  mmio_write(DMA_INTE0, 1u << 4);
  mmio_write(NVIC_ICPR, 1u << IRQ_DMA_0);
  mmio_write(NVIC_ISER, 1u << IRQ_DMA_0);
  start(4, g_src, g_dst, 8,
        DMA_EN | DMA_SIZE_BYTE | DMA_INCR_READ | DMA_INCR_WRITE | DMA_TREQ(TREQ_UNPACED) |
            DMA_CHAIN_TO(4));
  for (uint32_t i = 0; i < WAIT_LOOPS && g_irq_count == 0; ++i)
    cpu_nop();
  check_dec("dma_irq_0 handler ran once", (int32_t)g_irq_count, 1);
  check_hex("ints0 showed channel 4", g_irq_ints, 1u << 4);
  check_hex("writing ints0 cleared intr", mmio_read(DMA_INTR), 0);
  mmio_write(DMA_INTF0, 1u << 7);
  for (uint32_t i = 0; i < 1000 && g_irq_count == 1; ++i)
    cpu_nop();
  check_dec("intf0 forces the irq", (int32_t)g_irq_count, 2);
  mmio_write(NVIC_ICER, 1u << IRQ_DMA_0);
  mmio_write(DMA_INTE0, 0);
}

static void pacing_timer(void) {
  static uint8_t sink[16];
  mmio_write(SYST_RVR, SYST_RVR_RELOAD);
  mmio_write(SYST_CVR, 0);
  mmio_write(SYST_CSR, SYST_CSR_ENABLE | SYST_CSR_CLKSOURCE);
  mmio_write(DMA_TIMER0, (1u << 16) | 1000u);  // one request every 1000 cycles
  const uint32_t t0 = mmio_read(SYST_CVR);
  start(5, g_src, sink, 10,
        DMA_EN | DMA_SIZE_BYTE | DMA_INCR_READ | DMA_INCR_WRITE | DMA_TREQ(TREQ_TIMER0) |
            DMA_CHAIN_TO(5));
  const bool done = wait_idle(5);
  const uint32_t elapsed = (t0 - mmio_read(SYST_CVR)) & SYST_RVR_RELOAD;
  mmio_write(SYST_CSR, SYST_CSR_CLKSOURCE);
  check_true("timer-paced channel completes", done);
  report_begin(elapsed >= 9500 && elapsed <= 10500,
               "10 transfers at x/y = 1/1000 take ~10000 cycles");
  uart0_puts("\n");
  mmio_write(DMA_TIMER0, 0);
  mmio_write(DMA_INTR, 0xffffu);
}

static void bus_error(void) {
  static uint32_t sink;
  start(6, (const void*)0x30000000u, &sink, 4,
        DMA_EN | DMA_SIZE_WORD | DMA_IRQ_QUIET | DMA_TREQ(TREQ_UNPACED) | DMA_CHAIN_TO(6));
  const bool halted = wait_idle(6);
  const uint32_t ctrl = mmio_read(DMA_CTRL_TRIG(6));
  check_true("a read from an unmapped address halts the channel", halted);
  check_hex("read_error and ahb_error set", ctrl & (DMA_READ_ERROR | DMA_AHB_ERROR),
            DMA_READ_ERROR | DMA_AHB_ERROR);
  check_hex("the error raised intr despite irq_quiet", mmio_read(DMA_INTR) & (1u << 6), 1u << 6);
  mmio_write(DMA_AL1_CTRL(6), DMA_READ_ERROR | DMA_CHAIN_TO(6));  // write 1 to clear
  check_hex("writing 1 clears read_error", mmio_read(DMA_CTRL_TRIG(6)) & DMA_AHB_ERROR, 0);
  mmio_write(DMA_INTR, 0xffffu);
}

// movs r0, #n; bx lr
static uint16_t g_code[2] __attribute__((aligned(4)));
static const uint16_t k_returns_2[2] = {0x2002, 0x4770};

static void code_rewritten_by_dma(void) {
  g_code[0] = 0x2001;
  g_code[1] = 0x4770;
  cpu_dsb();
  cpu_isb();
  int (*fn)(void) = (int (*)(void))((uint32_t)g_code | 1u);
  check_dec("code in sram runs", fn(), 1);
  start(7, k_returns_2, g_code, 1,
        DMA_EN | DMA_SIZE_WORD | DMA_TREQ(TREQ_UNPACED) | DMA_CHAIN_TO(7));
  wait_idle(7);
  cpu_dsb();
  cpu_isb();
  check_dec("code rewritten by the dma runs anew", fn(), 2);
  mmio_write(DMA_INTR, 0xffffu);
}

int main(void) {
  selftest_begin("dma");
  resets_release(RESETS_DMA);
  check_dec("n_channels", (int32_t)mmio_read(DMA_N_CHANNELS), 12);
  copy_words();
  sniff_crc32();
  control_blocks_to_uart();
  irq_on_completion();
  pacing_timer();
  bus_error();
  code_rewritten_by_dma();
  selftest_end();
}
