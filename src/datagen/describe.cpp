#include "datagen/describe.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace pgcertify::datagen {

std::string load_order(const DataPlan& plan) {
  std::string out;
  for (const auto& t : plan.tables) out += fmt::format("{}{} ({} rows)", out.empty() ? "" : ", ", t.name.display(), t.rows);
  return out;
}

std::string describe_plan(const DataPlan& plan) {
  std::string out = fmt::format("seed {}; load order: {}\n", plan.seed, load_order(plan));
  for (size_t i = 0; i < plan.tables.size(); ++i) {
    const TablePlan& t = plan.tables[i];
    out += fmt::format("\n{}. {}: {} rows, {}\n", i + 1, t.name.display(), t.rows,
                       t.binary_copy                  ? std::string("binary COPY")
                       : t.text_copy_reason.empty() ? std::string("text COPY")
                                                    : "text COPY because " + t.text_copy_reason);
    size_t width = 0;
    for (const auto& c : t.columns) width = std::max(width, c.name.size());
    for (const auto& c : t.columns) {
      const std::string what = c.omitted ? "(left to the server)" : c.spec.describe();
      out += fmt::format("   {:<{}}  {:<40}  why: {}\n", c.name, width, what, c.spec.why);
    }
    for (const auto& u : t.uniques) out += fmt::format("   kept unique: {}\n", u.constraint);
    for (const auto& c : t.checks) out += fmt::format("   every row passes: CHECK {}\n", c.constraint);
    if (!t.insert_triggers.empty())
      out += fmt::format("   insert triggers {}: {}\n", plan.skip_triggers ? "disabled during the load (triggers: skip)" : "fire on every row",
                         fmt::join(t.insert_triggers, ", "));
  }
  for (const auto& note : plan.notes) out += "note: " + note + "\n";
  return out;
}

}  // namespace pgcertify::datagen
