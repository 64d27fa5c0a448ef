// vpy_smoke: runs a Python program on vpy's core, built for the Cortex-M0+, on the emulated
// RP2040. The program's output on UART0 is the test (expected.txt), ending with DONE.
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bringup.h"
#include "regs.h"
#include "runtime.h"
#include "selftest.h"
#include "state.h"

namespace {

// Heap and VM stack share this region (the core carves the stack off its top).
constexpr size_t kVmStackWords = 2048;
alignas(8) uint8_t vpy_region[160 * 1024];

const char kProgram[] = R"PY(
import gc, sys, time
print("impl", sys.implementation.name, sys.byteorder, sys.maxsize, 2**31 > sys.maxsize)

def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print("fib", fib(18))
print("sum", sum(i * i for i in range(1000)), 2**100 % 1000007)
print("float", 1.5 * 2.25, 10 / 4, int(7.9), round(2.675, 1) in (2.6, 2.7))
words = "the quick brown fox jumps over the lazy dog".split()
counts = {}
for w in words:
    counts[w] = counts.get(w, 0) + 1
print("dict", len(counts), counts["the"], sorted(counts)[:3])
print("fmt", "{:>6}|{:<4}|{:08.3f}".format("ab", 7, 3.25), "%05d" % 42)

class Shape:
    def __init__(self, n):
        self.n = n
    def __repr__(self):
        return "Shape(%d)" % self.n
class Square(Shape):
    def area(self):
        return self.n * self.n
print("class", Square(4), Square(4).area(), isinstance(Square(1), Shape))

def gen(n):
    for i in range(n):
        yield i * 3
print("gen", list(gen(5)), [x for x in gen(10) if x % 2])
try:
    1 / 0
except ZeroDivisionError as e:
    print("exc", type(e).__name__, e)
try:
    def deep(n):
        return deep(n + 1)
    deep(0)
except RuntimeError as e:
    print("recursion", e)

keep = [bytearray(100) for i in range(200)]
garbage = None
for i in range(300):
    garbage = [i] * 50
before = gc.mem_free()
gc.collect()
print("gc", gc.mem_free() >= before, len(keep), keep[199][99])
try:
    x = bytearray(1024 * 1024)
except MemoryError:
    print("memory", "MemoryError")
t0 = time.ticks_us()
s = 0
for i in range(2000):
    s += i
print("ticks", time.ticks_diff(time.ticks_us(), t0) > 0, s)
)PY";

}  // namespace

int main() {
  selftest_begin("vpy_smoke");
  // TIMER counts microseconds from the watchdog's tick: clk_ref (12 MHz crystal) / 12.
  resets_release(RESETS_TIMER);
  mmio_write(WATCHDOG_TICK, WATCHDOG_TICK_ENABLE | 12);

  char stack_marker;
  vpy::InitConfig cfg{vpy_region, sizeof(vpy_region), kVmStackWords, &stack_marker, 8 * 1024, true};
  vpy::runtime_init(&cfg);
  vpy::Value globals = vpy::module_globals(vpy::vm()->main_module);
  vpy::exec_toplevel(kProgram, strlen(kProgram), vpy::qstr_from_str("<smoke>"), vpy::kCompileFile,
                     globals);
  selftest_end();
}
