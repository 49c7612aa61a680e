#pragma once
// The producer/consumer hand-off of a streamed load: a fixed pool of buffers cycles between the
// generator thread (fills one) and the streaming thread (sends one), so memory stays at
// kBuffers × about kChunkBytes however many rows, and a slow server makes the generator wait.

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace pgcertify::datagen {

struct Chunk {
  std::string data;
  long long rows = 0;
};

class ChunkQueue {
 public:
  /// A chunk is handed over once it holds this many bytes.
  static constexpr size_t kChunkBytes = 1 << 20;
  static constexpr size_t kBuffers = 4;

  ChunkQueue() {
    for (size_t i = 0; i < kBuffers; ++i) {
      free_.emplace_back();
      free_.back().data.reserve(kChunkBytes + (64 << 10));
    }
  }

  /// Producer: an empty buffer to fill; nullopt when the consumer stopped.
  std::optional<Chunk> acquire() {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return !free_.empty() || stopped_; });
    if (stopped_) return std::nullopt;
    Chunk chunk = std::move(free_.front());
    free_.pop_front();
    chunk.data.clear();
    chunk.rows = 0;
    return chunk;
  }
  /// Producer: a filled buffer for the consumer.
  void submit(Chunk chunk) {
    std::lock_guard lock(mutex_);
    full_.push_back(std::move(chunk));
    ready_.notify_one();
  }
  /// Producer: no more chunks (with the error that ended it, if any).
  void finish(std::exception_ptr error = nullptr) {
    std::lock_guard lock(mutex_);
    done_ = true;
    error_ = error;
    ready_.notify_all();
  }

  /// Consumer: the next filled chunk; nullopt when the producer finished and all were taken.
  std::optional<Chunk> take() {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !full_.empty() || done_; });
    if (full_.empty()) return std::nullopt;
    Chunk chunk = std::move(full_.front());
    full_.pop_front();
    return chunk;
  }
  /// Consumer: a sent chunk's buffer goes back to the producer.
  void release(Chunk chunk) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(chunk));
    space_.notify_one();
  }
  /// Consumer: abandon the load; the producer's next acquire() returns nullopt.
  void stop() {
    std::lock_guard lock(mutex_);
    stopped_ = true;
    space_.notify_all();
  }
  std::exception_ptr error() {
    std::lock_guard lock(mutex_);
    return error_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable ready_, space_;
  std::deque<Chunk> free_, full_;
  bool done_ = false, stopped_ = false;
  std::exception_ptr error_;
};

}  // namespace pgcertify::datagen
