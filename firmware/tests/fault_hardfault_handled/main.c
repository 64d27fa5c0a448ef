// fault_hardfault_handled: faults escalate to a HardFault handler, as on silicon, and the
// handler sees the right exception frame. Run with MachineConfig.stop_on_fault = false.
//
// For each kind of fault (cases.S) the handler (hardfault.S) records the stacked frame
// (ARMv6-M ARM B1.5.6: r0-r3, r12, lr, pc, xPSR) and resumes after the faulting instruction.
// Each case then checks, PASS/FAIL as in every self-checking image:
//   - exactly one HardFault was taken, in handler mode with IPSR = 3;
//   - the stacked PC is the faulting instruction (for a call to 0: address 0, the target);
//   - the stacked r1 is 11: the instruction just before the fault ran;
//   - the stacked xPSR says thread mode.
// The output starts
//
//   fault_hardfault_handled
//   unaligned: fault at 0x1000xxxx
//   PASS unaligned: one hardfault
//   ...
//
// and ends with DONE. There is no expected.txt: the firmware_images test runs those images
// with faults stopping the run. The test (tests/catalogue) looks at each case's lines.
#include <stdint.h>

#include "cpu.h"
#include "regs.h"
#include "selftest.h"
#include "uart0.h"

// cases.S
typedef void case_fn(uint32_t r0);
case_fn case_unaligned, case_udf, case_bkpt, case_null_call, case_cbz, case_read_unmapped,
    case_write_unmapped;
extern const char unaligned_fault[], unaligned_resume[], udf_fault[], udf_resume[], bkpt_fault[],
    bkpt_resume[], null_call_fault[], null_call_resume[], cbz_fault[], cbz_resume[],
    read_unmapped_fault[], read_unmapped_resume[], write_unmapped_fault[], write_unmapped_resume[];

#define UNMAPPED_ADDRESS 0x30000000u  // datasheet 2.2: nothing is decoded at 0x3xxxxxxx
#define XPSR_EXCEPTION_NUMBER 0x1ffu

static uint8_t g_buffer[8] __attribute__((aligned(4)));

// What the handler saw, for main to check.
static volatile uint32_t g_hardfaults;
static volatile uint32_t g_handler_ipsr;
static volatile uint32_t g_stacked_r1;
static volatile uint32_t g_stacked_pc;
static volatile uint32_t g_stacked_xpsr;
static volatile uint32_t g_resume_pc;  // where the handler sends execution on

// Called by hardfault_handler with the stacked frame; its return is the exception return.
void hardfault_record(uint32_t* frame) {
  g_handler_ipsr = cpu_get_ipsr();
  g_stacked_r1 = frame[1];
  g_stacked_pc = frame[6];
  g_stacked_xpsr = frame[7];
  ++g_hardfaults;
  frame[6] = g_resume_pc;
}

// "<a>: <b>" into a buffer, for check names.
static const char* join(const char* a, const char* b) {
  static char buf[64];
  unsigned n = 0;
  while (*a && n < sizeof buf - 3)
    buf[n++] = *a++;
  buf[n++] = ':';
  buf[n++] = ' ';
  while (*b && n < sizeof buf - 1)
    buf[n++] = *b++;
  buf[n] = '\0';
  return buf;
}

static void run_case(const char* name, case_fn* fn, uint32_t r0, uint32_t fault_pc,
                     const char* resume) {
  uart0_puts(name);
  uart0_puts(": fault at ");
  uart0_put_hex32(fault_pc);
  uart0_putc('\n');
  uart0_flush();  // all out, should the fault stop the run
  g_stacked_r1 = g_stacked_pc = g_stacked_xpsr = g_handler_ipsr = 0;
  g_resume_pc = (uint32_t)resume;  // a stacked PC has bit 0 clear (B1.5.8)
  const uint32_t before = g_hardfaults;
  fn(r0);
  check_dec(join(name, "one hardfault"), (int32_t)(g_hardfaults - before), 1);
  check_dec(join(name, "ipsr in handler"), (int32_t)g_handler_ipsr, EXC_HARDFAULT);
  check_hex(join(name, "stacked pc"), g_stacked_pc, fault_pc);
  check_hex(join(name, "stacked r1"), g_stacked_r1, 11);
  check_hex(join(name, "stacked ipsr"), g_stacked_xpsr & XPSR_EXCEPTION_NUMBER, 0);
}

int main(void) {
  selftest_begin("fault_hardfault_handled");
  // Most likely to work first: a case that derails the emulator then cannot hide the others.
  run_case("unaligned", case_unaligned, (uint32_t)(g_buffer + 1), (uint32_t)unaligned_fault,
           unaligned_resume);
  run_case("udf", case_udf, 0, (uint32_t)udf_fault, udf_resume);
  run_case("bkpt", case_bkpt, 0, (uint32_t)bkpt_fault, bkpt_resume);
  run_case("null call", case_null_call, 0, 0, null_call_resume);
  run_case("cbz", case_cbz, 0, (uint32_t)cbz_fault, cbz_resume);
  run_case("read unmapped", case_read_unmapped, UNMAPPED_ADDRESS, (uint32_t)read_unmapped_fault,
           read_unmapped_resume);
  run_case("write unmapped", case_write_unmapped, UNMAPPED_ADDRESS, (uint32_t)write_unmapped_fault,
           write_unmapped_resume);
  selftest_end();
}
