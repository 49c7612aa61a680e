// load_catalog against a real server: what it reads, and that it reads it safely.

#include <gtest/gtest.h>

#include "catalog/load.hpp"
#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {

class CatalogTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    sql(R"sql(
      CREATE SCHEMA app;
      CREATE TABLE app.parents (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), code varchar(8) NOT NULL UNIQUE);
      CREATE TABLE app.kids (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        parent_id uuid REFERENCES app.parents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
        grade int CHECK (grade BETWEEN 4 AND 6),
        name text COLLATE "C",
        twice int GENERATED ALWAYS AS (grade * 2) STORED);
      CREATE INDEX kids_partial ON app.kids USING btree (parent_id) INCLUDE (name) WHERE grade = 5;
      CREATE INDEX kids_name_gin ON app.kids USING gin (to_tsvector('simple', name));
      CREATE TABLE app.events (id int, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE app.events_2025 PARTITION OF app.events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      ALTER TABLE app.kids ENABLE ROW LEVEL SECURITY;
      ALTER TABLE app.kids FORCE ROW LEVEL SECURITY;
      CREATE POLICY kids_by_grade ON app.kids FOR SELECT USING (grade = 5);
      CREATE VIEW app.kid_names AS SELECT id, name FROM app.kids;
      CREATE MATERIALIZED VIEW app.grade_counts AS SELECT grade, count(*) AS n FROM app.kids GROUP BY grade;
      CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = app, pg_temp
        AS $$ BEGIN RETURN NEW; END $$;
      CREATE TRIGGER kids_touch BEFORE INSERT OR UPDATE ON app.kids FOR EACH ROW EXECUTE FUNCTION app.touch();
      CREATE SEQUENCE app.tickets START 100 INCREMENT 5;
    )sql");
  }
};

TEST_F(CatalogTest, ReadsEveryKindOfObject) {
  const std::vector<std::string> schemas = {"app"};
  const catalog::Catalog c = catalog::load_catalog(admin(), schemas);
  const catalog::Relation* kids = c.relation({"app", "kids"});
  ASSERT_NE(kids, nullptr);
  EXPECT_TRUE(kids->rls_enabled);
  EXPECT_TRUE(kids->rls_forced);
  ASSERT_NE(kids->column("id"), nullptr);
  EXPECT_EQ(kids->column("id")->type, "bigint");
  EXPECT_EQ(kids->column("id")->identity, "always");
  EXPECT_EQ(kids->column("twice")->generated_expression.value_or(""), "(grade * 2)");
  EXPECT_EQ(kids->column("name")->collation, "C");
  const catalog::Relation* parents = c.relation({"app", "parents"});
  EXPECT_EQ(parents->column("code")->type, "character varying(8)");
  EXPECT_EQ(parents->column("id")->default_expression.value_or(""), "gen_random_uuid()");

  const catalog::Constraint* fk = kids->constraint("kids_parent_id_fkey");
  ASSERT_NE(fk, nullptr);
  EXPECT_EQ(fk->references.display(), "app.parents");
  EXPECT_EQ(fk->on_delete, "cascade");
  EXPECT_EQ(fk->on_update, "no action");
  EXPECT_TRUE(fk->deferrable);
  EXPECT_TRUE(fk->initially_deferred);
  EXPECT_EQ(kids->constraint("kids_grade_check")->expression, "grade >= 4 AND grade <= 6");

  const catalog::Index* partial = kids->index("kids_partial");
  ASSERT_NE(partial, nullptr);
  EXPECT_EQ(partial->keys, std::vector<std::string>{"parent_id"});
  EXPECT_EQ(partial->include, std::vector<std::string>{"name"});
  EXPECT_EQ(partial->predicate.value_or(""), "grade = 5");
  EXPECT_EQ(kids->index("kids_name_gin")->method, "gin");
  EXPECT_EQ(kids->index("kids_pkey")->constraint, "kids_pkey");

  const catalog::Relation* events = c.relation({"app", "events"});
  ASSERT_TRUE(events->partitioning.has_value());
  EXPECT_EQ(events->partitioning->strategy, "range");
  EXPECT_EQ(events->partitioning->key, std::vector<std::string>{"at"});
  ASSERT_EQ(events->partitions.size(), 1u);
  EXPECT_EQ(events->partitions[0].name, "events_2025");

  EXPECT_EQ(c.relation({"app", "grade_counts"})->kind, catalog::RelationKind::kMaterializedView);
  EXPECT_EQ(c.relation({"app", "kid_names"})->columns.size(), 2u);
  const auto touch = c.functions_named({"app", "touch"});
  ASSERT_EQ(touch.size(), 1u);
  EXPECT_TRUE(touch[0]->security_definer);
  EXPECT_EQ(touch[0]->search_path.value_or(""), "app, pg_temp");
  EXPECT_EQ(touch[0]->result, "trigger");
  const catalog::Trigger* trigger = c.trigger({"app", "kids"}, "kids_touch");
  ASSERT_NE(trigger, nullptr);
  EXPECT_EQ(trigger->timing, "before");
  EXPECT_EQ(trigger->events, (std::vector<std::string>{"insert", "update"}));
  EXPECT_EQ(trigger->level, "row");
  EXPECT_EQ(c.sequence({"app", "tickets"})->increment, 5);
  ASSERT_EQ(c.policies.size(), 1u);
  EXPECT_EQ(c.policies[0].command, "select");
  EXPECT_NE(c.extension("plpgsql"), nullptr);
  EXPECT_NE(c.role("postgres"), nullptr);
  EXPECT_EQ(c.relation({"public", "kids"}), nullptr);  // only app was asked for
}

TEST_F(CatalogTest, ReadsInsideReadOnlyTransactionTakingOnlyAccessShareLocks) {
  auto& conn = admin();
  conn.exec_simple("BEGIN READ ONLY");
  const catalog::Catalog c = catalog::load_catalog(conn, {});
  EXPECT_NE(c.relation({"app", "kids"}), nullptr);
  const pg::Result locks = conn.exec(
      "SELECT DISTINCT mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' ORDER BY 1");
  ASSERT_GE(locks.rows(), 1);
  for (int i = 0; i < locks.rows(); ++i) EXPECT_EQ(locks.value(i, 0), "AccessShareLock");
  EXPECT_EQ(scalar("SELECT 1"), "1");
  conn.exec_simple("ROLLBACK");
}

TEST_F(CatalogTest, OpensItsOwnReadOnlyTransactionAndLeavesNoneOpen) {
  auto& conn = admin();
  const catalog::Catalog c = catalog::load_catalog(conn, {});
  EXPECT_FALSE(conn.in_transaction());
  EXPECT_NE(c.relation({"app", "parents"}), nullptr);
}

}  // namespace
}  // namespace pgcertify::testing

namespace pgcertify::testing {
namespace {

TEST_F(CatalogTest, ReadsOnlyTheAskedPartsAndAddsTheRestLater) {
  const std::vector<std::string> schemas = {"app"};
  catalog::Catalog c = catalog::load_catalog(admin(), schemas, {}, {}, catalog::kCatalogRelations);
  EXPECT_EQ(c.loaded_parts, catalog::kCatalogRelations);
  EXPECT_FALSE(c.relations.empty());
  EXPECT_TRUE(c.functions.empty());
  EXPECT_TRUE(c.roles.empty());
  catalog::load_catalog_parts(c, admin(), catalog::kCatalogAll);
  EXPECT_EQ(c.loaded_parts, catalog::kCatalogAll);
  EXPECT_FALSE(c.functions.empty());
  EXPECT_FALSE(c.roles.empty());
  EXPECT_NE(c.relation({"app", "kids"}), nullptr);  // lookups still work after the second part
}

}  // namespace
}  // namespace pgcertify::testing
