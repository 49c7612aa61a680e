// `function`: one function's or procedure's signature, result, language, volatility,
// strictness, SECURITY DEFINER and search_path setting.

#include <fmt/format.h>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/schema/schema_compare.hpp"
#include "checks/schema/schema_options.hpp"
#include "checks/schema/security_facts.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"signature", "schema",   "kind",      "returns",          "language",
                                        "volatility", "strict", "security_definer", "search_path",
                                        "owner",      "grants", "comment",          "exact"};

struct FunctionSpec {
  catalog::QualifiedName name;
  std::optional<std::vector<std::string>> argument_types;
  std::string written;
  std::optional<std::string> kind, returns, language, volatility;
  std::optional<bool> strict, security_definer;
  std::optional<std::optional<std::vector<std::string>>> search_path;  // set to nullopt: "must not be set"
  PostureSpec posture;
  bool exact = false;  // a comment the plan does not mention must not exist
};

std::vector<std::string> path_items(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& part : split(text, ',')) {
    std::string item = trim(part);
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

FunctionSpec read_spec(const plan::Node& options) {
  FunctionSpec spec;
  const plan::Node sig_node = options.is_scalar() ? options : options.require("signature");
  if (!options.is_scalar()) {
    options.require_map("function options (signature, returns, language, volatility, …)");
    options.check_keys(kKeys);
  }
  const std::string schema = options.is_scalar() ? kDefaultSchema : read_default_schema(options);
  spec.written = sig_node.as_string("a signature like name(integer, text)");
  auto sig = catalog::parse_signature(spec.written);
  auto name = sig ? catalog::parse_qualified_name(sig->name, schema) : std::nullopt;
  if (!name) throw sig_node.error("expected a signature like 'name(integer, text)', got '" + spec.written + "'");
  spec.name = *name;
  spec.argument_types = sig->argument_types;
  if (spec.argument_types)
    for (const auto& t : *spec.argument_types)
      if (!plausible_type_name(t)) throw sig_node.error("expected argument types like integer or text, got '" + t + "'");
  if (options.is_scalar()) return spec;
  if (auto k = options.get("kind")) spec.kind = read_choice(*k, {"function", "procedure", "aggregate", "window"}, "a kind");
  if (auto r = options.get("returns")) spec.returns = trim(r->as_string("a result type"));
  if (auto l = options.get("language")) spec.language = to_lower(trim(l->as_string("a language")));
  if (auto v = options.get("volatility")) spec.volatility = read_choice(*v, {"immutable", "stable", "volatile"}, "a volatility");
  if (auto s = options.get("strict")) spec.strict = s->as_bool();
  if (auto s = options.get("security_definer")) spec.security_definer = s->as_bool();
  if (auto p = options.get("search_path")) {
    if (p->is_null()) spec.search_path = std::optional<std::vector<std::string>>();
    else if (p->is_sequence()) spec.search_path = p->as_string_list("a list of schemas");
    else spec.search_path = path_items(p->as_string("a search_path like 'public, pg_temp'"));
  }
  spec.posture = read_posture(options);
  if (auto e = options.get("exact")) spec.exact = e->as_bool();
  return spec;
}

/// "SETOF integer" -> ("SETOF ", "integer"); a type with no prefix -> ("", type).
std::pair<std::string, std::string> split_setof(const std::string& text) {
  if (starts_with_ci(text, "setof ")) return {"SETOF ", trim(std::string_view(text).substr(6))};
  return {"", text};
}

bool same_result(const std::string& want, const std::string& have, const Spellings& sp) {
  if (catalog::squeeze_spaces(to_lower(want)) == catalog::squeeze_spaces(to_lower(have))) return true;
  const auto [want_prefix, want_type] = split_setof(want);
  const auto [have_prefix, have_type] = split_setof(have);
  if (want_prefix != have_prefix || !plausible_type_name(want_type)) return false;
  return sp.same_bare_type(want_type, have_type);
}

bool matches(const FunctionSpec& want, const catalog::Function& have, const Spellings& sp) {
  if (!want.argument_types) return true;
  const auto args = catalog::split_top_level(have.argument_types);
  if (args.size() != want.argument_types->size()) return false;
  for (size_t i = 0; i < args.size(); ++i)
    if (!sp.same_bare_type((*want.argument_types)[i], args[i])) return false;
  return true;
}

std::vector<std::string> compare(const FunctionSpec& want, const catalog::Function& have, const Spellings& sp) {
  std::vector<std::string> out;
  auto differ = [&](std::string_view what, const std::string& expected, const std::string& actual) {
    out.push_back(fmt::format("{} expected {}, actual {}", what, expected, actual.empty() ? "none" : actual));
  };
  if (want.kind && *want.kind != have.kind) differ("kind", *want.kind, have.kind);
  if (want.returns && !same_result(*want.returns, have.result, sp)) differ("returns", *want.returns, have.result);
  if (want.language && *want.language != have.language) differ("language", *want.language, have.language);
  if (want.volatility && *want.volatility != have.volatility) differ("volatility", *want.volatility, have.volatility);
  if (want.strict && *want.strict != have.strict) differ("strict", fmt::format("{}", *want.strict), fmt::format("{}", have.strict));
  if (want.security_definer && *want.security_definer != have.security_definer)
    differ("security definer", fmt::format("{}", *want.security_definer), fmt::format("{}", have.security_definer));
  if (want.search_path) {
    const auto actual = have.search_path ? std::optional(path_items(*have.search_path)) : std::nullopt;
    if (*want.search_path != actual) {
      auto show = [](const std::optional<std::vector<std::string>>& p) {
        if (!p) return std::string("not set");
        std::string s;
        for (const auto& i : *p) s += (s.empty() ? "" : ", ") + i;
        return s;
      };
      differ("search_path", show(*want.search_path), show(actual));
    }
  }
  compare_posture(want.posture, have.owner, have.grants, have.comment, want.exact, out);
  return out;
}

class FunctionCheck final : public Check {
 public:
  explicit FunctionCheck(const plan::Node& options) : spec_(read_spec(options)) {}

  std::string default_name() const override { return "function " + spec_.written; }

  std::vector<Outcome> run(Context& context) const override {
    const catalog::Catalog& catalog = context.catalog();
    const auto overloads = catalog.functions_named(spec_.name);
    const catalog::Function* found = nullptr;
    size_t candidates = 0;
    auto differences = compare_with_server(context, std::nullopt, [&](const Spellings& sp) {
      found = nullptr;
      candidates = 0;
      for (const auto* f : overloads)
        if (matches(spec_, *f, sp)) found = (++candidates, f);
      return found ? compare(spec_, *found, sp) : std::vector<std::string>{};
    });
    const std::string subject = "function " + spec_.written;
    if (!found) {
      std::string actual;
      for (const auto* f : overloads) actual += (actual.empty() ? "" : ", ") + f->signature();
      return {Outcome::fail(subject + ": missing" + (actual.empty() ? "" : "; the overloads are " + actual))};
    }
    if (candidates > 1)
      return {Outcome::fail(subject + ": " + std::to_string(candidates) + " overloads; give the argument types")};
    return {differences_outcome(subject, differences, found->signature() + " matches the plan")};
  }

 private:
  FunctionSpec spec_;
};
}  // namespace

CheckKind function_kind() {
  return {"function", "a function's signature, result, language, volatility, security and search_path",
          [](const plan::Node& options) -> std::unique_ptr<Check> { return std::make_unique<FunctionCheck>(options); }};
}

}  // namespace pgcertify::checks
