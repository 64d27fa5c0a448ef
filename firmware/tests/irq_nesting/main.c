// irq_nesting: NVIC priorities, preemption, tail-chaining and PRIMASK (ARMv6-M ARM B3.4,
// RP2040 datasheet 2.3.2 and 2.4). Two IRQs not wired to any block, 26 and 27, are raised
// by software through NVIC_ISPR. Handlers log their entry (upper case) and exit (lower
// case): L/l for IRQ 26, H/h for IRQ 27, so the order they ran in reads off the log.
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"

#define IRQ_LOW 26u   // IRQ_SPARE_FIRST
#define IRQ_HIGH 27u  // IRQ_SPARE_FIRST + 1

// Priority bytes: lower value = more urgent; the M0+ keeps only the top two bits.
#define PRIO_URGENT 0x40u
#define PRIO_MIDDLE 0x80u
#define PRIO_LAZY 0xc0u

enum nested_action { kNothing, kPendHighFromLow, kPendLowFromHigh };

static volatile char g_log[16];
static volatile uint32_t g_log_len;
static volatile enum nested_action g_action;
static volatile uint32_t g_high_vectactive;
static volatile uint32_t g_high_ipsr;

static void log_event(char c) {
  if (g_log_len < sizeof g_log - 1) g_log[g_log_len++] = c;
  g_log[g_log_len] = '\0';
}

static void log_clear(void) {
  g_log_len = 0;
  g_log[0] = '\0';
}

static const char* log_text(void) {
  return (const char*)g_log;
}

// Pends IRQs in `mask` and makes sure the write has taken effect before going on, so an
// enabled IRQ of sufficient priority has been taken by the time this returns.
static void nvic_pend(uint32_t mask) {
  mmio_write(NVIC_ISPR, mask);
  cpu_dsb();
  cpu_isb();
}

// IPR words are word-accessible only on ARMv6-M: read-modify-write the IRQ's byte lane.
static void nvic_set_priority(uint32_t irq, uint32_t priority) {
  uint32_t addr = NVIC_IPR(irq / 4u);
  uint32_t shift = 8u * (irq % 4u);
  mmio_write(addr, (mmio_read(addr) & ~(0xffu << shift)) | ((priority & 0xffu) << shift));
}

void irq26_handler(void) {
  log_event('L');
  if (g_action == kPendHighFromLow) nvic_pend(1u << IRQ_HIGH);  // must preempt right here
  log_event('l');
}

void irq27_handler(void) {
  log_event('H');
  g_high_vectactive = mmio_read(SCB_ICSR) & SCB_ICSR_VECTACTIVE;
  g_high_ipsr = cpu_get_ipsr();
  if (g_action == kPendLowFromHigh) nvic_pend(1u << IRQ_LOW);  // must wait for us to return
  log_event('h');
}

int main(void) {
  selftest_begin("irq_nesting");
  const uint32_t both = (1u << IRQ_LOW) | (1u << IRQ_HIGH);

  // The priority registers implement only bits 7:6 of each byte.
  uint32_t ipr = NVIC_IPR(IRQ_LOW / 4u);
  uint32_t saved = mmio_read(ipr);
  mmio_write(ipr, 0xffffffffu);
  check_hex("ipr keeps 2 bits per irq", mmio_read(ipr), 0xc0c0c0c0u);
  mmio_write(ipr, saved);

  nvic_set_priority(IRQ_LOW, PRIO_LAZY);
  nvic_set_priority(IRQ_HIGH, PRIO_URGENT);
  mmio_write(NVIC_ICPR, both);
  mmio_write(NVIC_ISER, both);
  check_hex("iser reads back enabled irqs", mmio_read(NVIC_ISER) & both, both);

  // 1. Lower priority running, higher priority raised: it preempts at once.
  log_clear();
  g_action = kPendHighFromLow;
  nvic_pend(1u << IRQ_LOW);
  check_str("higher priority preempts lower", log_text(), "LHhl");
  check_dec("vectactive in nested handler", (int32_t)g_high_vectactive, EXC_IRQ0 + IRQ_HIGH);
  check_dec("ipsr in nested handler", (int32_t)g_high_ipsr, EXC_IRQ0 + IRQ_HIGH);

  // 2. Higher priority running, lower priority raised: it waits until the handler returns.
  log_clear();
  g_action = kPendLowFromHigh;
  nvic_pend(1u << IRQ_HIGH);
  check_str("lower priority waits for higher", log_text(), "HhLl");
  g_action = kNothing;

  // 3. PRIMASK holds both back; they stay pending, and run by priority once it clears.
  log_clear();
  cpu_irq_disable();
  nvic_pend(both);
  check_str("primask masks pended irqs", log_text(), "");
  check_hex("ispr shows both pending", mmio_read(NVIC_ISPR) & both, both);
  check_hex("primask reads 1", cpu_get_primask(), 1);
  uint32_t icsr = mmio_read(SCB_ICSR);
  check_dec("vectpending is the urgent one",
            (int32_t)((icsr & SCB_ICSR_VECTPENDING) >> SCB_ICSR_VECTPENDING_LSB),
            EXC_IRQ0 + IRQ_HIGH);
  check_true("icsr isrpending set", (icsr & SCB_ICSR_ISRPENDING) != 0);
  cpu_irq_enable();
  cpu_isb();
  check_str("cpsie runs them by priority", log_text(), "HhLl");
  check_hex("ispr clear after they ran", mmio_read(NVIC_ISPR) & both, 0);

  // 4. Equal priority: the lower exception number goes first, and neither preempts.
  nvic_set_priority(IRQ_LOW, PRIO_MIDDLE);
  nvic_set_priority(IRQ_HIGH, PRIO_MIDDLE);
  log_clear();
  cpu_irq_disable();
  nvic_pend(both);
  cpu_irq_enable();
  cpu_isb();
  check_str("equal priority runs lower number first", log_text(), "LlHh");
  log_clear();
  g_action = kPendHighFromLow;
  nvic_pend(1u << IRQ_LOW);
  check_str("equal priority does not preempt", log_text(), "LlHh");
  g_action = kNothing;
  nvic_set_priority(IRQ_LOW, PRIO_LAZY);
  nvic_set_priority(IRQ_HIGH, PRIO_URGENT);

  // 5. A disabled IRQ can be pending but is not taken; ICPR drops it.
  log_clear();
  mmio_write(NVIC_ICER, 1u << IRQ_HIGH);
  nvic_pend(1u << IRQ_HIGH);
  check_str("disabled irq is not taken", log_text(), "");
  check_hex("disabled irq stays pending", mmio_read(NVIC_ISPR) & both, 1u << IRQ_HIGH);
  mmio_write(NVIC_ICPR, 1u << IRQ_HIGH);
  check_hex("icpr clears pending", mmio_read(NVIC_ISPR) & both, 0);
  mmio_write(NVIC_ISER, 1u << IRQ_HIGH);
  cpu_dsb();
  cpu_isb();
  check_str("re-enabled irq has nothing to run", log_text(), "");

  mmio_write(NVIC_ICER, both);
  selftest_end();
}
