#include "load/builtins.hpp"

#include <fmt/format.h>

#include "common/error.hpp"

namespace pgcertify::load {
namespace {
// The scripts pgbench documents for its built-ins; :scale is the number of branches.
constexpr BuiltinScript kBuiltins[] = {
    {"tpcb-like", "<builtin: TPC-B (sort of)>",
     R"(\set aid random(1, 100000 * :scale)
\set bid random(1, 1 * :scale)
\set tid random(1, 10 * :scale)
\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
UPDATE pgbench_tellers SET tbalance = tbalance + :delta WHERE tid = :tid;
UPDATE pgbench_branches SET bbalance = bbalance + :delta WHERE bid = :bid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
END;
)"},
    {"simple-update", "<builtin: simple update>",
     R"(\set aid random(1, 100000 * :scale)
\set bid random(1, 1 * :scale)
\set tid random(1, 10 * :scale)
\set delta random(-5000, 5000)
BEGIN;
UPDATE pgbench_accounts SET abalance = abalance + :delta WHERE aid = :aid;
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
INSERT INTO pgbench_history (tid, bid, aid, delta, mtime) VALUES (:tid, :bid, :aid, :delta, CURRENT_TIMESTAMP);
END;
)"},
    {"select-only", "<builtin: select only>",
     R"(\set aid random(1, 100000 * :scale)
SELECT abalance FROM pgbench_accounts WHERE aid = :aid;
)"},
};
}  // namespace

const BuiltinScript& find_builtin(std::string_view name) {
  const BuiltinScript* found = nullptr;
  for (const auto& b : kBuiltins) {
    if (b.name == name) return b;
    if (b.name.substr(0, name.size()) == name) {
      if (found) throw Error(ErrorKind::kUsage, fmt::format("ambiguous builtin name \"{}\"", name));
      found = &b;
    }
  }
  if (!found)
    throw Error(ErrorKind::kUsage, fmt::format("no builtin script found for name \"{}\" (available: tpcb-like, simple-update, select-only)", name));
  return *found;
}

std::vector<std::string> builtin_names() {
  std::vector<std::string> names;
  for (const auto& b : kBuiltins) names.emplace_back(b.name);
  return names;
}

}  // namespace pgcertify::load
