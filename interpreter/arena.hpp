#pragma once
// A bump allocator for the records and lists one case builds. reset() keeps the blocks, so
// after the first few cases evaluation allocates nothing.
#include <cstddef>
#include <memory>
#include <vector>

#include "lang/value.hpp"

namespace sop {

class Arena {
 public:
  static constexpr size_t k_block = 4096;  // values per block

  Value* alloc(size_t n) {
    if (n > k_block) return alloc_large(n);
    if (block_ >= blocks_.size() || used_ + n > sizes_[block_]) next_block(n);
    Value* p = blocks_[block_].get() + used_;
    used_ += n;
    return p;
  }
  void reset() {
    block_ = 0;
    used_ = 0;
    large_.clear();
  }

 private:
  void next_block(size_t n) {
    if (block_ < blocks_.size() && used_ > 0) ++block_;
    while (block_ < blocks_.size() && sizes_[block_] < n) ++block_;
    if (block_ >= blocks_.size()) {
      blocks_.push_back(std::make_unique<Value[]>(k_block));
      sizes_.push_back(k_block);
      block_ = blocks_.size() - 1;
    }
    used_ = 0;
  }
  Value* alloc_large(size_t n) {
    large_.push_back(std::make_unique<Value[]>(n));
    return large_.back().get();
  }

  std::vector<std::unique_ptr<Value[]>> blocks_;
  std::vector<size_t> sizes_;
  std::vector<std::unique_ptr<Value[]>> large_;  // rare: lists longer than a block
  size_t block_ = 0;
  size_t used_ = 0;
};

}  // namespace sop
