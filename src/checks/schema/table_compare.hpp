#pragma once
// A `table` check's comparison: the plan's TableSpec against the catalog's Relation. Pure:
// what the server says about spellings comes in through Spellings.

#include <string>
#include <vector>

#include "catalog/catalog.hpp"
#include "checks/schema/spellings.hpp"
#include "checks/schema/table_spec.hpp"

namespace pgcertify::checks {

/// Every difference, one line each ("column grade_level: type expected integer, actual
/// smallint"), in plan order; empty when the table matches.
/// `catalog` supplies the table's policies.
std::vector<std::string> compare_table(const TableSpec& spec, const catalog::Relation& table,
                                       const catalog::Catalog& catalog, const Spellings& spellings);

/// The parts of compare_table that live in index_compare.cpp.
void compare_indexes(const TableSpec& spec, const catalog::Relation& table, const Spellings& spellings,
                     std::vector<std::string>& out);
void compare_partitioning(const TableSpec& spec, const catalog::Relation& table, const Spellings& spellings,
                          std::vector<std::string>& out);

}  // namespace pgcertify::checks
