#include "init/plan_writer.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <set>

#include "catalog/identifiers.hpp"

namespace pgcertify::init {
namespace {
using catalog::ConstraintKind;
using catalog::quote_if_needed;

void emit_list(YAML::Emitter& out, const std::vector<std::string>& items) {
  out << YAML::Flow << YAML::BeginSeq;
  for (const auto& i : items) out << i;
  out << YAML::EndSeq;
}

std::vector<std::string> quoted(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& n : names) out.push_back(quote_if_needed(n));
  return out;
}

/// The run's choices: which schemas, which roles.
struct Scope {
  std::vector<std::string> schemas;
  std::vector<std::string> unpinned;
  bool all_roles = false;
  bool has(const std::string& schema) const { return std::find(schemas.begin(), schemas.end(), schema) != schemas.end(); }
  bool has(const catalog::QualifiedName& n) const { return has(n.schema); }
};

void emit_grants(YAML::Emitter& out, const catalog::Grants& grants) {
  out << YAML::Key << "grants" << YAML::Value << YAML::Flow << YAML::BeginMap;
  for (const auto& [grantee, privileges] : grants) {
    out << YAML::Key << grantee << YAML::Value;
    emit_list(out, privileges);
  }
  out << YAML::EndMap;
}

void emit_comment(YAML::Emitter& out, const std::optional<std::string>& comment) {
  if (comment) out << YAML::Key << "comment" << YAML::Value << *comment;
}

/// owner, grants and comment: the posture every object carries.
void emit_posture(YAML::Emitter& out, const std::string& owner, const catalog::Grants& grants,
                  const std::optional<std::string>& comment) {
  if (!owner.empty()) out << YAML::Key << "owner" << YAML::Value << owner;
  emit_grants(out, grants);
  emit_comment(out, comment);
}

void emit_schemas(YAML::Emitter& out, const catalog::Catalog& c, const Scope& scope) {
  out << YAML::Key << "schemas" << YAML::Value << YAML::BeginMap;
  for (const auto& n : c.namespaces) {
    if (!scope.has(n.name)) continue;
    out << YAML::Key << quote_if_needed(n.name) << YAML::Value << YAML::Flow << YAML::BeginMap;
    emit_posture(out, n.owner, n.grants, n.comment);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  if (scope.unpinned.empty()) return;
  out << YAML::Key << "unpinned_schemas" << YAML::Value;
  emit_list(out, quoted(scope.unpinned));
}

void emit_sequences(YAML::Emitter& out, const catalog::Catalog& c, const Scope& scope) {
  out << YAML::Key << "sequences" << YAML::Value << YAML::BeginMap;
  for (const auto& s : c.sequences) {
    if (!scope.has(s.name)) continue;
    out << YAML::Key << s.name.display() << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value << s.type << YAML::Key << "start" << YAML::Value << s.start;
    out << YAML::Key << "increment" << YAML::Value << s.increment << YAML::Key << "min" << YAML::Value << s.min;
    out << YAML::Key << "max" << YAML::Value << s.max << YAML::Key << "cache" << YAML::Value << s.cache;
    out << YAML::Key << "cycle" << YAML::Value << s.cycle;
    emit_posture(out, s.owner, s.grants, std::nullopt);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_types(YAML::Emitter& out, const catalog::Catalog& c, const Scope& scope) {
  out << YAML::Key << "enums" << YAML::Value << YAML::BeginMap;
  for (const auto& e : c.enums) {
    if (!scope.has(e.name)) continue;
    out << YAML::Key << e.name.display() << YAML::Value;
    emit_list(out, e.labels);
  }
  out << YAML::EndMap << YAML::Key << "domains" << YAML::Value << YAML::BeginMap;
  for (const auto& d : c.domains) {
    if (!scope.has(d.name)) continue;
    out << YAML::Key << d.name.display() << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value << d.type << YAML::Key << "not_null" << YAML::Value << d.not_null;
    out << YAML::Key << "default" << YAML::Value;
    if (d.default_expression) out << *d.default_expression;
    else out << YAML::Null;
    out << YAML::Key << "checks" << YAML::Value;
    emit_list(out, d.checks);
    out << YAML::Key << "owner" << YAML::Value << d.owner << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_roles(YAML::Emitter& out, const catalog::Catalog& c, const Scope& scope) {
  const std::set<std::string> mentioned = c.mentioned_roles(scope.schemas);
  out << YAML::Key << "roles" << YAML::Value << YAML::BeginMap;
  for (const auto& r : c.roles) {
    if (!scope.all_roles && !mentioned.count(r.name)) continue;
    out << YAML::Key << r.name << YAML::Value << YAML::Flow << YAML::BeginMap;
    const std::pair<const char*, bool> flags[] = {{"login", r.login},         {"superuser", r.superuser},
                                                  {"createrole", r.create_role}, {"createdb", r.create_db},
                                                  {"bypassrls", r.bypass_rls}, {"inherit", r.inherit},
                                                  {"replication", r.replication}};
    for (const auto& [key, value] : flags) out << YAML::Key << key << YAML::Value << value;
    out << YAML::Key << "connection_limit" << YAML::Value << r.connection_limit;
    if (r.has_password) out << YAML::Key << "has_password" << YAML::Value << *r.has_password;
    std::vector<std::string> member_of;
    for (const auto& g : r.member_of) {
      const bool admin = std::find(r.admin_of.begin(), r.admin_of.end(), g) != r.admin_of.end();
      member_of.push_back(admin ? g + " with admin option" : g);
    }
    out << YAML::Key << "member_of" << YAML::Value;
    emit_list(out, member_of);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
  if (scope.all_roles) out << YAML::Key << "role_scope" << YAML::Value << "all";
}

void emit_objects(YAML::Emitter& out, const catalog::Catalog& c, const Scope& scope) {
  std::vector<std::string> tables, views, matviews, functions;
  for (const auto& r : c.relations) {
    if (r.from_extension || !scope.has(r.name)) continue;
    if (r.is_table()) tables.push_back(r.name.display());
    if (r.kind == catalog::RelationKind::kView) views.push_back(r.name.display());
    if (r.kind == catalog::RelationKind::kMaterializedView) matviews.push_back(r.name.display());
  }
  for (const auto& f : c.functions)
    if (!f.from_extension && scope.has(f.name)) functions.push_back(f.signature());
  std::map<std::string, std::vector<std::string>> triggers;
  for (const auto& t : c.triggers)
    if (!t.inherited && scope.has(t.table)) triggers[t.table.display()].push_back(quote_if_needed(t.name));

  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "every object, and no others";
  out << YAML::Key << "objects" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "schema" << YAML::Value;
  emit_list(out, quoted(scope.schemas));
  out << YAML::Key << "exact" << YAML::Value << true;
  emit_schemas(out, c, scope);
  const std::pair<const char*, const std::vector<std::string>*> lists[] = {
      {"tables", &tables}, {"views", &views}, {"materialized_views", &matviews}, {"functions", &functions}};
  for (const auto& [key, items] : lists) {
    out << YAML::Key << key << YAML::Value;
    emit_list(out, *items);
  }
  emit_sequences(out, c, scope);
  emit_types(out, c, scope);
  out << YAML::Key << "triggers" << YAML::Value << YAML::BeginMap;
  for (const auto& [table, names] : triggers) {
    out << YAML::Key << table << YAML::Value;
    emit_list(out, names);
  }
  out << YAML::EndMap << YAML::Key << "extensions" << YAML::Value << YAML::BeginMap;
  for (const auto& e : c.extensions) out << YAML::Key << e.name << YAML::Value << e.version;
  out << YAML::EndMap;
  emit_roles(out, c, scope);
  out << YAML::EndMap << YAML::EndMap;
}

void emit_columns(YAML::Emitter& out, const catalog::Relation& r) {
  out << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
  for (const auto& col : r.columns) {
    out << YAML::Key << quote_if_needed(col.name) << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "type" << YAML::Value << col.type;
    out << YAML::Key << "not_null" << YAML::Value << col.not_null;
    out << YAML::Key << "default" << YAML::Value;
    if (col.default_expression) out << *col.default_expression;
    else out << YAML::Null;
    if (!col.identity.empty()) out << YAML::Key << "identity" << YAML::Value << col.identity;
    if (col.generated_expression) out << YAML::Key << "generated" << YAML::Value << *col.generated_expression;
    if (!col.collation.empty()) out << YAML::Key << "collation" << YAML::Value << col.collation;
    if (!col.grants.empty()) emit_grants(out, col.grants);
    emit_comment(out, col.comment);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_constraints(YAML::Emitter& out, const catalog::Relation& r) {
  const catalog::Constraint* pk = r.primary_key();
  out << YAML::Key << "primary_key" << YAML::Value;
  emit_list(out, pk ? quoted(pk->columns) : std::vector<std::string>{});
  out << YAML::Key << "unique" << YAML::Value << YAML::Flow << YAML::BeginSeq;
  for (const auto& c : r.constraints)
    if (c.kind == ConstraintKind::kUnique) emit_list(out, quoted(c.columns));
  out << YAML::EndSeq << YAML::Key << "foreign_keys" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : r.constraints) {
    if (c.kind != ConstraintKind::kForeignKey) continue;
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << quote_if_needed(c.name);
    out << YAML::Key << "columns" << YAML::Value;
    emit_list(out, quoted(c.columns));
    std::string ref = c.references.display() + "(";
    for (size_t i = 0; i < c.referenced_columns.size(); ++i) ref += (i ? ", " : "") + quote_if_needed(c.referenced_columns[i]);
    out << YAML::Key << "references" << YAML::Value << ref + ")";
    out << YAML::Key << "on_delete" << YAML::Value << c.on_delete << YAML::Key << "on_update" << YAML::Value << c.on_update;
    out << YAML::Key << "deferrable" << YAML::Value << c.deferrable << YAML::EndMap;
  }
  out << YAML::EndSeq << YAML::Key << "checks" << YAML::Value << YAML::BeginSeq;
  for (const auto& c : r.constraints)
    if (c.kind == ConstraintKind::kCheck) out << c.expression;
  out << YAML::EndSeq;
}

void emit_indexes(YAML::Emitter& out, const catalog::Relation& r) {
  out << YAML::Key << "indexes" << YAML::Value << YAML::BeginSeq;
  for (const auto& i : r.indexes) {
    if (!i.constraint.empty()) continue;  // pinned as the primary key or unique constraint
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << quote_if_needed(i.name);
    out << YAML::Key << "columns" << YAML::Value;
    emit_list(out, i.keys);
    if (!i.include.empty()) {
      out << YAML::Key << "include" << YAML::Value;
      emit_list(out, i.include);
    }
    if (i.predicate) out << YAML::Key << "where" << YAML::Value << *i.predicate;
    out << YAML::Key << "unique" << YAML::Value << i.unique << YAML::Key << "method" << YAML::Value << i.method;
    out << YAML::Key << "definition" << YAML::Value << i.definition;
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

void emit_policies(YAML::Emitter& out, const catalog::Catalog& c, const catalog::Relation& r) {
  out << YAML::Key << "policies" << YAML::Value << YAML::BeginMap;
  for (const auto& p : c.policies) {
    if (p.table != r.name) continue;
    out << YAML::Key << quote_if_needed(p.name) << YAML::Value << YAML::Flow << YAML::BeginMap;
    out << YAML::Key << "command" << YAML::Value << p.command << YAML::Key << "permissive" << YAML::Value << p.permissive;
    out << YAML::Key << "roles" << YAML::Value;
    emit_list(out, p.roles);
    out << YAML::Key << "using" << YAML::Value;
    if (p.using_expression) out << *p.using_expression;
    else out << YAML::Null;
    out << YAML::Key << "with_check" << YAML::Value;
    if (p.check_expression) out << *p.check_expression;
    else out << YAML::Null;
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

void emit_table(YAML::Emitter& out, const catalog::Catalog& c, const catalog::Relation& r) {
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "table " + r.name.display();
  out << YAML::Key << "table" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << r.name.display() << YAML::Key << "exact" << YAML::Value << true;
  emit_columns(out, r);
  emit_constraints(out, r);
  emit_indexes(out, r);
  if (r.partitioning) {
    out << YAML::Key << "partitioning" << YAML::Value << YAML::BeginMap;
    out << YAML::Key << "strategy" << YAML::Value << r.partitioning->strategy << YAML::Key << "key" << YAML::Value;
    emit_list(out, r.partitioning->key);
    std::vector<std::string> parts;
    for (const auto& p : r.partitions) parts.push_back(p.display());
    out << YAML::Key << "partitions" << YAML::Value;
    emit_list(out, parts);
    out << YAML::EndMap;
  }
  out << YAML::Key << "rls" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "enabled" << YAML::Value
      << r.rls_enabled << YAML::Key << "forced" << YAML::Value << r.rls_forced << YAML::EndMap;
  emit_policies(out, c, r);
  emit_posture(out, r.owner, r.grants, r.comment);
  out << YAML::EndMap << YAML::EndMap;
}

void emit_view(YAML::Emitter& out, const catalog::Relation& r) {
  out << YAML::BeginMap << YAML::Key << "view" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << r.name.display();
  out << YAML::Key << "materialized" << YAML::Value << (r.kind == catalog::RelationKind::kMaterializedView);
  out << YAML::Key << "exact" << YAML::Value << true << YAML::Key << "columns" << YAML::Value << YAML::BeginMap;
  for (const auto& col : r.columns) out << YAML::Key << quote_if_needed(col.name) << YAML::Value << col.type;
  out << YAML::EndMap;
  emit_posture(out, r.owner, r.grants, r.comment);
  out << YAML::EndMap << YAML::EndMap;
}

void emit_function(YAML::Emitter& out, const catalog::Function& f) {
  out << YAML::BeginMap << YAML::Key << "function" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "signature" << YAML::Value << f.signature() << YAML::Key << "kind" << YAML::Value << f.kind;
  if (!f.result.empty()) out << YAML::Key << "returns" << YAML::Value << f.result;
  out << YAML::Key << "language" << YAML::Value << f.language << YAML::Key << "volatility" << YAML::Value << f.volatility;
  out << YAML::Key << "strict" << YAML::Value << f.strict << YAML::Key << "security_definer" << YAML::Value << f.security_definer;
  out << YAML::Key << "search_path" << YAML::Value;
  if (f.search_path) out << *f.search_path;
  else out << YAML::Null;
  out << YAML::Key << "exact" << YAML::Value << true;
  emit_posture(out, f.owner, f.grants, f.comment);
  out << YAML::EndMap << YAML::EndMap;
}

void emit_trigger(YAML::Emitter& out, const catalog::Trigger& t) {
  out << YAML::BeginMap << YAML::Key << "trigger" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "name" << YAML::Value << quote_if_needed(t.name) << YAML::Key << "table" << YAML::Value << t.table.display();
  out << YAML::Key << "timing" << YAML::Value << t.timing << YAML::Key << "events" << YAML::Value;
  emit_list(out, t.events);
  out << YAML::Key << "level" << YAML::Value << t.level << YAML::Key << "function" << YAML::Value << t.function.display();
  out << YAML::Key << "enabled" << YAML::Value << t.enabled << YAML::EndMap << YAML::EndMap;
}
}  // namespace

std::vector<std::string> default_schemas(const catalog::Catalog& c) {
  std::vector<std::string> out;
  for (const auto& n : c.namespaces)
    if (!n.from_extension) out.push_back(n.name);
  return out;
}

std::string write_plan(const catalog::Catalog& c, const PlanOptions& options) {
  const Scope scope{options.schemas.empty() ? c.loaded_schemas : options.schemas, options.unpinned_schemas,
                    options.all_roles};
  YAML::Emitter out;
  out.SetBoolFormat(YAML::TrueFalseBool);
  out.SetNullFormat(YAML::LowerNull);
  out << YAML::Comment("Written by pgcertify init from " + options.source +
                       ". It pins the schema as it is now: run it with `pgcertify run PLAN --dsn URL`.");
  out << YAML::BeginMap << YAML::Key << "plan" << YAML::Value << options.title;
  out << YAML::Key << "suites" << YAML::Value << YAML::BeginSeq;
  out << YAML::BeginMap << YAML::Key << "name" << YAML::Value << "Schema" << YAML::Key << "checks" << YAML::Value
      << YAML::BeginSeq;
  emit_objects(out, c, scope);
  for (const auto& r : c.relations) {
    if (r.from_extension || !scope.has(r.name)) continue;
    if (r.is_table()) emit_table(out, c, r);
    else if (r.kind == catalog::RelationKind::kView || r.kind == catalog::RelationKind::kMaterializedView) emit_view(out, r);
  }
  for (const auto& f : c.functions)
    if (!f.from_extension && scope.has(f.name)) emit_function(out, f);
  for (const auto& t : c.triggers)
    if (!t.inherited && scope.has(t.table)) emit_trigger(out, t);
  out << YAML::EndSeq << YAML::EndMap << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace pgcertify::init
