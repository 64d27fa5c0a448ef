// fault_endless_loop: hangs in a busy loop and never prints DONE. Nothing faults and a core
// keeps running, so only a limit ends the run: `vpico run --until-serial DONE --timeout-ms N`
// exits with status 3 and says the time limit came before the text.
//
//   fault_endless_loop: spinning for ever, never to finish
#include "bringup.h"
#include "uart0.h"

// The loop a firmware hangs in while waiting on a flag nobody sets.
__attribute__((noinline)) void wait_for_ever(void) {
  static volatile int g_never_set;
  while (!g_never_set) {
  }
}

int main(void) {
  bringup_console();
  uart0_puts("fault_endless_loop: spinning for ever, never to finish\n");
  uart0_flush();
  wait_for_ever();
  uart0_puts("DONE\n");
  uart0_flush();
  return 0;
}
