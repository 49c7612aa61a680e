#include "datagen/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <thread>

#include "common/interrupt.hpp"
#include "datagen/binary_encoding.hpp"
#include "datagen/chunk_queue.hpp"
#include "datagen/table_generator.hpp"
#include "pg/transaction.hpp"
#include "pg/copy_writer.hpp"

namespace pgcertify::datagen {
namespace {
/// Generates `rows` rows into the queue's buffers, binary COPY's header and trailer around them.
void produce(TableGenerator& generator, long long rows, bool binary, ChunkQueue& queue) {
  try {
    auto chunk = queue.acquire();
    if (chunk && binary) append_copy_header(chunk->data);
    for (long long i = 0; chunk && i < rows; ++i) {
      generator.append_row(chunk->data);
      ++chunk->rows;
      if (chunk->data.size() < ChunkQueue::kChunkBytes) continue;
      queue.submit(std::move(*chunk));
      chunk = queue.acquire();
    }
    if (chunk) {
      if (binary) append_copy_trailer(chunk->data);
      queue.submit(std::move(*chunk));
    }
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
  pg::CopyWriter copy(connection, fmt::format("COPY {}.{} ({}) FROM STDIN{}", connection.quote_identifier(table.name.schema),
                                              connection.quote_identifier(table.name.name), columns,
                                              table.binary_copy ? " (FORMAT binary)" : ""));
  ChunkQueue queue;
  std::thread producer([&] { produce(generator, table.rows, table.binary_copy, queue); });
  try {
    const auto start = std::chrono::steady_clock::now();
    auto last_draw = start;
    long long sent_rows = 0;
    while (auto chunk = queue.take()) {
      if (interrupted()) throw Error(ErrorKind::kInterrupted, "interrupted while loading " + table.name.display());
      copy.write(chunk->data);
      sent_rows += chunk->rows;
      queue.release(std::move(*chunk));
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
  for (TablePlan table : plan.tables) {
    // The stand-ins are not keys of the parent's type: their columns are encoded as text here.
    for (auto& column : table.columns)
      if (column.foreign_key >= 0) column.binary = BinaryFormat::kText;
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

/// triggers: skip. Inside the table's load transaction, so no other session ever sees them off.
void set_insert_triggers(pg::Connection& connection, const TablePlan& table, bool enabled) {
  const std::string name = connection.quote_identifier(table.name.schema) + "." + connection.quote_identifier(table.name.name);
  for (const auto& trigger : table.insert_triggers)
    connection.exec_simple("ALTER TABLE " + name + (enabled ? " ENABLE" : " DISABLE") + " TRIGGER " +
                           connection.quote_identifier(trigger));
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
    try {
      pg::Transaction load(connection, pg::TransactionKind::kCommitOnSuccess);
      TableGenerator generator(table, plan.seed, plan.now, source);
      const bool deferred = options.defer_indexes && drop_for_deferred_load(connection, table);
      if (plan.skip_triggers) set_insert_triggers(connection, table, false);
      const long long rows = stream_table(connection, table, generator, options.progress);
      if (plan.skip_triggers) set_insert_triggers(connection, table, true);
      if (deferred) rebuild_after_deferred_load(connection, table);
      load.commit();
      keys.forget(table.name);
      loads.push_back({table.name.display(), rows, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
                       deferred});
      if (on_table) on_table(loads.back());
    } catch (const Error& e) {
      if (e.kind != ErrorKind::kSql) throw;
      throw e.as(ErrorKind::kTarget,
                 fmt::format("setup.data: loading {} failed (nothing of it was kept): {}", table.name.display(), e.what()));
    }
  }
  return loads;
}

}  // namespace pgcertify::datagen
