// The insertion-ordered hash map behind dict, set, class and module namespaces.
#include "runtime.h"

namespace vpy {

namespace {

inline bool keys_equal(Value a, Value b) {
  if (a == b) return true;
  // Distinct immediates of the same kind are never equal (floats are objects).
  if ((is_small_int(a) && is_small_int(b)) || (is_qstr(a) && is_qstr(b))) return false;
  return equal(a, b);
}

void index_rebuild(Map* m, uint32_t size) {
  // Same size (after compacting away deleted entries): clear the index in place, so a map
  // with adds and deletes churning around a steady size allocates nothing.
  if (m->index != nullptr && m->mask + 1 == size) {
    mem_set(m->index, 0, size * sizeof(uint32_t));
  } else {
    m->index = static_cast<uint32_t*>(gc_alloc(size * sizeof(uint32_t)));
  }
  m->mask = size - 1;
  for (uint32_t e = 0; e < m->used; e++) {
    Value k = m->entries[e].key;
    if (k == kNull) continue;
    uint32_t h = static_cast<uint32_t>(hash_value(k));
    for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
      if (m->index[i] == 0) {
        m->index[i] = e + 1;
        break;
      }
    }
  }
}

// Drops deleted entries so they stop using space.
void compact(Map* m) {
  uint32_t w = 0;
  for (uint32_t r = 0; r < m->used; r++) {
    if (m->entries[r].key != kNull) m->entries[w++] = m->entries[r];
  }
  for (uint32_t i = w; i < m->used; i++)
    m->entries[i] = MapEntry{kNull, kNull};
  m->used = w;
}

void ensure_room(Map* m) {
  if (m->used < m->alloc) return;
  if (m->count < m->used) {
    compact(m);
    if (m->mask) index_rebuild(m, m->mask + 1);
    if (m->used < m->alloc) return;
  }
  uint32_t n = m->alloc ? m->alloc * 2 : 4;
  m->entries = static_cast<MapEntry*>(gc_realloc(m->entries, n * sizeof(RomEntry)));
  m->alloc = n;
  if (n > kMapLinearMax) {
    uint32_t size = 8;
    while (size < n * 2)
      size *= 2;
    index_rebuild(m, size);
  }
}

}  // namespace

void map_init(Map* m, size_t n) {
  m->str_keys = 0;
  m->used = m->count = 0;
  m->alloc = 0;
  m->mask = 0;
  m->entries = nullptr;
  m->index = nullptr;
  if (n) {
    m->alloc = static_cast<uint32_t>(n);
    m->entries = static_cast<MapEntry*>(gc_alloc(n * sizeof(RomEntry)));
    if (n > kMapLinearMax) {
      uint32_t size = 8;
      while (size < n * 2)
        size *= 2;
      index_rebuild(m, size);
    }
  }
}

MapEntry* map_lookup(Map* m, Value key, MapLookup kind) {
  if (m->mask == 0) {
    for (uint32_t e = 0; e < m->used; e++) {
      Value k = m->entries[e].key;
      if (k != kNull && keys_equal(k, key)) {
        if (kind == kMapRemove) {
          m->entries[e].key = kNull;
          m->count--;
          // Keep the removed value reachable for the caller (it reads e->value).
        }
        return &m->entries[e];
      }
    }
    if (kind != kMapAdd) return nullptr;
    hash_value(key);  // raise TypeError for unhashable keys
    ensure_room(m);
    if (m->mask) return map_lookup(m, key, kMapAdd);  // just became indexed
    if (is_obj(key) && as_obj(key)->type == &str_type) m->str_keys++;
    MapEntry* e = &m->entries[m->used++];
    e->key = key;
    e->value = kNull;
    m->count++;
    return e;
  }
  uint32_t h = static_cast<uint32_t>(hash_value(key));
  for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
    uint32_t slot = m->index[i];
    if (slot == 0) break;
    MapEntry* e = &m->entries[slot - 1];
    if (e->key != kNull && keys_equal(e->key, key)) {
      if (kind == kMapRemove) {
        e->key = kNull;
        m->count--;
      }
      return e;
    }
  }
  if (kind != kMapAdd) return nullptr;
  ensure_room(m);
  if (is_obj(key) && as_obj(key)->type == &str_type) m->str_keys++;
  uint32_t n = m->used++;
  MapEntry* e = &m->entries[n];
  e->key = key;
  e->value = kNull;
  m->count++;
  if (m->mask == 0) return e;  // just became indexed? ensure_room built the index
  for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
    if (m->index[i] == 0) {
      m->index[i] = n + 1;
      break;
    }
    if (m->index[i] == n + 1) break;  // index_rebuild already placed it
  }
  return e;
}

#if VPY_MAP_CACHE_SIZE
namespace {
// Where a name was last found, per (entries array, name). A hit is checked
// against the map itself, so stale entries (moved, deleted, reused memory) are
// never returned: they just miss.
struct MapCacheEntry {
  const MapEntry* entries;
  Qstr q;
  uint32_t idx;
};
MapCacheEntry map_cache[VPY_MAP_CACHE_SIZE];

inline MapCacheEntry& cache_slot(const Map* m, Qstr q) {
  uintptr_t h = (reinterpret_cast<uintptr_t>(m->entries) >> 4) ^ (q * 2654435761u);
  return map_cache[h % VPY_MAP_CACHE_SIZE];
}
}  // namespace
#endif

MapEntry* map_lookup_qstr_slow(Map* m, Qstr q);

MapEntry* map_lookup_qstr(Map* m, Qstr q) {
#if VPY_MAP_CACHE_SIZE
  MapCacheEntry& c = cache_slot(m, q);
  if (c.entries == m->entries && c.q == q && c.idx < m->used &&
      m->entries[c.idx].key == qstr_value(q)) {
    return &m->entries[c.idx];
  }
  MapEntry* e = map_lookup_qstr_slow(m, q);
  if (e) {
    c.entries = m->entries;
    c.q = q;
    c.idx = static_cast<uint32_t>(e - m->entries);
  }
  return e;
#else
  return map_lookup_qstr_slow(m, q);
#endif
}

MapEntry* map_lookup_qstr_slow(Map* m, Qstr q) {
  Value key = qstr_value(q);
  if (m->mask == 0) {
    for (uint32_t e = 0; e < m->used; e++) {
      Value k = m->entries[e].key;
      if (k == key) return &m->entries[e];
    }
    // A heap string with the same text counts too.
    if (m->str_keys == 0) return nullptr;
    for (uint32_t e = 0; e < m->used; e++) {
      Value k = m->entries[e].key;
      if (is_obj(k) && as_obj(k)->type == &str_type && str_equal(k, key)) return &m->entries[e];
    }
    return nullptr;
  }
  uint32_t h = qstr_hash(q);
  for (uint32_t i = h & m->mask;; i = (i + 1) & m->mask) {
    uint32_t slot = m->index[i];
    if (slot == 0) return nullptr;
    MapEntry* e = &m->entries[slot - 1];
    if (e->key == key) return e;
    if (m->str_keys && is_obj(e->key) && as_obj(e->key)->type == &str_type &&
        str_equal(e->key, key)) {
      return e;
    }
  }
}

void map_clear(Map* m) {
  map_init(m, 0);
}

void map_copy(Map* dst, const Map* src) {
  map_init(dst, src->count);
  dst->str_keys = 0;
  for (uint32_t i = 0; i < src->used; i++) {
    if (src->entries[i].key == kNull) continue;
    map_lookup(dst, src->entries[i].key, kMapAdd)->value = src->entries[i].value;
  }
}

}  // namespace vpy
