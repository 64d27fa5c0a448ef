#include "qstr.h"

#include "gc.h"
#include "state.h"

namespace vpy {

namespace {

// The predefined qstrs live in flash: text, length and hash per id, plus an index
// sorted by hash (built at compile time) so lookup is a binary search.
constexpr const char* kPredefStr[] = {
#define Q(id) #id,
#define QS(id, text) text,
#include "qstrdefs.h"
#undef Q
#undef QS
};
constexpr uint16_t kPredefLen[] = {
#define Q(id) sizeof(#id) - 1,
#define QS(id, text) sizeof(text) - 1,
#include "qstrdefs.h"
#undef Q
#undef QS
};
constexpr uint32_t kPredefHash[] = {
#define Q(id) hash_bytes(#id, sizeof(#id) - 1),
#define QS(id, text) hash_bytes(text, sizeof(text) - 1),
#include "qstrdefs.h"
#undef Q
#undef QS
};

struct SortedIndex {
  uint16_t id[kQstrPredefinedCount];
};
constexpr SortedIndex make_sorted_index() {
  SortedIndex s{};
  for (uint32_t i = 0; i < kQstrPredefinedCount; i++)
    s.id[i] = static_cast<uint16_t>(i);
  // Insertion sort: runs once, in the compiler.
  for (uint32_t i = 1; i < kQstrPredefinedCount; i++) {
    uint16_t x = s.id[i];
    uint32_t j = i;
    while (j > 0 && kPredefHash[s.id[j - 1]] > kPredefHash[x]) {
      s.id[j] = s.id[j - 1];
      j--;
    }
    s.id[j] = x;
  }
  return s;
}
constexpr SortedIndex kSorted = make_sorted_index();

Qstr find_predefined(const char* s, size_t len, uint32_t h) {
  uint32_t lo = 0, hi = kQstrPredefinedCount;
  while (lo < hi) {
    uint32_t mid = (lo + hi) / 2;
    if (kPredefHash[kSorted.id[mid]] < h) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  for (; lo < kQstrPredefinedCount && kPredefHash[kSorted.id[lo]] == h; lo++) {
    Qstr q = kSorted.id[lo];
    if (kPredefLen[q] == len && mem_cmp(kPredefStr[q], s, len) == 0) return q;
  }
  return kQstrNotFound;
}

// Dynamic qstrs: parallel arrays in the GC heap (rooted from the VM state) and an
// open-addressing index of (dynamic number + 1).
QstrPool& pool() {
  return vm()->qstrs;
}

Qstr find_dynamic(const char* s, size_t len, uint32_t h) {
  QstrPool& p = pool();
  if (p.index_mask == 0) return kQstrNotFound;
  for (uint32_t i = h & p.index_mask;; i = (i + 1) & p.index_mask) {
    uint32_t e = p.index[i];
    if (e == 0) return kQstrNotFound;
    e--;
    if (p.entries[e].hash == h && p.entries[e].len == len &&
        mem_cmp(p.entries[e].str, s, len) == 0) {
      return kQstrPredefinedCount + e;
    }
  }
}

void index_insert(QstrPool& p, uint32_t e) {
  for (uint32_t i = p.entries[e].hash & p.index_mask;; i = (i + 1) & p.index_mask) {
    if (p.index[i] == 0) {
      p.index[i] = e + 1;
      return;
    }
  }
}

}  // namespace

void qstr_init() {
  QstrPool& p = pool();
  p.entries = nullptr;
  p.count = p.alloc = 0;
  p.index = nullptr;
  p.index_mask = 0;
}

Qstr qstr_find_strn(const char* s, size_t len) {
  uint32_t h = hash_bytes(s, len);
  Qstr q = find_predefined(s, len, h);
  if (q != kQstrNotFound) return q;
  return find_dynamic(s, len, h);
}

Qstr qstr_from_strn(const char* s, size_t len) {
  uint32_t h = hash_bytes(s, len);
  Qstr q = find_predefined(s, len, h);
  if (q != kQstrNotFound) return q;
  q = find_dynamic(s, len, h);
  if (q != kQstrNotFound) return q;
  QstrPool& p = pool();
  // Copy the text first: s may point into a heap string a collection could move...
  // it cannot (the GC does not move), but s may be freed by the caller later.
  char* copy = static_cast<char*>(gc_alloc(len + 1));
  mem_copy(copy, s, len);
  copy[len] = 0;
  if (p.count == p.alloc) {
    uint32_t n = p.alloc ? p.alloc * 2 : 64;
    p.entries = static_cast<QstrEntry*>(gc_realloc(p.entries, n * sizeof(QstrEntry)));
    p.alloc = n;
  }
  // Keep the index at most half full.
  if ((p.count + 1) * 2 > p.index_mask + 1 || p.index_mask == 0) {
    uint32_t size = p.index_mask ? (p.index_mask + 1) * 2 : 128;
    p.index = static_cast<uint32_t*>(gc_alloc(size * sizeof(uint32_t)));
    p.index_mask = size - 1;
    for (uint32_t e = 0; e < p.count; e++)
      index_insert(p, e);
  }
  uint32_t e = p.count++;
  p.entries[e].str = copy;
  p.entries[e].len = static_cast<uint32_t>(len);
  p.entries[e].hash = h;
  index_insert(p, e);
  return kQstrPredefinedCount + e;
}

const char* qstr_str(Qstr q) {
  if (q < kQstrPredefinedCount) return kPredefStr[q];
  return pool().entries[q - kQstrPredefinedCount].str;
}
size_t qstr_len(Qstr q) {
  if (q < kQstrPredefinedCount) return kPredefLen[q];
  return pool().entries[q - kQstrPredefinedCount].len;
}
uint32_t qstr_hash(Qstr q) {
  if (q < kQstrPredefinedCount) return kPredefHash[q];
  return pool().entries[q - kQstrPredefinedCount].hash;
}
size_t qstr_count() {
  return kQstrPredefinedCount + pool().count;
}

}  // namespace vpy
