// The schema kinds without a database: option errors at file:line:col, the type-name guard,
// and the table comparison with the server's answers given as data.

#include <gtest/gtest.h>

#include "checks/normaliser.hpp"
#include "checks/registry.hpp"
#include "checks/schema/table_compare.hpp"
#include "checks/schema/object_facts.hpp"
#include "checks/schema/security_facts.hpp"
#include "checks/schema/table_spec.hpp"
#include "common/error.hpp"

namespace pgcertify::checks {
namespace {

plan::Node node(const std::string& yaml) {
  auto source = std::make_shared<plan::SourceText>(plan::SourceText{"t.yaml", yaml});
  return plan::Node(YAML::Load(yaml), source);
}

std::string plan_error(const std::string& kind, const std::string& yaml) {
  try {
    find_kind(kind)->make(node(yaml));
  } catch (const Error& e) {
    return e.where.to_string() + ": " + e.what();
  }
  return "no error";
}

TEST(SchemaKinds, OptionErrorsNameTheirPosition) {
  EXPECT_EQ(plan_error("table", "name: t\ncolumns: {a: {typ: int}}"), "t.yaml:2:15: unknown key 'typ' (did you mean 'type'?)");
  EXPECT_EQ(plan_error("table", "name: t\ncolumns: {a: \"int; DROP TABLE t\"}"),
            "t.yaml:2:14: expected a type name like integer, varchar(255) or numeric(10,2)[], got 'int; DROP TABLE t'");
  EXPECT_EQ(plan_error("table", "name: t\nindexes: [{columns: [a], method: btre}]"),
            "t.yaml:2:34: expected an index method: one of btree, hash, gist, gin, brin, spgist; got 'btre' (did you mean 'btree'?)");
  EXPECT_EQ(plan_error("table", "name: t\nforeign_keys: [{columns: [a], references: 'b(('}]"),
            "t.yaml:2:43: expected a table and its columns, like facilitators(id), got 'b(('");
  EXPECT_EQ(plan_error("table", "columns: [a]"), "t.yaml:1:1: missing required key 'name'");
  EXPECT_EQ(plan_error("objects", "tabels: [a]"), "t.yaml:1:1: unknown key 'tabels' (did you mean 'tables'?)");
  EXPECT_EQ(plan_error("objects", "functions: ['f(int, (select 1))']"),
            "t.yaml:1:13: expected argument types like integer or text, got '(select 1)'");
  EXPECT_EQ(plan_error("function", "signature: f(int\n"), "t.yaml:1:12: expected a signature like 'name(integer, text)', got 'f(int'");
  EXPECT_EQ(plan_error("trigger", "name: t\ntable: x\ntiming: afterwards"),
            "t.yaml:3:9: expected a timing: one of before, after, instead of; got 'afterwards'");
  EXPECT_EQ(plan_error("view", "name: v\ncolumns: {a: 'int) , pg_sleep(1'}"),
            "t.yaml:2:14: expected a type name like integer or text, got 'int) , pg_sleep(1'");
}

TEST(SchemaKinds, OnlyTypeNamesPassTheGuard) {
  for (const char* ok : {"integer", "varchar(255)", "numeric(10, 2)", "timestamp(3) with time zone", "int[]",
                         "public.mood", "\"My Type\"", "character varying(8)[3]"})
    EXPECT_TRUE(plausible_type_name(ok)) << ok;
  for (const char* bad : {"", "int, pg_sleep(1)", "int; drop", "int) FROM x --", "f(g(1))", "text COLLATE \"C\" || 'x'",
                          "'x'", "\"open"})
    EXPECT_FALSE(plausible_type_name(bad)) << bad;
}

catalog::Relation sample_table() {
  catalog::Relation t;
  t.name = {"public", "classrooms"};
  t.columns = {{"id", 1, "uuid", true, "gen_random_uuid()", "", {}, "", {}, {}},
               {"grade_level", 2, "integer", true, {}, "", {}, "", {}, {}},
               {"notes", 3, "text", false, {}, "", {}, "", {}, {}}};
  catalog::Constraint check;
  check.name = "classrooms_grade_level_check";
  check.kind = catalog::ConstraintKind::kCheck;
  check.expression = "grade_level >= 4 AND grade_level <= 6";
  t.constraints.push_back(check);
  catalog::Index partial;
  partial.name = "idx_active";
  partial.keys = {"grade_level"};
  partial.predicate = "notes IS NOT NULL";
  partial.method = "btree";
  t.indexes.push_back(partial);
  return t;
}

TEST(TableCompare, UsesTheServersAnswersAndListsEveryDifference) {
  // What the server would say: int4 is integer; BETWEEN deparses like the catalog's check.
  std::map<std::string, Normalised> types = {{"int4", {"integer", "integer", ""}}, {"int2", {"smallint", "smallint", ""}}};
  std::map<Normaliser::Expression, Normalised> exprs = {
      {{"grade_level BETWEEN 4 AND 6", ""}, {"((grade_level >= 4) AND (grade_level <= 6))", "", ""}},
      {{"grade_level >= 4 AND grade_level <= 6", ""}, {"((grade_level >= 4) AND (grade_level <= 6))", "", ""}},
      {{"notes <> ''", ""}, {"(notes <> ''::text)", "", ""}},
      {{"notes IS NOT NULL", ""}, {"(notes IS NOT NULL)", "", ""}}};
  Spellings spellings([&](const std::string& t) { return types.count(t) ? &types.at(t) : nullptr; },
                      [&](const Normaliser::Expression& e) { return exprs.count(e) ? &exprs.at(e) : nullptr; });
  const TableSpec spec = read_table_spec(node(
      "name: classrooms\nexact: true\ncolumns: {id: uuid, grade_level: {type: int4, not_null: false}}\n"
      "checks: ['grade_level BETWEEN 4 AND 6']\nindexes: [{columns: [grade_level], where: \"notes <> ''\"}]"));
  EXPECT_EQ(compare_table(spec, sample_table(), catalog::Catalog{}, spellings),
            (std::vector<std::string>{"column grade_level: expected nullable, actual NOT NULL",
                                      "column notes (text): not in the plan",
                                      "index on (grade_level) where notes <> '' (idx_active): where expected notes <> '', "
                                      "actual notes IS NOT NULL"}));
  EXPECT_TRUE(spellings.missing_types().empty());
  EXPECT_TRUE(spellings.missing_expressions().empty());
}

TEST(TableCompare, RecordsWhatItCouldNotDecideFromText) {
  Spellings nothing_known(nullptr, nullptr);
  const TableSpec spec = read_table_spec(node("name: classrooms\ncolumns: {grade_level: int4}\nchecks: ['grade_level > 3']"));
  const auto differences = compare_table(spec, sample_table(), catalog::Catalog{}, nothing_known);
  EXPECT_EQ(nothing_known.missing_types(), (std::set<std::string>{"int4"}));
  EXPECT_EQ(nothing_known.missing_expressions().size(), 2u);  // the plan's check and the catalog's
  EXPECT_EQ(differences.size(), 2u);
}

TEST(SecurityFacts, GrantsAreTheCompleteListPerGrantee) {
  const catalog::Grants want = read_grants(node("{app_ro: [select], public: [EXECUTE]}"));
  const catalog::Grants have = {{"app_ro", {"INSERT", "SELECT"}}, {"app_rw", {"SELECT WITH GRANT OPTION"}}};
  std::vector<std::string> out;
  compare_posture({.owner = "app_owner", .grants = want, .comment = std::nullopt}, "postgres", have, "secret", true, out);
  EXPECT_EQ(out, (std::vector<std::string>{"owner expected app_owner, actual postgres",
                                           "grant EXECUTE to PUBLIC: missing (revoked)",
                                           "grant INSERT to app_ro: not in the plan",
                                           "grant SELECT WITH GRANT OPTION to app_rw: not in the plan",
                                           "comment expected none, actual 'secret'"}));
}

TEST(SecurityFacts, PoliciesNameEveryChangedClause) {
  catalog::Catalog c;
  c.policies.push_back({{"app", "projects"}, "tenant_isolation", "all", true, {"app_rw"}, "true", std::nullopt});
  c.policies.push_back({{"app", "projects"}, "extra", "delete", true, {"public"}, "true", std::nullopt});
  const auto want = read_policies(node(
      "tenant_isolation: {command: all, permissive: false, roles: [app_rw, app_ro], using: \"(tenant_id = 1)\", with_check: null}"));
  Spellings same([](const std::string&) -> const Normalised* { return nullptr; },
                 [](const Normaliser::Expression&) -> const Normalised* { return nullptr; });
  std::vector<std::string> out;
  compare_policies(want, c, {"app", "projects"}, true, same, out);
  EXPECT_EQ(out, (std::vector<std::string>{"policy tenant_isolation: expected restrictive, actual permissive",
                                           "policy tenant_isolation: roles expected [app_ro, app_rw], actual [app_rw]",
                                           "policy tenant_isolation: USING expected (tenant_id = 1), actual true",
                                           "policy extra (delete, USING true): not in the plan"}));
}

TEST(ObjectFacts, RolesEnumsAndMembershipsWithAdminOption) {
  catalog::Catalog c;
  catalog::Role app;
  app.name = "app";
  app.login = false;
  app.member_of = {"rw", "ro"};
  app.admin_of = {"ro"};
  c.roles.push_back(app);
  c.enums.push_back({{"app", "status"}, {"todo", "done", "blocked"}, "owner"});
  const ObjectFacts facts = read_object_facts(
      node("roles: {app: {login: true, member_of: [rw with admin option, ro]}}\nenums: {app.status: [todo, done]}"), "public");
  EXPECT_EQ(compare_object_facts(facts, c, {"app"}, false),
            (std::vector<std::string>{"role app: login expected true, actual false",
                                      "role app: member of ro: missing (revoked)",
                                      "role app: member of rw with admin option: missing (revoked)",
                                      "role app: member of ro with admin option: not in the plan",
                                      "role app: member of rw: not in the plan",
                                      "enum app.status: labels expected ['todo', 'done'], actual ['todo', 'done', 'blocked']"}));
}

}  // namespace
}  // namespace pgcertify::checks
