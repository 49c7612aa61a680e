#include "datagen/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "common/interrupt.hpp"
#include "datagen/table_generator.hpp"
#include "pg/copy_writer.hpp"

namespace pgcertify::datagen {
namespace {
/// A chunk is sent once it holds this much COPY text; the queue holds at most kQueueDepth of them.
constexpr size_t kChunkBytes = 1 << 20;
constexpr size_t kQueueDepth = 4;

/// The producer/consumer hand-off: bounded, so a slow server makes the generator wait.
class ChunkQueue {
 public:
  bool push(std::string chunk) {
    std::unique_lock lock(mutex_);
    space_.wait(lock, [&] { return chunks_.size() < kQueueDepth || stopped_; });
    if (stopped_) return false;
    chunks_.push_back(std::move(chunk));
    ready_.notify_one();
    return true;
  }
  /// False when the producer is done and the queue is empty.
  bool pop(std::string& chunk) {
    std::unique_lock lock(mutex_);
    ready_.wait(lock, [&] { return !chunks_.empty() || done_; });
    if (chunks_.empty()) return false;
    chunk = std::move(chunks_.front());
    chunks_.pop_front();
    space_.notify_one();
    return true;
  }
  void finish(std::exception_ptr error = nullptr) {
    std::lock_guard lock(mutex_);
    done_ = true;
    error_ = error;
    ready_.notify_all();
  }
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
  std::deque<std::string> chunks_;
  bool done_ = false, stopped_ = false;
  std::exception_ptr error_;
};

void produce(TableGenerator& generator, long long rows, ChunkQueue& queue) {
  try {
    std::string chunk;
    chunk.reserve(kChunkBytes + 4096);
    for (long long i = 0; i < rows; ++i) {
      generator.append_row(chunk);
      if (chunk.size() < kChunkBytes) continue;
      if (!queue.push(std::move(chunk))) return queue.finish();
      chunk = std::string();
      chunk.reserve(kChunkBytes + 4096);
    }
    if (!chunk.empty() && !queue.push(std::move(chunk))) return queue.finish();
    queue.finish();
  } catch (...) {
    queue.finish(std::current_exception());
  }
}

class ParentKeys {
 public:
  explicit ParentKeys(pg::Connection& connection) : connection_(connection) {}
  std::shared_ptr<const std::vector<std::string>> operator()(const catalog::QualifiedName& table,
                                                              const std::vector<std::string>& columns) {
    const auto key = std::make_pair(table, columns);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    std::string list, not_null;
    for (const auto& c : columns) {
      list += (list.empty() ? "" : ", ") + connection_.quote_identifier(c) + "::text";
      not_null += (not_null.empty() ? "" : " AND ") + connection_.quote_identifier(c) + " IS NOT NULL";
    }
    std::string by;
    for (size_t i = 1; i <= columns.size(); ++i) by += (i > 1 ? ", " : "") + std::to_string(i);
    const auto result = connection_.exec(fmt::format("SELECT {} FROM {}.{} WHERE {} ORDER BY {}", list,
                                                     connection_.quote_identifier(table.schema),
                                                     connection_.quote_identifier(table.name), not_null, by));
    auto values = std::make_shared<std::vector<std::string>>();
    values->reserve(static_cast<size_t>(result.rows()) * columns.size());
    for (int r = 0; r < result.rows(); ++r)
      for (int c = 0; c < result.columns(); ++c) values->emplace_back(result.value(r, c));
    return cache_[key] = values;
  }
  /// A table just loaded: its keys are read again when a child needs them.
  void forget(const catalog::QualifiedName& table) {
    std::erase_if(cache_, [&](const auto& entry) { return entry.first.first == table; });
  }

 private:
  pg::Connection& connection_;
  std::map<std::pair<catalog::QualifiedName, std::vector<std::string>>, std::shared_ptr<const std::vector<std::string>>> cache_;
};

long long stream_table(pg::Connection& connection, const TablePlan& table, TableGenerator& generator, std::FILE* progress) {
  std::string columns;
  for (const auto& c : generator.copy_columns()) columns += (columns.empty() ? "" : ", ") + connection.quote_identifier(c);
  pg::CopyWriter copy(connection, fmt::format("COPY {}.{} ({}) FROM STDIN", connection.quote_identifier(table.name.schema),
                                              connection.quote_identifier(table.name.name), columns));
  ChunkQueue queue;
  std::thread producer([&] { produce(generator, table.rows, queue); });
  try {
    std::string chunk;
    const auto start = std::chrono::steady_clock::now();
    auto last_draw = start;
    long long sent_rows = 0;
    while (queue.pop(chunk)) {
      if (interrupted()) throw Error(ErrorKind::kInterrupted, "interrupted while loading " + table.name.display());
      copy.write(chunk);
      sent_rows += std::count(chunk.begin(), chunk.end(), '\n');
      const auto now = std::chrono::steady_clock::now();
      if (progress && now - last_draw > std::chrono::milliseconds(200)) {
        last_draw = now;
        const double seconds = std::chrono::duration<double>(now - start).count();
        fmt::print(progress, "\r  {}: {}/{} rows ({:.0f} rows/s)\x1b[K", table.name.display(), sent_rows, table.rows,
                   static_cast<double>(sent_rows) / seconds);
        std::fflush(progress);
      }
    }
    if (progress && last_draw != start) fmt::print(progress, "\r\x1b[K");
    if (auto error = queue.error()) std::rethrow_exception(error);
    const long long rows = copy.finish();
    producer.join();
    return rows;
  } catch (...) {
    queue.stop();
    producer.join();
    copy.abort("pgcertify: load abandoned");
    throw;
  }
}
}  // namespace

void rehearse(const DataPlan& plan, long long sample_rows) {
  // Distinct stand-ins for parent keys, so unique keys over foreign keys can be met here too.
  KeySource placeholders = [](const catalog::QualifiedName&, const std::vector<std::string>& columns) {
    auto keys = std::make_shared<std::vector<std::string>>();
    for (int i = 0; i < 10000; ++i)
      for (size_t c = 0; c < columns.size(); ++c) keys->push_back(std::to_string(i));
    return std::shared_ptr<const std::vector<std::string>>(std::move(keys));
  };
  for (const auto& table : plan.tables) {
    TableGenerator generator(table, plan.seed, plan.now, placeholders);
    std::string sink;
    for (long long i = 0; i < std::min(table.rows, sample_rows); ++i) {
      generator.append_row(sink);
      sink.clear();
    }
  }
}

namespace {
/// Drops what a deferred load rebuilds; returns false (and drops nothing) unless the table is empty.
bool drop_for_deferred_load(pg::Connection& connection, const TablePlan& table) {
  if (table.secondary_indexes.empty() && table.foreign_key_definitions.empty() && table.key_definitions.empty()) return false;
  const std::string name = connection.quote_identifier(table.name.schema) + "." + connection.quote_identifier(table.name.name);
  if (connection.exec("SELECT EXISTS (SELECT 1 FROM " + name + ")").value(0, 0) == "t") return false;
  for (const auto& [constraint, definition] : table.foreign_key_definitions)
    connection.exec_simple("ALTER TABLE " + name + " DROP CONSTRAINT " + connection.quote_identifier(constraint));
  for (const auto& [index, definition] : table.secondary_indexes)
    connection.exec_simple("DROP INDEX " + connection.quote_identifier(table.name.schema) + "." + connection.quote_identifier(index));
  for (const auto& [constraint, definition] : table.key_definitions)
    connection.exec_simple("ALTER TABLE " + name + " DROP CONSTRAINT " + connection.quote_identifier(constraint));
  return true;
}

void rebuild_after_deferred_load(pg::Connection& connection, const TablePlan& table) {
  const std::string name = connection.quote_identifier(table.name.schema) + "." + connection.quote_identifier(table.name.name);
  for (const auto& [constraint, definition] : table.key_definitions)
    connection.exec_simple("ALTER TABLE " + name + " ADD CONSTRAINT " + connection.quote_identifier(constraint) + " " + definition);
  for (const auto& [index, definition] : table.secondary_indexes) connection.exec_simple(definition);
  for (const auto& [constraint, definition] : table.foreign_key_definitions)
    connection.exec_simple("ALTER TABLE " + name + " ADD CONSTRAINT " + connection.quote_identifier(constraint) + " " + definition);
}
}  // namespace

std::vector<TableLoad> load_data(pg::Connection& connection, const DataPlan& plan, const LoadOptions& options,
                                 const std::function<void(const TableLoad&)>& on_table) {
  ParentKeys keys(connection);
  KeySource source = [&keys](const catalog::QualifiedName& t, const std::vector<std::string>& c) { return keys(t, c); };
  std::vector<TableLoad> loads;
  for (const auto& table : plan.tables) {
    const auto start = std::chrono::steady_clock::now();
    connection.exec_simple("BEGIN");
    try {
      TableGenerator generator(table, plan.seed, plan.now, source);
      const bool deferred = options.defer_indexes && drop_for_deferred_load(connection, table);
      const long long rows = stream_table(connection, table, generator, options.progress);
      if (deferred) rebuild_after_deferred_load(connection, table);
      connection.exec_simple("COMMIT");
      keys.forget(table.name);
      loads.push_back({table.name.display(), rows, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                       deferred});
      if (on_table) on_table(loads.back());
    } catch (const Error& e) {
      if (connection.ok() && connection.in_transaction()) {
        try {
          connection.exec_simple("ROLLBACK");
        } catch (...) {
        }
      }
      if (e.kind != ErrorKind::kSql) throw;
      Error out(ErrorKind::kTarget, fmt::format("setup.data: loading {} failed (nothing of it was kept): {}", table.name.display(), e.what()));
      out.sqlstate = e.sqlstate, out.detail = e.detail, out.hint = e.hint;
      throw out;
    }
  }
  return loads;
}

}  // namespace pgcertify::datagen
