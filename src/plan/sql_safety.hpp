#pragma once
// Statements a check must never run: the safety model (design.md) holds a check's SQL inside a
// READ ONLY or always-rolled-back transaction, so anything that ends that transaction (COMMIT,
// END, PREPARE TRANSACTION, …), cannot run inside one (VACUUM, CREATE DATABASE, ALTER SYSTEM)
// or acts outside the database's rollback (COPY to/from a server file or program) is refused
// when the plan loads, found by PostgreSQL's own parser (libpg_query).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace pgcertify::plan {

struct UnsafeStatement {
  size_t offset = 0;    // 0-based byte offset of the statement's first token in the text
  std::string message;  // why it is refused, for a plan error
};

/// The first statement of `sql` a check must not run, if any. Text the parser cannot read
/// (a placeholder such as `:tenant`) is left to the server, which reports it when it runs.
std::optional<UnsafeStatement> find_unsafe_statement(std::string_view sql);

/// For SQL that runs in a session pgcertify made read-only (a `load` or `latency` check without
/// `writes: true`): the first statement that would make it writable again: BEGIN/START/SET
/// TRANSACTION … READ WRITE, SET SESSION CHARACTERISTICS … READ WRITE, SET of
/// default_transaction_read_only or transaction_read_only, any set_config() call, and DO blocks
/// (which could do either). A function or procedure that does so inside its body is not seen.
std::optional<UnsafeStatement> find_read_write_switch(std::string_view sql);

}  // namespace pgcertify::plan
