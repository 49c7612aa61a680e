// `objects`: named schemas, tables, views, materialized views, functions, triggers, sequences,
// extensions and roles exist; with `exact: true`, no others of a listed category exist.

#include <fmt/format.h>

#include <set>

#include "catalog/identifiers.hpp"
#include "checks/registry.hpp"
#include "checks/schema/object_facts.hpp"
#include "checks/schema/schema_compare.hpp"
#include "checks/schema/schema_options.hpp"
#include "common/strings.hpp"

namespace pgcertify::checks {
namespace {
using catalog::QualifiedName;
using Lines = std::vector<std::string>;

const std::vector<std::string> kKeys = {"schema",     "exact",      "schemas",          "tables",     "views",
                                        "materialized_views", "functions", "triggers", "sequences", "extensions",
                                        "roles",      "role_scope", "unpinned_schemas", "enums",      "domains"};

struct FunctionName {
  QualifiedName name;
  std::optional<std::vector<std::string>> argument_types;  // absent: any overload
  std::string written;
};

struct ObjectsSpec {
  std::vector<std::string> scope;  // schemas; the first holds unqualified names
  bool exact = false;
  ObjectFacts facts;  // schemas, roles, enums, domains, sequence parameters
  std::optional<std::map<std::string, std::optional<std::string>>> extension_versions;
  std::optional<std::vector<QualifiedName>> tables, views, materialized_views, sequences;
  std::optional<std::vector<FunctionName>> functions;
  std::optional<std::vector<std::pair<QualifiedName, std::string>>> triggers;  // (table, trigger)
};

std::vector<QualifiedName> read_names(const plan::Node& node, const std::string& schema, std::string_view what) {
  std::vector<QualifiedName> out;
  const auto items = node.is_sequence() ? node.items() : std::vector<plan::Node>{node};
  for (const auto& item : items) out.push_back(read_qualified_name(item, schema, what));
  return out;
}

std::vector<FunctionName> read_functions(const plan::Node& node, const std::string& schema) {
  std::vector<FunctionName> out;
  const auto items = node.is_sequence() ? node.items() : std::vector<plan::Node>{node};
  for (const auto& item : items) {
    const std::string text = item.as_string("a function like name(integer, text)");
    auto sig = catalog::parse_signature(text);
    auto name = sig ? catalog::parse_qualified_name(sig->name, schema) : std::nullopt;
    if (!name) throw item.error("expected a function like 'name', 'name(integer, text)' or 'schema.name()', got '" + text + "'");
    if (sig->argument_types)
      for (const auto& t : *sig->argument_types)
        if (!plausible_type_name(t)) throw item.error("expected argument types like integer or text, got '" + t + "'");
    out.push_back({*name, sig->argument_types, text});
  }
  return out;
}

void read_extensions(const plan::Node& node, ObjectsSpec& spec) {
  spec.extension_versions.emplace();
  if (node.is_map()) {
    for (const auto& [key, value] : node.entries())
      (*spec.extension_versions)[key.as_string("an extension name")] =
          value.is_null() ? std::nullopt : std::optional(value.as_string("a version"));
    return;
  }
  for (const auto& name : node.as_string_list("a list of extension names")) (*spec.extension_versions)[name] = std::nullopt;
}

ObjectsSpec read_spec(const plan::Node& options) {
  options.require_map("objects options (tables, views, functions, … and exact)");
  options.check_keys(kKeys);
  ObjectsSpec spec;
  spec.scope = {kDefaultSchema};
  if (auto s = options.get("schema")) spec.scope = read_identifier_list(*s, "a schema name or a list of them");
  if (spec.scope.empty()) throw options.require("schema").error("expected at least one schema");
  const std::string& schema = spec.scope.front();
  if (auto e = options.get("exact")) spec.exact = e->as_bool();
  if (auto n = options.get("tables")) spec.tables = read_names(*n, schema, "a table name");
  if (auto n = options.get("views")) spec.views = read_names(*n, schema, "a view name");
  if (auto n = options.get("materialized_views")) spec.materialized_views = read_names(*n, schema, "a materialized view name");
  if (auto n = options.get("sequences")) {
    if (!n->is_map()) spec.sequences = read_names(*n, schema, "a sequence name");
    else {
      spec.sequences.emplace();
      for (const auto& [key, value] : n->entries()) spec.sequences->push_back(read_qualified_name(key, schema, "a sequence name"));
    }
  }
  if (auto n = options.get("functions")) spec.functions = read_functions(*n, schema);
  if (auto n = options.get("extensions")) read_extensions(*n, spec);
  if (auto n = options.get("triggers")) {
    n->require_map("triggers by table, like {classrooms: [set_updated_at]}");
    spec.triggers.emplace();
    for (const auto& [table, names] : n->entries()) {
      const QualifiedName t = read_qualified_name(table, schema, "a table name");
      for (const auto& trigger : read_identifier_list(names, "a list of trigger names")) spec.triggers->emplace_back(t, trigger);
    }
  }
  spec.facts = read_object_facts(options, schema);
  return spec;
}

bool is_table(const catalog::Relation& r) { return r.is_table(); }
bool is_view(const catalog::Relation& r) { return r.kind == catalog::RelationKind::kView; }
bool is_materialized_view(const catalog::Relation& r) { return r.kind == catalog::RelationKind::kMaterializedView; }

std::vector<std::string> argument_list(const std::string& argument_types) {
  return catalog::split_top_level(argument_types);
}

class ObjectsComparison {
 public:
  ObjectsComparison(const ObjectsSpec& spec, const catalog::Catalog& catalog, const Spellings& spellings)
      : spec_(spec), catalog_(catalog), sp_(spellings) {}

  Lines run() {
    relations(spec_.tables, "table", is_table);
    relations(spec_.views, "view", is_view);
    relations(spec_.materialized_views, "materialized view", is_materialized_view);
    functions();
    triggers();
    sequences();
    extensions();
    for (auto& line : compare_object_facts(spec_.facts, catalog_, spec_.scope, spec_.exact)) out_.push_back(std::move(line));
    return std::move(out_);
  }

 private:
  bool in_scope(const QualifiedName& n) const {
    return std::find(spec_.scope.begin(), spec_.scope.end(), n.schema) != spec_.scope.end();
  }

  void relations(const std::optional<std::vector<QualifiedName>>& wanted, std::string_view what,
                 bool (*keep)(const catalog::Relation&)) {
    if (!wanted) return;
    for (const auto& w : *wanted) {
      const catalog::Relation* r = catalog_.relation(w);
      if (r && keep(*r)) continue;
      if (r) {
        out_.push_back(fmt::format("{} {}: is a {}", what, w.display(), catalog::relation_kind_name(r->kind)));
        continue;
      }
      out_.push_back(fmt::format("{} {}: missing{}", what, w.display(),
                                 did_you_mean(w.name, relation_names(catalog_, w.schema, keep))));
    }
    if (!spec_.exact) return;
    const std::set<QualifiedName> listed(wanted->begin(), wanted->end());
    for (const auto& r : catalog_.relations)
      if (keep(r) && in_scope(r.name) && !r.from_extension && !listed.count(r.name))
        out_.push_back(fmt::format("{} {}: not in the plan", what, r.name.display()));
  }

  bool matches(const FunctionName& want, const catalog::Function& have) const {
    if (!want.argument_types) return true;
    const auto args = argument_list(have.argument_types);
    if (args.size() != want.argument_types->size()) return false;
    for (size_t i = 0; i < args.size(); ++i)
      if (!sp_.same_bare_type((*want.argument_types)[i], args[i])) return false;
    return true;
  }

  void functions() {
    if (!spec_.functions) return;
    std::set<const catalog::Function*> matched;
    for (const auto& want : *spec_.functions) {
      const auto overloads = catalog_.functions_named(want.name);
      bool found = false;
      for (const auto* f : overloads)
        if (matches(want, *f)) found = matched.insert(f).second || true;
      if (found) continue;
      std::string actual;
      for (const auto* f : overloads) actual += (actual.empty() ? "" : ", ") + f->signature();
      out_.push_back(fmt::format("function {}: missing{}", want.written,
                                 actual.empty() ? "" : "; the overloads are " + actual));
    }
    if (!spec_.exact) return;
    for (const auto& f : catalog_.functions)
      if (in_scope(f.name) && !f.from_extension && !matched.count(&f))
        out_.push_back(fmt::format("{} {}: not in the plan", f.kind, f.signature()));
  }

  void triggers() {
    if (!spec_.triggers) return;
    std::set<std::pair<QualifiedName, std::string>> listed;
    for (const auto& [table, name] : *spec_.triggers) {
      listed.emplace(table, name);
      if (!catalog_.trigger(table, name)) out_.push_back(fmt::format("trigger {} on {}: missing", name, table.display()));
    }
    if (!spec_.exact) return;
    for (const auto& t : catalog_.triggers)
      if (in_scope(t.table) && !t.inherited && !listed.count({t.table, t.name}))
        out_.push_back(fmt::format("trigger {} on {}: not in the plan", t.name, t.table.display()));
  }

  void sequences() {
    if (!spec_.sequences) return;
    const std::set<QualifiedName> listed(spec_.sequences->begin(), spec_.sequences->end());
    for (const auto& w : listed)
      if (!catalog_.sequence(w)) out_.push_back(fmt::format("sequence {}: missing", w.display()));
    if (!spec_.exact) return;
    for (const auto& s : catalog_.sequences)
      if (in_scope(s.name) && !listed.count(s.name)) out_.push_back(fmt::format("sequence {}: not in the plan", s.name.display()));
  }

  void extensions() {
    if (!spec_.extension_versions) return;
    for (const auto& [name, version] : *spec_.extension_versions) {
      const catalog::Extension* e = catalog_.extension(name);
      if (!e) out_.push_back(fmt::format("extension {}: missing", name));
      else if (version && *version != e->version)
        out_.push_back(fmt::format("extension {}: version expected {}, actual {}", name, *version, e->version));
    }
    if (!spec_.exact) return;
    for (const auto& e : catalog_.extensions)
      if (!spec_.extension_versions->count(e.name)) out_.push_back(fmt::format("extension {}: not in the plan", e.name));
  }

  const ObjectsSpec& spec_;
  const catalog::Catalog& catalog_;
  const Spellings& sp_;
  Lines out_;
};

size_t listed_count(const ObjectsSpec& s) {
  auto n = [](const auto& v) { return v ? v->size() : 0; };
  return n(s.facts.schemas) + n(s.tables) + n(s.views) + n(s.materialized_views) + n(s.functions) + n(s.triggers) +
         n(s.sequences) + n(s.extension_versions) + n(s.facts.roles) + n(s.facts.enums) + n(s.facts.domains);
}

class ObjectsCheck final : public Check {
 public:
  explicit ObjectsCheck(const plan::Node& options) : spec_(read_spec(options)) {}

  std::string default_name() const override {
    return fmt::format("{} objects{}", listed_count(spec_), spec_.exact ? " (exact)" : "");
  }

  std::vector<Outcome> run(Context& context) const override {
    const catalog::Catalog& catalog = context.catalog();
    const auto differences = compare_with_server(context, std::nullopt, [&](const Spellings& spellings) {
      return ObjectsComparison(spec_, catalog, spellings).run();
    });
    std::string scope;
    for (const auto& s : spec_.scope) scope += (scope.empty() ? "" : ", ") + s;
    bool passwords_unread = false;
    if (spec_.facts.roles)
      for (const auto& r : *spec_.facts.roles)
        if (r.has_password && catalog.role(r.name) && !catalog.role(r.name)->has_password) passwords_unread = true;
    return {differences_outcome("objects in " + scope, differences,
                                fmt::format("all {} listed objects exist{}{}", listed_count(spec_),
                                            spec_.exact ? " and there are no others" : "",
                                            passwords_unread ? "; role passwords not checked (pg_authid needs superuser)"
                                                             : ""))};
  }

 private:
  ObjectsSpec spec_;
};
}  // namespace

CheckKind objects_kind() {
  return {"objects", "named schemas, tables, functions, roles, enums, … exist with their owners, grants and attributes; with exact: true, no others",
          [](const plan::Node& options) -> std::unique_ptr<Check> { return std::make_unique<ObjectsCheck>(options); }};
}

}  // namespace pgcertify::checks
