// Planning without a database: a hand-built catalog snapshot in, generators and order out.

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <memory>

#include "common/error.hpp"
#include "datagen/data_plan.hpp"

namespace pgcertify::datagen {
namespace {
using catalog::ConstraintKind;

catalog::Column column(std::string name, std::string type, bool not_null = true) {
  catalog::Column c;
  c.name = std::move(name), c.type = std::move(type), c.not_null = not_null;
  return c;
}

catalog::Constraint constraint(std::string name, ConstraintKind kind, std::vector<std::string> columns,
                               std::string references = {}, std::string expression = {}) {
  catalog::Constraint c;
  c.name = std::move(name), c.kind = kind, c.columns = std::move(columns), c.expression = std::move(expression);
  if (!references.empty()) c.references = {"public", references}, c.referenced_columns = {"id"};
  return c;
}

catalog::Relation table(std::string name, std::vector<catalog::Column> columns, std::vector<catalog::Constraint> constraints) {
  catalog::Relation r;
  r.name = {"public", std::move(name)};
  r.columns = std::move(columns);
  for (size_t i = 0; i < r.columns.size(); ++i) r.columns[i].number = static_cast<int>(i + 1);
  r.constraints = std::move(constraints);
  return r;
}

plan::DataSetup setup(const std::string& yaml) {
  auto source = std::make_shared<plan::SourceText>(plan::SourceText{"plan.yaml", yaml});
  plan::Node root(YAML::Load(yaml), source);
  plan::DataSetup out;
  for (const auto& [name, spec] : root.entries()) {
    plan::DataTable t;
    t.name = name.as_string();
    t.rows = spec.require("rows").as_integer();
    if (auto cols = spec.get("columns"))
      for (const auto& [k, v] : cols->entries()) t.columns.emplace_back(k, v);
    out.tables.push_back(std::move(t));
  }
  return out;
}

class DataPlanTest : public ::testing::Test {
 protected:
  void add(catalog::Relation r) { catalog_.relations.push_back(std::move(r)); }
  DataPlan plan(const std::string& yaml) {
    catalog_.build_index();
    return plan_data(catalog_, setup(yaml), {}, 1'700'000'000);
  }
  std::string error_of(const std::string& yaml) {
    try {
      plan(yaml);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
  catalog::Catalog catalog_;
};

TEST_F(DataPlanTest, DefaultsFollowChecksKeysAndTypes) {
  add(table("classrooms",
            {column("id", "uuid"), column("code", "character varying(8)"), column("grade", "integer"),
             column("seats", "integer"), column("note", "text", false), column("room_no", "integer")},
            {constraint("classrooms_pkey", ConstraintKind::kPrimaryKey, {"id"}),
             constraint("code_key", ConstraintKind::kUnique, {"code"}),
             constraint("code_check", ConstraintKind::kCheck, {"code"}, {}, "((code)::text ~ '^[A-Z0-9]{6,8}$'::text)"),
             constraint("grade_check", ConstraintKind::kCheck, {"grade"}, {}, "((grade >= 4) AND (grade <= 6))"),
             constraint("seats_check", ConstraintKind::kCheck, {"seats"}, {}, "(seats > 0)"),
             constraint("room_key", ConstraintKind::kUnique, {"room_no"})}));
  const DataPlan p = plan("{classrooms: {rows: 50}}");
  ASSERT_EQ(p.tables.size(), 1u);
  const auto& cols = p.tables[0].columns;
  EXPECT_EQ(cols[0].spec.describe(), "uuid, unique");
  EXPECT_EQ(cols[1].spec.describe(), "regex '^[A-Z0-9]{6,8}$', unique");
  EXPECT_EQ(cols[1].spec.why, "CHECK code_check");
  EXPECT_EQ(cols[2].spec.describe(), "uniform [4, 6]");
  EXPECT_EQ(cols[3].spec.describe(), "uniform [1, 1001]");
  EXPECT_EQ(cols[4].spec.describe(), "text 1-4 words, null_fraction 0.1");
  EXPECT_EQ(cols[5].spec.describe(), "sequence, unique");
  ASSERT_EQ(p.tables[0].uniques.size(), 1u);  // the code; uuid and sequence need no bookkeeping
  EXPECT_EQ(p.tables[0].uniques[0].constraint, "UNIQUE (code)");
  EXPECT_EQ(p.tables[0].checks.size(), 3u);
}

TEST_F(DataPlanTest, ParentsFirstSelfReferenceAndCyclesBrokenAtANullableKey) {
  add(table("kids", {column("id", "uuid"), column("parent_id", "uuid")},
            {constraint("kids_parent_fkey", ConstraintKind::kForeignKey, {"parent_id"}, "parents")}));
  add(table("parents", {column("id", "uuid"), column("mentor_id", "uuid", false), column("favourite_kid", "uuid", false)},
            {constraint("parents_mentor_fkey", ConstraintKind::kForeignKey, {"mentor_id"}, "parents"),
             constraint("parents_kid_fkey", ConstraintKind::kForeignKey, {"favourite_kid"}, "kids")}));
  const DataPlan p = plan("{kids: {rows: 10}, parents: {rows: 5}}");
  ASSERT_EQ(p.tables.size(), 2u);
  EXPECT_EQ(p.tables[0].name.name, "parents");
  EXPECT_EQ(p.tables[1].name.name, "kids");
  EXPECT_EQ(p.tables[0].columns[1].spec.why, "self-reference parents_mentor_fkey: NULL");
  EXPECT_EQ(p.tables[0].columns[2].spec.why, "foreign key parents_kid_fkey closes a cycle: NULL");
  EXPECT_EQ(p.tables[1].columns[1].spec.describe(), "ref public.parents.id");
  ASSERT_EQ(p.notes.size(), 2u);
}

TEST_F(DataPlanTest, ACycleOfNotNullKeysIsReported) {
  add(table("a", {column("id", "uuid"), column("b_id", "uuid")}, {constraint("a_b", ConstraintKind::kForeignKey, {"b_id"}, "b")}));
  add(table("b", {column("id", "uuid"), column("a_id", "uuid")}, {constraint("b_a", ConstraintKind::kForeignKey, {"a_id"}, "a")}));
  EXPECT_EQ(error_of("{a: {rows: 1}, b: {rows: 1}}"), "setup.data: the foreign keys of public.a, public.b form a cycle of NOT NULL columns");
}

TEST_F(DataPlanTest, UnsatisfiableGeneratorsAreNamedWithTableColumnAndConstraint) {
  add(table("t", {column("id", "integer"), column("kind", "text"), column("g", "integer")},
            {constraint("t_pkey", ConstraintKind::kPrimaryKey, {"id"}),
             constraint("g_check", ConstraintKind::kCheck, {"g"}, {}, "((g >= 1) AND (g <= 3))")}));
  EXPECT_EQ(error_of("{t: {rows: 10, columns: {kind: {one_of: [a, b], unique: true}}}}"),
            "setup.data: public.t.kind: UNIQUE (kind) needs 10 distinct values, but the generators can produce only 2");
  EXPECT_EQ(error_of("{t: {rows: 10, columns: {id: uuid}}}"), "setup.data: public.t.id: generator 'uuid' cannot produce values of type integer");
  EXPECT_EQ(error_of("{nope: {rows: 1}}"), "setup.data: no table 'nope' in the database");
}

}  // namespace
}  // namespace pgcertify::datagen
