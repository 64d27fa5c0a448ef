// pio: the PIO blocks (RP2040 datasheet chapter 3) with hand-assembled programs: an adder fed
// through the FIFOs, instructions executed through SMx_INSTR, a square wave on GPIO6 read back
// through SIO GPIO_IN, and an IRQ flag raised by a state machine reaching core 0 as PIO0_IRQ_0.
// GPIO6 must be free (a spare header pin on a Pico).
#include <stdbool.h>
#include <stdint.h>

#include "bringup.h"
#include "cpu.h"
#include "pio_regs.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define WAVE_PIN 6u

static volatile uint32_t irq_count, irq_flags_seen;

void irq7_handler(void) {  // PIO0_IRQ_0
  irq_flags_seen = mmio_read(PIO_IRQ(PIO0_BASE));
  mmio_write(PIO_IRQ(PIO0_BASE), irq_flags_seen);  // write 1 to clear
  irq_count = irq_count + 1;
}

static void load(uint32_t base, const uint16_t* prog, uint32_t n, uint32_t at) {
  for (uint32_t i = 0; i < n; ++i)
    mmio_write(PIO_INSTR_MEM(base, at + i), prog[i]);
}

// Waits (bounded) for SM `sm`'s RX FIFO to hold a word and returns it, or 0xdeadbeef.
static uint32_t get(uint32_t base, uint32_t sm) {
  for (uint32_t i = 0; i < 100000; ++i)
    if (!((mmio_read(PIO_FSTAT(base)) >> (8 + sm)) & 1u)) return mmio_read(PIO_RXF(base, sm));
  return 0xdeadbeefu;
}

static void check_adder(void) {
  // x = ~a; y = b; count x down b + 1 times; push ~x (as pico-examples' addition.pio does).
  const uint16_t prog[] = {
      PIO_PULL_BLOCK,         PIO_MOV(REG_X, MOV_INVERT, REG_OSR),
      PIO_PULL_BLOCK,         PIO_MOV(REG_Y, 0, REG_OSR),
      PIO_JMP(JMP_ALWAYS, 6), PIO_JMP(JMP_X_DEC, 6),
      PIO_JMP(JMP_Y_DEC, 5),  PIO_MOV(REG_ISR, MOV_INVERT, REG_X),
      PIO_PUSH_BLOCK,
  };
  load(PIO0_BASE, prog, 9, 0);
  mmio_write(PIO_SM_EXECCTRL(PIO0_BASE, 0), 8u << 12);  // wrap 8 -> 0
  mmio_write(PIO_CTRL(PIO0_BASE), 1u);
  mmio_write(PIO_TXF(PIO0_BASE, 0), 33);
  mmio_write(PIO_TXF(PIO0_BASE, 0), 43);
  check_dec("adder: 33 + 43", (int32_t)get(PIO0_BASE, 0), 76);
  mmio_write(PIO_TXF(PIO0_BASE, 0), 1000);
  mmio_write(PIO_TXF(PIO0_BASE, 0), 2345);
  check_dec("adder: 1000 + 2345", (int32_t)get(PIO0_BASE, 0), 3345);
  check_hex("adder waits on pull: txstall", mmio_read(PIO_FDEBUG(PIO0_BASE)) >> 24 & 1u, 1);
  // A stalled state machine sets TXSTALL again on every cycle: stop it before clearing.
  mmio_write(PIO_CTRL(PIO0_BASE), 0);
  mmio_write(PIO_FDEBUG(PIO0_BASE), 0xffffffffu);
  check_hex("fdebug clears", mmio_read(PIO_FDEBUG(PIO0_BASE)), 0);
}

static void check_exec_and_fifos(void) {
  const uint32_t sm = 2;
  mmio_write(PIO_SM_INSTR(PIO0_BASE, sm), PIO_SET(REG_X, 21));
  mmio_write(PIO_SM_INSTR(PIO0_BASE, sm), PIO_MOV(REG_ISR, 0, REG_X));
  mmio_write(PIO_SM_INSTR(PIO0_BASE, sm), PIO_PUSH_BLOCK);
  check_dec("instr write executes on a stopped sm", (int32_t)get(PIO0_BASE, sm), 21);
  mmio_write(PIO_SM_INSTR(PIO0_BASE, sm), PIO_JMP(JMP_ALWAYS, 13));
  check_dec("instr jmp sets addr", (int32_t)mmio_read(PIO_SM_ADDR(PIO0_BASE, sm)), 13);
  for (uint32_t i = 0; i < 4; ++i)
    mmio_write(PIO_TXF(PIO0_BASE, sm), i);
  check_hex("four words fill the tx fifo", mmio_read(PIO_FSTAT(PIO0_BASE)) >> 16 & 0xfu, 1u << sm);
  check_hex("flevel counts them", mmio_read(PIO_FLEVEL(PIO0_BASE)) >> (8 * sm) & 0xfu, 4);
  mmio_write(PIO_TXF(PIO0_BASE, sm), 4);
  check_hex("a fifth sets txover", mmio_read(PIO_FDEBUG(PIO0_BASE)) >> 16 & 0xfu, 1u << sm);
  // Joining the FIFOs flushes them; the joined TX FIFO holds 8.
  mmio_write(PIO_SM_SHIFTCTRL(PIO0_BASE, sm), 0x000c0000u | 1u << 30);
  check_hex("fjoin flushes", mmio_read(PIO_FLEVEL(PIO0_BASE)) >> (8 * sm) & 0xfu, 0);
  for (uint32_t i = 0; i < 8; ++i)
    mmio_write(PIO_TXF(PIO0_BASE, sm), i);
  check_hex("joined tx fifo takes 8", mmio_read(PIO_FLEVEL(PIO0_BASE)) >> (8 * sm) & 0xfu, 8);
  mmio_write(PIO_SM_SHIFTCTRL(PIO0_BASE, sm), 0x000c0000u);
  mmio_write(PIO_FDEBUG(PIO0_BASE), 0xffffffffu);
}

static void check_square_wave(void) {
  // PIO1 SM0: set pindirs 1; again: set pins 1 [31]; set pins 0 [31]; jmp again. With a clock
  // divider of 16 the pin toggles every 32 * 16 = 512 clk_sys cycles.
  const uint16_t prog[] = {PIO_SET(REG_PINDIRS, 1), PIO_SET(0, 1) | PIO_DELAY(31),
                           PIO_SET(0, 0) | PIO_DELAY(30), PIO_JMP(JMP_ALWAYS, 1)};
  load(PIO1_BASE, prog, 4, 0);
  mmio_write(PIO_SM_EXECCTRL(PIO1_BASE, 0), 3u << 12);
  mmio_write(PIO_SM_PINCTRL(PIO1_BASE, 0), 1u << 26 | WAVE_PIN << 5);  // SET_COUNT 1
  mmio_write(PIO_SM_CLKDIV(PIO1_BASE, 0), 16u << 16);
  mmio_write(IO_BANK0_GPIO_CTRL(WAVE_PIN), GPIO_FUNC_PIO1);
  mmio_write(PIO_CTRL(PIO1_BASE), 1u);
  uint32_t rises = 0, last = 0;
  for (uint32_t i = 0; i < 3000; ++i) {  // 5..20 cycles a sample: 15 to 60 periods
    uint32_t now = mmio_read(SIO_GPIO_IN) >> WAVE_PIN & 1u;
    if (now && !last) ++rises;
    last = now;
  }
  // The loop's speed depends on the flash cache: accept a wide range, but a stuck or a much
  // too fast pin fails.
  check_true("square wave on gpio6 seen through sio", rises >= 8 && rises <= 100);
  check_hex("dbg_padoe shows the pin", mmio_read(PIO_DBG_PADOE(PIO1_BASE)), 1u << WAVE_PIN);
  mmio_write(PIO_CTRL(PIO1_BASE), 0);
  mmio_write(IO_BANK0_GPIO_CTRL(WAVE_PIN), 0x1f);
}

static void check_irq_to_core(void) {
  // PIO0 SM1 at address 16: a delay, then irq 1, then halts on jmp-to-self.
  const uint16_t prog[] = {PIO_SET(REG_X, 0) | PIO_DELAY(31), PIO_IRQ_SET(1),
                           PIO_JMP(JMP_ALWAYS, 18)};
  load(PIO0_BASE, prog, 3, 16);
  mmio_write(PIO_SM_EXECCTRL(PIO0_BASE, 1), 18u << 12 | 16u << 7);
  mmio_write(PIO_SM_INSTR(PIO0_BASE, 1), PIO_JMP(JMP_ALWAYS, 16));
  mmio_write(PIO_IRQ0_INTE(PIO0_BASE), 1u << (8 + 1));
  mmio_write(NVIC_ICPR, 1u << PIO0_IRQ_0);
  mmio_write(NVIC_ISER, 1u << PIO0_IRQ_0);
  cpu_irq_enable();
  mmio_write(PIO_CTRL(PIO0_BASE), 1u << 1);
  for (uint32_t i = 0; i < 100000 && !irq_count; ++i)
    cpu_nop();
  check_dec("sm irq reaches the core", (int32_t)irq_count, 1);
  check_hex("the handler saw flag 1", irq_flags_seen, 1u << 1);
  check_hex("and cleared it", mmio_read(PIO_IRQ(PIO0_BASE)), 0);
  check_hex("ints is clear", mmio_read(PIO_IRQ0_INTS(PIO0_BASE)), 0);
  mmio_write(PIO_CTRL(PIO0_BASE), 0);
  mmio_write(NVIC_ICER, 1u << PIO0_IRQ_0);
}

int main(void) {
  selftest_begin("pio");
  resets_release(RESETS_PIO0 | RESETS_PIO1);
  check_hex("dbg_cfginfo", mmio_read(PIO_DBG_CFGINFO(PIO0_BASE)), 0x00200404u);
  check_hex("fstat after reset", mmio_read(PIO_FSTAT(PIO1_BASE)), 0x0f000f00u);
  check_adder();
  check_exec_and_fifos();
  check_square_wave();
  check_irq_to_core();
  selftest_end();
}
