// FNV-1a, 64 bits: a fast, stable (same on every machine and run) hash of bytes, for keys and
// file fingerprints. Not for security.
#pragma once

#include <cstdint>
#include <string_view>

namespace mutua {

inline constexpr uint64_t kFnv1aOffset = 0xcbf29ce484222325ULL;

// Continues `hash` over `bytes` (start with kFnv1aOffset).
inline uint64_t fnv1a(std::string_view bytes, uint64_t hash = kFnv1aOffset) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

}  // namespace mutua
