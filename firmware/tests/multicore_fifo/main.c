// multicore_fifo: core 1 launched through the boot ROM, then the SIO's inter-core FIFOs, a
// spinlock shared by both cores and SIO CPUID on each (RP2040 datasheet 2.3.1, 2.8.2).
//
// Launch (datasheet 2.8.2, the sequence pico-sdk's multicore_launch_core1_raw sends): core 1
// waits in the boot ROM for six words through the FIFO, 0, 0, 1, vector table, stack pointer,
// entry point, and echoes each one; core 0 starts over whenever an echo differs, and drains
// its own FIFO and executes SEV before each 0 (core 1 may be asleep in WFE waiting for room).
// It needs the boot ROM: without one, core 1 never answers, the launch times out and the
// rest is reported as not tried.
//
// Then core 1 runs core1_main: it says hello with its CPUID, answers 16 pings with 3v + 1,
// increments a shared counter 1000 times under spinlock COUNTER_LOCK while core 0 does the
// same, and finally reads the 8 words core 0 left in the full FIFO and answers their sum.
// Every wait on core 0 is bounded; core 1 sleeps in WFE between words, so every push is
// followed by SEV (a FIFO write alone wakes nothing, 2.3.1.4).
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

#define FIFO_POLLS 200000u  // ~100 ms at 12 MHz: far longer than any answer takes
#define PING_COUNT 16u
#define INCREMENTS 1000u
#define COUNTER_LOCK 7u
#define CORE1_HELLO 0xc0de0000u
#define CORE1_DONE 0xd0e0d0e0u
#define CORE1_GO 0x60606060u
#define CORE1_STACK_WORDS 256u

static uint32_t g_core1_stack[CORE1_STACK_WORDS] __attribute__((aligned(8)));
static volatile uint32_t g_counter;
static volatile bool g_fifo_filled;  // core 0 has left 8 words in core 1's FIFO
static volatile uint32_t g_core1_cpuid = 0xffffffffu;
static volatile uint32_t g_core1_vtor;
static volatile uint32_t g_core1_sp;

// --- both cores ---------------------------------------------------------------------------

static void spin_lock(uint32_t n) {
  while (mmio_read(SIO_SPINLOCK(n)) == 0) {
  }
  cpu_dmb();
}
static void spin_unlock(uint32_t n) {
  cpu_dmb();
  mmio_write(SIO_SPINLOCK(n), 0);
}

static void count_under_lock(void) {
  for (uint32_t i = 0; i < INCREMENTS; ++i) {
    spin_lock(COUNTER_LOCK);
    g_counter = g_counter + 1u;
    spin_unlock(COUNTER_LOCK);
  }
}

// --- core 1: blocking, asleep in WFE while it waits -----------------------------------------

static uint32_t core1_pop(void) {
  while ((mmio_read(SIO_FIFO_ST) & SIO_FIFO_ST_VLD) == 0)
    cpu_wfe();
  return mmio_read(SIO_FIFO_RD);
}

static void core1_push(uint32_t value) {
  while ((mmio_read(SIO_FIFO_ST) & SIO_FIFO_ST_RDY) == 0)
    cpu_wfe();
  mmio_write(SIO_FIFO_WR, value);
  cpu_sev();
}

static void core1_main(void) {
  uint32_t here = 0;
  g_core1_sp = (uint32_t)&here;
  g_core1_vtor = mmio_read(SCB_VTOR);
  g_core1_cpuid = mmio_read(SIO_CPUID);
  core1_push(CORE1_HELLO | g_core1_cpuid);
  for (uint32_t i = 0; i < PING_COUNT; ++i)
    core1_push(3u * core1_pop() + 1u);
  while (core1_pop() != CORE1_GO) {
  }
  count_under_lock();
  core1_push(CORE1_DONE);
  while (!g_fifo_filled)
    cpu_wfe();
  uint32_t sum = 0;
  for (uint32_t i = 0; i < SIO_FIFO_DEPTH; ++i)
    sum += core1_pop();
  core1_push(sum);
  for (;;)
    cpu_wfe();
}

// --- core 0: bounded ------------------------------------------------------------------------

static bool fifo_push(uint32_t value) {
  for (uint32_t i = 0; i < FIFO_POLLS; ++i) {
    if (mmio_read(SIO_FIFO_ST) & SIO_FIFO_ST_RDY) {
      mmio_write(SIO_FIFO_WR, value);
      cpu_sev();
      return true;
    }
  }
  return false;
}

static bool fifo_pop(uint32_t* value) {
  for (uint32_t i = 0; i < FIFO_POLLS; ++i) {
    if (mmio_read(SIO_FIFO_ST) & SIO_FIFO_ST_VLD) {
      *value = mmio_read(SIO_FIFO_RD);
      return true;
    }
  }
  return false;
}

static void fifo_drain(void) {
  while (mmio_read(SIO_FIFO_ST) & SIO_FIFO_ST_VLD)
    (void)mmio_read(SIO_FIFO_RD);
}

static bool launch_core1(void (*entry)(void), uint32_t* stack_top, uint32_t vector_table) {
  const uint32_t sequence[] = {0, 0, 1, vector_table, (uint32_t)stack_top, (uint32_t)entry};
  uint32_t step = 0;
  for (uint32_t tries = 0; step < sizeof sequence / sizeof sequence[0]; ++tries) {
    if (tries > 32u) return false;
    uint32_t word = sequence[step];
    if (word == 0) {
      fifo_drain();
      cpu_sev();
    }
    uint32_t echo;
    if (!fifo_push(word) || !fifo_pop(&echo)) return false;
    step = echo == word ? step + 1u : 0u;
  }
  return true;
}

static void check_pings(void) {
  bool ok = true;
  uint32_t got = 0, want = 0;
  for (uint32_t i = 0; i < PING_COUNT && ok; ++i) {
    uint32_t ping = 0x1000u + 17u * i;
    want = 3u * ping + 1u;
    ok = fifo_push(ping) && fifo_pop(&got) && got == want;
  }
  report_begin(ok, "16 pings answered through the fifos");
  if (!ok) {
    uart0_puts(": got ");
    uart0_put_hex32(got);
    uart0_puts(" want ");
    uart0_put_hex32(want);
  }
  uart0_putc('\n');
}

static void check_shared_counter(void) {
  g_counter = 0;
  bool sent = fifo_push(CORE1_GO);
  count_under_lock();
  uint32_t done = 0;
  if (sent) (void)fifo_pop(&done);
  check_hex("core 1 finished counting", done, CORE1_DONE);
  check_dec("both cores counted under the spinlock", (int32_t)g_counter,
            (int32_t)(2u * INCREMENTS));
  check_hex("spinlocks all free afterwards", mmio_read(SIO_SPINLOCK_ST), 0);
}

static void check_full_fifo(void) {
  // Core 1 leaves its FIFO alone until g_fifo_filled: 8 words fill it, a 9th is dropped.
  for (uint32_t i = 1; i <= SIO_FIFO_DEPTH; ++i)
    mmio_write(SIO_FIFO_WR, i);
  uint32_t st_full = mmio_read(SIO_FIFO_ST);
  mmio_write(SIO_FIFO_WR, 100u);
  uint32_t st_overflow = mmio_read(SIO_FIFO_ST);
  mmio_write(SIO_FIFO_ST, SIO_FIFO_ST_WOF);
  uint32_t st_cleared = mmio_read(SIO_FIFO_ST);
  g_fifo_filled = true;
  cpu_dsb();
  cpu_sev();
  uint32_t sum = 0;
  bool answered = fifo_pop(&sum);
  check_hex("8 words fill the fifo: rdy clear", st_full & SIO_FIFO_ST_RDY, 0);
  check_hex("writing a full fifo sets wof", st_overflow & SIO_FIFO_ST_WOF, SIO_FIFO_ST_WOF);
  check_hex("writing 1 to wof clears it", st_cleared & SIO_FIFO_ST_WOF, 0);
  check_true("core 1 answers after reading the fifo", answered);
  check_dec("core 1 read the 8 words, not the dropped 9th", (int32_t)sum,
            (int32_t)(SIO_FIFO_DEPTH * (SIO_FIFO_DEPTH + 1u) / 2u));
  check_hex("fifo_st at the end: empty, room", mmio_read(SIO_FIFO_ST), SIO_FIFO_ST_RDY);
}

// PSM FRCE_OFF.PROC1 (datasheet 2.13) holds core 1 in reset. Released, core 1 restarts in the
// boot ROM, drains its FIFO and sends a 0 (what pico-sdk's multicore_reset_core1 waits for, and
// what MicroPython's soft reset does), and can be launched again.
#define PSM_FRCE_OFF (PSM_BASE + 0x4)
#define PSM_PROC1 (1u << 16)

static void check_core1_reset(void) {
  mmio_write(SIO_FIFO_WR, 0x5a5au);  // left in core 1's FIFO: its boot ROM drains it
  mmio_set_bits(PSM_FRCE_OFF, PSM_PROC1);
  const bool held = (mmio_read(PSM_FRCE_OFF) & PSM_PROC1) != 0;
  fifo_drain();
  mmio_clear_bits(PSM_FRCE_OFF, PSM_PROC1);
  uint32_t word = 0xffffffffu;
  const bool announced = fifo_pop(&word);
  check_true("psm frce_off.proc1 reads back set", held);
  check_true("core 1 answers after its reset", announced);
  check_hex("core 1's boot rom announces itself with 0", word, 0);
  const bool relaunched =
      launch_core1(core1_main, g_core1_stack + CORE1_STACK_WORDS, mmio_read(SCB_VTOR));
  uint32_t hello = 0;
  check_true("core 1 launches again after its reset", relaunched && fifo_pop(&hello));
  check_hex("and says hello again", hello, CORE1_HELLO | 1u);
}

int main(void) {
  selftest_begin("multicore_fifo");
  check_hex("sio cpuid on core 0", mmio_read(SIO_CPUID), 0);

  // Read-when-empty is flagged, and cleared by writing 1 to ROE.
  fifo_drain();
  (void)mmio_read(SIO_FIFO_RD);
  uint32_t st = mmio_read(SIO_FIFO_ST);
  mmio_write(SIO_FIFO_ST, SIO_FIFO_ST_ROE);
  check_hex("reading an empty fifo sets roe", st & SIO_FIFO_ST_ROE, SIO_FIFO_ST_ROE);
  check_hex("writing 1 to roe clears it", mmio_read(SIO_FIFO_ST) & SIO_FIFO_ST_ROE, 0);

  uint32_t vtor = mmio_read(SCB_VTOR);
  uint32_t* stack_top = g_core1_stack + CORE1_STACK_WORDS;
  bool launched = launch_core1(core1_main, stack_top, vtor);
  check_true("core 1 launched through the boot rom", launched);
  if (!launched) {
    report_begin(false, "core 1 checks");
    uart0_puts(": not tried, core 1 did not start\n");
    selftest_end();
  }

  uint32_t hello = 0;
  bool greeted = fifo_pop(&hello);
  check_true("core 1 says hello", greeted);
  check_hex("sio cpuid on core 1", g_core1_cpuid, 1);
  check_hex("core 1 sent its cpuid", hello, CORE1_HELLO | 1u);
  check_hex("core 1 runs with the vector table sent", g_core1_vtor, vtor);
  check_true("core 1 runs on the stack sent",
             g_core1_sp >= (uint32_t)g_core1_stack && g_core1_sp < (uint32_t)stack_top);
  check_pings();
  check_shared_counter();
  check_full_fifo();
  check_core1_reset();
  selftest_end();
}
