#include "gc.h"

#include <setjmp.h>
#include <string.h>

#include "config.h"
#include "runtime.h"
#include "state.h"

namespace vpy {

namespace {

enum : uint8_t { kFree = 0, kHead = 1, kTail = 2, kMark = 3 };

struct Heap {
  uint8_t* atb;   // allocation table, 4 blocks per byte
  uint8_t* pool;  // first block
  uint8_t* pool_end;
  size_t n_blocks;
  // Allocation happens below `window` only; it grows when a collection leaves the window
  // more than half full. Blocks above it have never been used, so on a host whose pages are
  // mapped in when first touched, resident memory follows the live data, not the heap size.
  size_t window;
  size_t window_min;
  // Collections since the window last grew: a program that keeps collecting at the same
  // window size allocates a lot, so the window doubles every kCollectionsPerGrowth
  // collections up to VPY_GC_BUSY_WINDOW_MAX bytes, trading some memory for fewer collections.
  static constexpr int kCollectionsPerGrowth = 8;
  int collections_at_size;
  // Automatic collection after this many blocks were allocated since the last one
  // (gc.threshold); SIZE_MAX = off.
  size_t threshold;
  size_t allocated_since_collect;
  size_t first_free;  // no free block below this index
  // Small allocations (up to kSmallBlocks) are placed first-fit from the bottom
  // and large ones from the top down, so long-lived small objects do not
  // scatter over the space that growing lists and buffers need. small_hint[n]:
  // no run of n free blocks starts below it. large_hint: where to search down from.
  static constexpr size_t kSmallBlocks = 8;
  size_t small_hint[kSmallBlocks + 1];
  size_t large_hint;
  int locked;
  bool collecting;
  // Explicit mark stack; on overflow we rescan the heap for marked blocks.
  static constexpr int kStackSize = 64;
  size_t stack[kStackSize];
  int sp;
  bool overflow;
};
Heap heap;

inline uint8_t atb_get(size_t b) {
  return (heap.atb[b >> 2] >> ((b & 3) * 2)) & 3;
}
inline void atb_set(size_t b, uint8_t k) {
  uint8_t& byte = heap.atb[b >> 2];
  int sh = static_cast<int>((b & 3) * 2);
  byte = static_cast<uint8_t>((byte & ~(3 << sh)) | (k << sh));
}
inline size_t block_of(const void* p) {
  return static_cast<size_t>(static_cast<const uint8_t*>(p) - heap.pool) / kGcBlockBytes;
}
inline void* ptr_of(size_t b) {
  return heap.pool + b * kGcBlockBytes;
}
inline size_t blocks_for(size_t bytes) {
  size_t n = (bytes + kGcBlockBytes - 1) / kGcBlockBytes;
  return n ? n : 1;
}
inline size_t alloc_blocks(size_t head) {
  size_t b = head + 1;
  while (b < heap.n_blocks && atb_get(b) == kTail)
    b++;
  return b - head;
}

// If word w points at the head of an allocation, mark it and queue it.
__attribute__((no_sanitize("address"))) inline void mark_word(uintptr_t w) {
  uint8_t* p = reinterpret_cast<uint8_t*>(w);
  if (p < heap.pool || p >= heap.pool_end) return;
  size_t off = static_cast<size_t>(p - heap.pool);
  if (off % kGcBlockBytes != 0) return;
  size_t b = off / kGcBlockBytes;
  if (atb_get(b) != kHead) return;
  atb_set(b, kMark);
  if (heap.sp < Heap::kStackSize) {
    heap.stack[heap.sp++] = b;
  } else {
    heap.overflow = true;
  }
}

// A word on the C stack may point inside an allocation rather than at its start: optimised
// code keeps &list->items or a pointer into a string's bytes in a register and lets the
// object's own pointer die (the fuzzer found rsplit's part list freed that way). Such a word
// keeps the whole allocation alive. Heap fields still hold start pointers only.
__attribute__((no_sanitize("address"))) inline void mark_interior_word(uintptr_t w) {
  uint8_t* p = reinterpret_cast<uint8_t*>(w);
  if (p < heap.pool || p >= heap.pool_end) return;
  size_t b = static_cast<size_t>(p - heap.pool) / kGcBlockBytes;
  while (b > 0 && atb_get(b) == kTail)
    b--;
  mark_word(reinterpret_cast<uintptr_t>(ptr_of(b)));
}

void scan_block(size_t b) {
  size_t n = alloc_blocks(b);
  const uintptr_t* w = static_cast<const uintptr_t*>(ptr_of(b));
  size_t words = n * kGcBlockBytes / sizeof(uintptr_t);
  for (size_t i = 0; i < words; i++)
    mark_word(w[i]);
}

void drain() {
  for (;;) {
    while (heap.sp > 0)
      scan_block(heap.stack[--heap.sp]);
    if (!heap.overflow) return;
    // Some marked blocks were not queued: rescan every marked block (cheap enough,
    // and only after deep structures overflowed the small stack).
    heap.overflow = false;
    for (size_t b = 0; b < heap.window; b++) {
      if (atb_get(b) == kMark) scan_block(b);
      while (heap.sp > 0)
        scan_block(heap.stack[--heap.sp]);
    }
  }
}

// Blocks [b, end) became free: searches must be able to find them again. Only
// sizes that fit in the hole move their hint back (a hole merged with free
// neighbours is found again after the next sweep), so freeing many small
// buffers does not make every allocation rescan the heap.
void reset_hints(size_t b, size_t end) {
  size_t len = end - b;
  for (size_t i = 0; i <= Heap::kSmallBlocks && i <= len; i++) {
    if (b < heap.small_hint[i]) heap.small_hint[i] = b;
  }
  if (end > heap.large_hint) heap.large_hint = end;
}

// Frees unmarked allocations below the window; returns the blocks still in use.
size_t sweep() {
  size_t b = 0;
  size_t used = 0;
  heap.first_free = heap.window;
  while (b < heap.window) {
    uint8_t k = atb_get(b);
    if (k == kMark) {
      atb_set(b, kHead);
      used++;
      b++;
    } else if (k == kHead) {
      size_t n = alloc_blocks(b);
      for (size_t i = 0; i < n; i++)
        atb_set(b + i, kFree);
      memset(ptr_of(b), 0, n * kGcBlockBytes);
      if (b < heap.first_free) heap.first_free = b;
      b += n;
    } else {
      if (k == kFree && b < heap.first_free) heap.first_free = b;
      if (k == kTail) used++;
      b++;
    }
  }
  for (size_t i = 0; i <= Heap::kSmallBlocks; i++)
    heap.small_hint[i] = heap.first_free;
  heap.large_hint = heap.window;
  return used;
}

// Widens the allocation window to at least `blocks` (capped at the heap); the new blocks
// are free and zero already.
void grow_window(size_t blocks) {
  if (blocks > heap.n_blocks) blocks = heap.n_blocks;
  if (blocks <= heap.window) return;
  heap.window = blocks;
  heap.large_hint = blocks;
  heap.collections_at_size = 0;
}

// Scans the C stack between here and its base. Callee-saved registers are spilled
// into a jmp_buf on this frame first, so pointers held only in registers count.
__attribute__((noinline, no_sanitize("address"))) void mark_c_stack() {
  // glibc's setjmp mangles the saved frame and stack pointers (pointer guard), so a heap
  // pointer living only in rbp would be missed; __builtin_unwind_init makes the compiler
  // spill every callee-saved register into this frame, which the scan below covers.
  __builtin_unwind_init();
  jmp_buf regs;
  setjmp(regs);
  const uintptr_t* lo = reinterpret_cast<const uintptr_t*>(&regs);
  const uintptr_t* hi = reinterpret_cast<const uintptr_t*>(vm()->c_stack_base);
  if (lo > hi) return;
  for (const uintptr_t* p = lo; p < hi; p++)
    mark_interior_word(*p);
}

// Finds n free blocks in [from, to); returns the first block or SIZE_MAX.
size_t find_run(size_t from, size_t to, size_t n) {
  size_t run = 0;
  for (size_t b = from; b < to; b++) {
    // Skip four used blocks at once when their table byte has no free entry.
    if ((b & 3) == 0 && b + 4 <= to) {
      uint8_t byte = heap.atb[b >> 2];
      if ((byte & 0x03) && (byte & 0x0c) && (byte & 0x30) && (byte & 0xc0)) {
        run = 0;
        b += 3;
        continue;
      }
    }
    if (atb_get(b) == kFree) {
      if (++run == n) return b + 1 - n;
    } else {
      run = 0;
    }
  }
  return SIZE_MAX;
}

// Finds n free blocks ending at or below `high`, searching downwards to `low`.
size_t find_run_down(size_t high, size_t low, size_t n) {
  size_t run = 0;
  for (size_t b = high; b-- > low;) {
    // Skip four used blocks at once when their table byte has no free entry.
    if ((b & 3) == 3 && b >= low + 3) {
      uint8_t byte = heap.atb[b >> 2];
      if ((byte & 0x03) && (byte & 0x0c) && (byte & 0x30) && (byte & 0xc0)) {
        run = 0;
        b -= 3;
        continue;
      }
    }
    if (atb_get(b) == kFree) {
      if (++run == n) return b;
    } else {
      run = 0;
    }
  }
  return SIZE_MAX;
}

void* try_alloc(size_t n) {
  // Keep first_free on a free block so allocation does not rescan used ones.
  while (heap.first_free < heap.window && atb_get(heap.first_free) != kFree) {
    heap.first_free++;
  }
  size_t start;
  if (n == 1) {
    start = heap.first_free < heap.window ? heap.first_free : SIZE_MAX;
  } else if (n <= Heap::kSmallBlocks) {
    size_t from = heap.small_hint[n] > heap.first_free ? heap.small_hint[n] : heap.first_free;
    start = find_run(from, heap.window, n);
    if (start != SIZE_MAX) heap.small_hint[n] = start + n;
  } else {
    start = find_run_down(heap.large_hint, heap.first_free, n);
    if (start == SIZE_MAX && heap.large_hint < heap.window) {
      start = find_run_down(heap.window, heap.large_hint > n ? heap.large_hint - n : 0, n);
    }
    if (start != SIZE_MAX) heap.large_hint = start;
  }
  if (start == SIZE_MAX) return nullptr;
  atb_set(start, kHead);
  for (size_t i = 1; i < n; i++)
    atb_set(start + i, kTail);
  if (start == heap.first_free) heap.first_free = start + n;
  heap.allocated_since_collect += n;
  // Blocks are zeroed when freed, so the memory is already clean.
  return ptr_of(start);
}

}  // namespace

void gc_init(void* start, size_t size, bool zeroed) {
  uintptr_t s = (reinterpret_cast<uintptr_t>(start) + kGcBlockBytes - 1) & ~(kGcBlockBytes - 1);
  uintptr_t e = (reinterpret_cast<uintptr_t>(start) + size) & ~(kGcBlockBytes - 1);
  size_t total = e > s ? e - s : 0;
  // Each block costs kGcBlockBytes plus a quarter byte of table.
  size_t n = (total * 4) / (4 * kGcBlockBytes + 1);
  size_t atb_bytes = (n + 3) / 4;
  size_t atb_rounded = (atb_bytes + kGcBlockBytes - 1) & ~(kGcBlockBytes - 1);
  while (n > 0 && atb_rounded + n * kGcBlockBytes > total) {
    n--;
    atb_bytes = (n + 3) / 4;
    atb_rounded = (atb_bytes + kGcBlockBytes - 1) & ~(kGcBlockBytes - 1);
  }
  heap.atb = reinterpret_cast<uint8_t*>(s);
  heap.pool = heap.atb + atb_rounded;
  heap.n_blocks = n;
  heap.pool_end = heap.pool + n * kGcBlockBytes;
  heap.first_free = 0;
  for (size_t i = 0; i <= Heap::kSmallBlocks; i++)
    heap.small_hint[i] = 0;
  heap.window_min = VPY_GC_INITIAL_WINDOW / kGcBlockBytes;
  heap.window = heap.window_min && heap.window_min < n ? heap.window_min : n;
  heap.large_hint = heap.window;
  heap.threshold = SIZE_MAX;
  heap.collections_at_size = 0;
  heap.allocated_since_collect = 0;
  heap.locked = 0;
  heap.collecting = false;
  // Free blocks are kept zeroed (allocation relies on it).
  if (!zeroed) memset(heap.atb, 0, atb_rounded + n * kGcBlockBytes);
}

void gc_collect() {
  if (heap.collecting) return;
  heap.collecting = true;
  heap.sp = 0;
  heap.overflow = false;
  runtime_mark_roots();
  drain();
  mark_c_stack();
  drain();
  size_t used = sweep();
  // Keep at least half the window free after a collection, so collections cost no more than
  // the allocation between them.
  if (used * 2 > heap.window) grow_window(used * 2);
  if (++heap.collections_at_size >= Heap::kCollectionsPerGrowth &&
      heap.window * 2 * kGcBlockBytes <= VPY_GC_BUSY_WINDOW_MAX) {
    grow_window(heap.window * 2);
  }
  heap.allocated_since_collect = 0;
  heap.collecting = false;
}

void gc_set_threshold(ptrdiff_t bytes) {
  heap.threshold = bytes < 0 ? SIZE_MAX : static_cast<size_t>(bytes) / kGcBlockBytes;
}

ptrdiff_t gc_threshold() {
  if (heap.threshold == SIZE_MAX) return -1;
  return static_cast<ptrdiff_t>(heap.threshold * kGcBlockBytes);
}

void gc_mark_range(const void* start, size_t n_words) {
  const uintptr_t* w = static_cast<const uintptr_t*>(start);
  for (size_t i = 0; i < n_words; i++) {
    mark_word(w[i]);
    if (heap.sp == Heap::kStackSize) drain();
  }
  drain();
}

void* gc_alloc_maybe(size_t bytes) {
  if (heap.locked) return nullptr;
  size_t n = blocks_for(bytes);
  if (heap.allocated_since_collect >= heap.threshold) gc_collect();
  void* p = try_alloc(n);
  if (p == nullptr) {
    gc_collect();
    p = try_alloc(n);
  }
  // Still no room: widen the window (doubling) until the allocation fits or the heap ends.
  while (p == nullptr && heap.window < heap.n_blocks) {
    grow_window(heap.window * 2 > heap.window + n ? heap.window * 2 : heap.window + n);
    p = try_alloc(n);
  }
  return p;
}

void* gc_alloc(size_t bytes) {
  void* p = gc_alloc_maybe(bytes);
  if (p == nullptr) raise_memory_error(bytes);
  return p;
}

void gc_free(void* ptr) {
  if (ptr == nullptr || heap.collecting || !gc_is_heap_ptr(ptr)) return;
  size_t b = block_of(ptr);
  size_t n = alloc_blocks(b);
  for (size_t i = 0; i < n; i++)
    atb_set(b + i, kFree);
  memset(ptr, 0, n * kGcBlockBytes);
  if (b < heap.first_free) heap.first_free = b;
  reset_hints(b, b + n);
}

void* gc_realloc(void* ptr, size_t bytes) {
  if (ptr == nullptr) return gc_alloc(bytes);
  size_t b = block_of(ptr);
  size_t have = alloc_blocks(b);
  size_t want = blocks_for(bytes);
  if (want == have) return ptr;
  if (want < have) {
    for (size_t i = want; i < have; i++)
      atb_set(b + i, kFree);
    memset(ptr_of(b + want), 0, (have - want) * kGcBlockBytes);
    if (b + want < heap.first_free) heap.first_free = b + want;
    reset_hints(b + want, b + have);
    return ptr;
  }
  // Grow in place when the following blocks are free.
  size_t i = have;
  while (i < want && b + i < heap.window && atb_get(b + i) == kFree)
    i++;
  if (i == want) {
    for (size_t j = have; j < want; j++)
      atb_set(b + j, kTail);
    if (heap.first_free > b && heap.first_free < b + want) heap.first_free = b + want;
    return ptr;
  }
  void* p = gc_alloc(bytes);
  memcpy(p, ptr, have * kGcBlockBytes);
  gc_free(ptr);
  return p;
}

size_t gc_alloc_size(const void* ptr) {
  if (!gc_is_heap_ptr(ptr)) return 0;
  return alloc_blocks(block_of(ptr)) * kGcBlockBytes;
}

bool gc_is_heap_ptr(const void* ptr) {
  const uint8_t* p = static_cast<const uint8_t*>(ptr);
  if (p < heap.pool || p >= heap.pool_end) return false;
  size_t off = static_cast<size_t>(p - heap.pool);
  return off % kGcBlockBytes == 0 && atb_get(off / kGcBlockBytes) == kHead;
}

void gc_info(GcInfo* info) {
  memset(info, 0, sizeof(*info));
  info->total = heap.n_blocks * kGcBlockBytes;
  size_t run = 0, alloc_len = 0;
  for (size_t b = 0; b < heap.n_blocks; b++) {
    uint8_t k = atb_get(b);
    if (k == kFree) {
      run++;
      if (run > info->max_free_run) info->max_free_run = run;
    } else {
      run = 0;
      info->used++;
    }
    if (k == kHead || k == kMark) {
      if (alloc_len == 1) info->n_blocks_1++;
      if (alloc_len == 2) info->n_blocks_2++;
      alloc_len = 1;
    } else if (k == kTail) {
      alloc_len++;
      if (alloc_len > info->max_block) info->max_block = alloc_len;
    } else {
      if (alloc_len == 1) info->n_blocks_1++;
      if (alloc_len == 2) info->n_blocks_2++;
      alloc_len = 0;
    }
  }
  info->used *= kGcBlockBytes;
  info->free = info->total - info->used;
}

size_t gc_mem_free() {
  GcInfo i;
  gc_info(&i);
  return i.free;
}
size_t gc_mem_alloc() {
  GcInfo i;
  gc_info(&i);
  return i.used;
}

void gc_lock() {
  heap.locked++;
}
void gc_unlock() {
  if (heap.locked > 0) heap.locked--;
}
bool gc_is_locked() {
  return heap.locked != 0;
}

}  // namespace vpy
