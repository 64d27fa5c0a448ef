// Mark-and-sweep garbage collector over one fixed region the port hands over.
//
// The region is cut into blocks of two words; a table of 2 bits per block says
// whether a block is free, the head of an allocation, a tail, or a marked head.
// Marking is conservative: any word (in a root or in a live block) that points at
// the start of an allocated block keeps that block alive. The heap never moves.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace vpy {

constexpr size_t kGcBlockBytes = 2 * sizeof(uintptr_t);

void gc_init(void* start, size_t size, bool zeroed = false);  // zeroed: memory is all 0 already
// Zeroed memory; raises MemoryError when even a collection cannot make room.
void* gc_alloc(size_t bytes);
// Like gc_alloc but returns nullptr instead of raising.
void* gc_alloc_maybe(size_t bytes);
// Grows or shrinks an allocation (nullptr allocates); new bytes are zeroed.
void* gc_realloc(void* ptr, size_t bytes);
// Returns an allocation early (optional: the collector finds garbage anyway).
void gc_free(void* ptr);
void gc_collect();
// gc.threshold: collect after this many bytes were allocated since the last collection;
// negative turns it off (the default: collections happen when the heap is full).
void gc_set_threshold(ptrdiff_t bytes);
ptrdiff_t gc_threshold();
// Marks a range of words conservatively; the VM calls it for its roots.
void gc_mark_range(const void* start, size_t n_words);
size_t gc_mem_free();
size_t gc_mem_alloc();
size_t gc_alloc_size(const void* ptr);  // bytes reserved for an allocation
bool gc_is_heap_ptr(const void* ptr);
void gc_lock();
void gc_unlock();
bool gc_is_locked();

struct GcInfo {
  size_t total, used, free, max_free_run, n_blocks_1, n_blocks_2, max_block;
};
void gc_info(GcInfo* info);

}  // namespace vpy
