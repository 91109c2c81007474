// LineKeySet: the (claim_id, line) keys already decided (BEN-12), held as 64-bit fingerprints so
// that ten million keys fit in about 130 MB.
//
// Contract:
// - insert() and contains() work on fingerprint(claim_id, line) (a 64-bit hash). Two different
//   keys share a fingerprint with probability about n²/2^65 over n keys (below 3·10⁻⁶ for ten
//   million): contains() may answer a false "seen", never a false "not seen". Callers that
//   must be exact confirm a "seen" against the database (a persisted run does).
// - Memory grows with the number of keys: 256 open-addressing shards, each doubled when 3/4
//   full, so a resize never copies more than 1/256 of the set.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace mutua {

uint64_t line_fingerprint(std::string_view claim_id, int line);

class LineKeySet {
 public:
  LineKeySet();
  // True when the fingerprint was not there (and is now).
  bool insert(uint64_t fingerprint);
  bool contains(uint64_t fingerprint) const;
  size_t size() const { return size_; }
  size_t memory_bytes() const;

 private:
  struct Shard {
    std::vector<uint64_t> slots;  // 0 = empty (fingerprint 0 is stored as 1)
    size_t used = 0;
  };
  static constexpr int kShardBits = 8;
  Shard& shard_of(uint64_t f) { return shards_[f >> (64 - kShardBits)]; }
  const Shard& shard_of(uint64_t f) const { return shards_[f >> (64 - kShardBits)]; }
  static void grow(Shard& shard);
  std::vector<Shard> shards_;
  size_t size_ = 0;
};

}  // namespace mutua
