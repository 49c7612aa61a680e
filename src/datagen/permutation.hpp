#pragma once
// A seeded bijection of [0, size): a balanced Feistel network over the smallest even power of two
// that holds `size`, with cycle-walking back into range. Drawing values by permuted index makes a
// unique column unique by construction, with O(1) memory, yet in no visible order.

#include <cstdint>

namespace pgcertify::datagen {

class Permutation {
 public:
  Permutation(uint64_t size, uint64_t seed) : size_(size) {
    while (half_bits_ < 32 && (uint64_t{1} << (2 * half_bits_)) < size) ++half_bits_;
    mask_ = (uint64_t{1} << half_bits_) - 1;
    for (auto& key : keys_) key = mix(seed += 0x9e3779b97f4a7c15ULL);
  }

  uint64_t size() const { return size_; }

  /// The image of `index` (< size()); distinct indexes give distinct images.
  uint64_t operator()(uint64_t index) const {
    uint64_t x = index;
    do x = encrypt(x);  // cycle-walking: at most a few steps, the domain is under 4 × size
    while (x >= size_);
    return x;
  }

 private:
  static uint64_t mix(uint64_t z) {
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  uint64_t encrypt(uint64_t x) const {
    uint64_t left = x >> half_bits_, right = x & mask_;
    for (uint64_t key : keys_) {
      const uint64_t next = left ^ (mix(right ^ key) & mask_);
      left = right;
      right = next;
    }
    return (left << half_bits_) | right;
  }

  uint64_t size_;
  int half_bits_ = 1;
  uint64_t mask_ = 1;
  uint64_t keys_[4] = {};
};

}  // namespace pgcertify::datagen
