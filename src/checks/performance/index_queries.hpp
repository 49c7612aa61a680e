#pragma once
// The catalog queries of `index_health`: one statement per finding kind over all the tables
// at once (never one per index), each returning rows shaped as a Candidate.

#include <string>
#include <vector>

#include "checks/performance/index_health_options.hpp"
#include "checks/session.hpp"

namespace pgcertify::checks {

/// The tables a check covers, resolved to oids once, and the names that matched nothing.
struct TableScope {
  std::string oids;  // an oid[] literal, "{16384,16390}", for the queries' $1
  size_t count = 0;
  std::vector<std::string> missing;
};

/// Every ordinary (or partitioned) table of `schema`, or the tables named, each `name` in
/// `schema` or `other_schema.name`.
TableScope resolve_tables(Transaction& tx, const IndexHealthOptions& options);

/// What the queries for `kind` return for the tables in scope, ordered by table and name.
std::vector<Candidate> find_candidates(Transaction& tx, FindingKind kind, const TableScope& scope);

/// A text[] literal for a query parameter: {"a","b \"c\""}.
std::string text_array_literal(const std::vector<std::string>& values);

}  // namespace pgcertify::checks
