#include "datagen/fill.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include "catalog/load.hpp"
#include "datagen/binary_format.hpp"
#include "datagen/describe.hpp"

namespace pgcertify::datagen {

DataPlan prepare(pg::Connection& connection, const plan::DataSetup& setup, const DataOverrides& overrides) {
  const catalog::Catalog catalog = catalog::load_catalog(connection, {});
  DataPlan plan = plan_data(catalog, setup, overrides, today_utc());
  choose_copy_formats(connection, plan);
  rehearse(plan);
  return plan;
}

void print_load(std::FILE* out, const TableLoad& load) {
  if (!out) return;
  fmt::print(out, "  {}: {} rows in {:.2f} s ({:.0f} rows/s){}\n", load.table, load.rows, load.seconds,
             load.seconds > 0 ? static_cast<double>(load.rows) / load.seconds : 0.0,
             load.deferred ? "; indexes and foreign keys rebuilt after the rows" : "");
  std::fflush(out);
}

std::FILE* terminal_or_null(std::FILE* out) { return out && isatty(fileno(out)) ? out : nullptr; }

std::vector<TableLoad> fill(pg::Connection& connection, const plan::DataSetup& setup, std::FILE* out, LoadOptions options) {
  const DataPlan plan = prepare(connection, setup);
  if (out) fmt::print(out, "setup.data: seed {}, filling {}\n", plan.seed, load_order(plan));
  if (out) std::fflush(out);
  options.progress = terminal_or_null(out);
  return load_data(connection, plan, options, [out](const TableLoad& l) { print_load(out, l); });
}

}  // namespace pgcertify::datagen
