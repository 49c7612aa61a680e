// `trigger`: one trigger's table, timing, events, level, function and whether it fires in
// ordinary sessions (ENABLE or ENABLE ALWAYS; not ENABLE REPLICA, not DISABLE).

#include <fmt/format.h>

#include <algorithm>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/schema/schema_compare.hpp"
#include "checks/schema/schema_options.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"name", "table", "schema", "timing", "events", "level", "function", "enabled"};

struct TriggerSpec {
  std::string name;
  catalog::QualifiedName table;
  std::optional<std::string> timing, level;
  std::optional<std::vector<std::string>> events;
  std::optional<catalog::QualifiedName> function;
  std::optional<bool> enabled;
};

TriggerSpec read_spec(const plan::Node& options) {
  options.require_map("trigger options (name, table, timing, events, level, function, enabled)");
  options.check_keys(kKeys);
  const std::string schema = read_default_schema(options);
  TriggerSpec spec;
  spec.name = read_identifier(options.require("name"), "a trigger name");
  spec.table = read_qualified_name(options.require("table"), schema, "a table name");
  if (auto t = options.get("timing")) spec.timing = read_choice(*t, {"before", "after", "instead of"}, "a timing");
  if (auto l = options.get("level")) spec.level = read_choice(*l, {"row", "statement"}, "a level");
  if (auto e = options.get("events")) {
    spec.events.emplace();
    const auto items = e->is_sequence() ? e->items() : std::vector<plan::Node>{*e};
    for (const auto& item : items) spec.events->push_back(read_choice(item, {"insert", "update", "delete", "truncate"}, "an event"));
    std::sort(spec.events->begin(), spec.events->end());
  }
  if (auto f = options.get("function")) {
    std::string text = f->as_string("a function name");
    if (text.size() > 2 && text.ends_with("()")) text.resize(text.size() - 2);
    auto name = catalog::parse_qualified_name(text, schema);
    if (!name) throw f->error("expected a function name like set_updated_at or schema.name, got '" + text + "'");
    spec.function = *name;
  }
  if (auto e = options.get("enabled")) spec.enabled = e->as_bool();
  return spec;
}

std::string joined(std::vector<std::string> items) {
  std::sort(items.begin(), items.end());
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

/// When the trigger fires, in a DBA's words: `enabled` means "fires in ordinary sessions".
std::string firing(std::string_view mode) {
  if (mode == "origin") return "in ordinary sessions, ENABLE";
  if (mode == "always") return "always, ENABLE ALWAYS";
  if (mode == "replica") return "replica only, ENABLE REPLICA";
  return "never, DISABLE";
}

std::vector<std::string> compare(const TriggerSpec& want, const catalog::Trigger& have) {
  std::vector<std::string> out;
  if (want.timing && *want.timing != have.timing)
    out.push_back(fmt::format("timing expected {}, actual {}", *want.timing, have.timing));
  if (want.events && joined(*want.events) != joined(have.events))
    out.push_back(fmt::format("events expected {}, actual {}", joined(*want.events), joined(have.events)));
  if (want.level && *want.level != have.level)
    out.push_back(fmt::format("level expected {}, actual {}", *want.level, have.level));
  if (want.function && *want.function != have.function)
    out.push_back(fmt::format("function expected {}, actual {}", want.function->display(), have.function.display()));
  if (want.enabled && *want.enabled != have.enabled)
    out.push_back(fmt::format("enabled expected {}, actual {} (fires: {})", *want.enabled, have.enabled, firing(have.firing)));
  return out;
}

class TriggerCheck final : public Check {
 public:
  explicit TriggerCheck(const plan::Node& options) : spec_(read_spec(options)) {}

  std::string default_name() const override { return "trigger " + spec_.name + " on " + spec_.table.display(); }

  std::vector<Outcome> run(Context& context) const override {
    const catalog::Catalog& catalog = context.catalog();
    const std::string subject = default_name();
    const catalog::Trigger* have = catalog.trigger(spec_.table, spec_.name);
    if (!have) {
      std::string on_table;
      for (const auto& t : catalog.triggers)
        if (t.table == spec_.table) on_table += (on_table.empty() ? "" : ", ") + t.name;
      return {Outcome::fail(subject + ": missing; the table's triggers are: " + (on_table.empty() ? "none" : on_table))};
    }
    return {differences_outcome(subject, compare(spec_, *have), have->definition)};
  }

 private:
  TriggerSpec spec_;
};
}  // namespace

CheckKind trigger_kind() {
  return {"trigger", "a trigger's table, timing, events, level, function and state",
          [](const plan::Node& options) -> std::unique_ptr<Check> { return std::make_unique<TriggerCheck>(options); }};
}

}  // namespace pgcertify::checks
