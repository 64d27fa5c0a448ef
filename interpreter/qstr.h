// Interned strings (qstrs): each distinct identifier-like string is stored once and
// named by a small id, so names compare by id and carry a precomputed hash.
#pragma once

#include "obj.h"

namespace vpy {

constexpr Qstr kQstrNotFound = 0xffffffffu;

// The hash used for every str and bytes value (FNV-1a); a qstr and an equal heap
// string must hash alike so that either may be a dict key.
inline constexpr uint32_t hash_bytes(const char* s, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) {
    h = (h ^ static_cast<uint8_t>(s[i])) * 16777619u;
  }
  return h == 0 ? 1 : h;  // 0 means "not computed yet" in StrObj
}

void qstr_init();
Qstr qstr_from_strn(const char* s, size_t len);  // interns; may allocate
inline Qstr qstr_from_str(const char* s) {
  return qstr_from_strn(s, strlen(s));
}
Qstr qstr_find_strn(const char* s, size_t len);  // kQstrNotFound if not interned
const char* qstr_str(Qstr q);
size_t qstr_len(Qstr q);
uint32_t qstr_hash(Qstr q);
size_t qstr_count();

}  // namespace vpy
