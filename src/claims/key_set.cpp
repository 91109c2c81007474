#include "claims/key_set.hpp"

#include "core/hash.hpp"

namespace mutua {

namespace {

// FNV-1a over the bytes, then a strong 64-bit finaliser (splitmix64) so that both the shard
// bits (high) and the slot bits (low) are well mixed.
uint64_t mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

constexpr size_t kInitialSlots = 64;

}  // namespace

uint64_t line_fingerprint(std::string_view claim_id, int line) {
  uint64_t h = mix(fnv1a(claim_id) ^ (static_cast<uint64_t>(static_cast<uint32_t>(line)) * 0x9e3779b97f4a7c15ULL));
  return h == 0 ? 1 : h;
}

LineKeySet::LineKeySet() : shards_(size_t{1} << kShardBits) {}

void LineKeySet::grow(Shard& shard) {
  std::vector<uint64_t> old = std::move(shard.slots);
  shard.slots.assign(old.empty() ? kInitialSlots : old.size() * 2, 0);
  const size_t mask = shard.slots.size() - 1;
  for (uint64_t f : old) {
    if (f == 0) continue;
    size_t i = f & mask;
    while (shard.slots[i] != 0) i = (i + 1) & mask;
    shard.slots[i] = f;
  }
}

bool LineKeySet::insert(uint64_t f) {
  if (f == 0) f = 1;
  Shard& shard = shard_of(f);
  if ((shard.used + 1) * 4 > shard.slots.size() * 3) grow(shard);
  const size_t mask = shard.slots.size() - 1;
  for (size_t i = f & mask;; i = (i + 1) & mask) {
    if (shard.slots[i] == f) return false;
    if (shard.slots[i] == 0) {
      shard.slots[i] = f;
      ++shard.used;
      ++size_;
      return true;
    }
  }
}

bool LineKeySet::contains(uint64_t f) const {
  if (f == 0) f = 1;
  const Shard& shard = shard_of(f);
  if (shard.slots.empty()) return false;
  const size_t mask = shard.slots.size() - 1;
  for (size_t i = f & mask;; i = (i + 1) & mask) {
    if (shard.slots[i] == f) return true;
    if (shard.slots[i] == 0) return false;
  }
}

size_t LineKeySet::memory_bytes() const {
  size_t bytes = 0;
  for (const Shard& s : shards_) bytes += s.slots.capacity() * sizeof(uint64_t);
  return bytes;
}

}  // namespace mutua
