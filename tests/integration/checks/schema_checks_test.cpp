// The schema kinds (objects, table, function, trigger, view) end to end: a purpose-built
// schema, plans that hold and plans that miss, and the differences each failure names.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class SchemaChecksTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    sql(R"sql(
      CREATE TABLE facilitators (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), email varchar(255) NOT NULL UNIQUE);
      CREATE TABLE classrooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        facilitator_id uuid NOT NULL REFERENCES facilitators (id) ON DELETE CASCADE,
        classroom_code varchar(8) NOT NULL UNIQUE,
        grade_level int NOT NULL CHECK (grade_level BETWEEN 4 AND 6),
        status varchar(20) DEFAULT 'active' CHECK (status IN ('active', 'archived')),
        is_active boolean NOT NULL DEFAULT true,
        notes text,
        updated_at timestamptz NOT NULL DEFAULT now());
      CREATE INDEX idx_classrooms_active ON classrooms (facilitator_id) WHERE is_active = true;
      CREATE INDEX idx_classrooms_notes ON classrooms USING gin (to_tsvector('english', notes));
      CREATE INDEX idx_classrooms_code_cover ON classrooms (classroom_code) INCLUDE (grade_level);
      CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY, at date NOT NULL) PARTITION BY RANGE (at);
      CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
      ALTER TABLE classrooms ENABLE ROW LEVEL SECURITY;
      CREATE FUNCTION set_updated_at() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
        AS $$ BEGIN NEW.updated_at = now(); RETURN NEW; END $$;
      CREATE FUNCTION grade_name(g int, lang text DEFAULT 'en') RETURNS text LANGUAGE sql IMMUTABLE STRICT
        AS $$ SELECT 'grade ' || g $$;
      CREATE TRIGGER classrooms_updated_at BEFORE UPDATE ON classrooms FOR EACH ROW EXECUTE FUNCTION set_updated_at();
      CREATE VIEW active_classrooms AS SELECT id, classroom_code, grade_level FROM classrooms WHERE is_active;
    )sql");
  }

  /// Runs a plan of one suite with `checks` (YAML list items, indented 6) and returns the JSON results.
  nlohmann::json run_checks(const std::string& checks, int expected_exit) {
    write_text(work_dir_ / "plan.yaml", "suites:\n  - name: s\n    checks:\n" + checks);
    const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn(), "--report",
                                         "json=" + (work_dir_ / "r.json").string()});
    EXPECT_EQ(run.exit_code, expected_exit) << run.out << run.err;
    if (run.exit_code == 2) return nlohmann::json::array();
    return nlohmann::json::parse(read_text(work_dir_ / "r.json"))["results"];
  }

  static std::vector<std::string> evidence(const nlohmann::json& result) {
    return result["evidence"].get<std::vector<std::string>>();
  }
};

const char* const kPassingTable = R"yaml(
      - table:
          name: classrooms
          exact: true
          columns:
            id: {type: uuid, not_null: true, default: gen_random_uuid()}
            facilitator_id: {type: uuid, not_null: true}
            classroom_code: {type: varchar(8), not_null: true}
            grade_level: {type: int4, not_null: true, default: null}
            status: {type: character varying(20), default: "'active'"}
            is_active: {type: bool, default: "TRUE"}
            notes: text
            updated_at: {type: timestamptz, default: CURRENT_TIMESTAMP}
          primary_key: [id]
          unique: [[classroom_code]]
          foreign_keys: [{columns: [facilitator_id], references: facilitators(id), on_delete: cascade, on_update: no_action}]
          checks: ["grade_level BETWEEN 4 AND 6", "status IN ('active', 'archived')"]
          indexes:
            - {columns: [facilitator_id], where: "is_active"}
            - {columns: ["to_tsvector('english'::regconfig, notes)"], method: gin}
            - {name: idx_classrooms_code_cover, columns: [classroom_code], include: [grade_level], unique: false}
          rls: {enabled: true, forced: false}
)yaml";

TEST_F(SchemaChecksTest, TableMatchesAfterServerNormalisation) {
  // CURRENT_TIMESTAMP is not now() in the catalog: that one is reported, and nothing else.
  const auto results = run_checks(kPassingTable, 1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(evidence(results[0]),
            std::vector<std::string>{"table public.classrooms: column updated_at: default expected CURRENT_TIMESTAMP, "
                                     "actual now()"});
}

TEST_F(SchemaChecksTest, TablePassesWhenEverythingMatches) {
  std::string plan = kPassingTable;
  plan.replace(plan.find("CURRENT_TIMESTAMP"), 17, "now()");
  const auto results = run_checks(plan, 0);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["status"], "pass") << results[0].dump();
}

TEST_F(SchemaChecksTest, TableFailureListsEveryDifferenceWithExpectedAndActual) {
  const auto results = run_checks(R"yaml(
      - table:
          name: classrooms
          exact: true
          columns:
            id: uuid
            facilitator_id: uuid
            classroom_code: {type: varchar(10)}
            grade_level: {type: smallint}
            status: {not_null: true}
            is_active: boolean
            updated_at: timestamptz
          foreign_keys: [{columns: [facilitator_id], references: facilitators(id), on_delete: restrict}]
          checks: ["grade_level BETWEEN 1 AND 12"]
          indexes:
            - {columns: [facilitator_id], where: "is_active = true"}
            - {columns: [grade_level], where: "status = 'archived'"}
          rls: {forced: true}
)yaml",
                                  1);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0]["status"], "fail");
  EXPECT_EQ(results[0]["message"], "table public.classrooms: 12 differences from the plan");
  EXPECT_EQ(evidence(results[0]),
            (std::vector<std::string>{
                "table public.classrooms: column classroom_code: type expected varchar(10), actual character varying(8)",
                "table public.classrooms: column grade_level: type expected smallint, actual integer",
                "table public.classrooms: column status: expected NOT NULL, actual nullable",
                "table public.classrooms: column notes (text): not in the plan",
                "table public.classrooms: foreign key (facilitator_id): on delete expected restrict, actual cascade",
                "table public.classrooms: check (grade_level BETWEEN 1 AND 12): missing; the table's checks are: "
                "grade_level >= 4 AND grade_level <= 6, status::text = ANY (ARRAY['active'::character varying, "
                "'archived'::character varying]::text[])",
                // exact: true with checks and indexes listed: the unlisted ones are differences too.
                "table public.classrooms: check (grade_level >= 4 AND grade_level <= 6) (classrooms_grade_level_check): "
                "not in the plan",
                "table public.classrooms: check (status::text = ANY (ARRAY['active'::character varying, "
                "'archived'::character varying]::text[])) (classrooms_status_check): not in the plan",
                "table public.classrooms: index on (grade_level) where status = 'archived': missing",
                "table public.classrooms: index idx_classrooms_code_cover on (classroom_code) include (grade_level): not "
                "in the plan",
                "table public.classrooms: index idx_classrooms_notes on (to_tsvector('english'::regconfig, notes)): not in "
                "the plan",
                "table public.classrooms: row level security: forced expected true, actual false",
            }));
}

TEST_F(SchemaChecksTest, ExactForbidsUnlistedIndexesAndChecksWhenListed) {
  const auto results = run_checks(R"yaml(
      - table:
          name: classrooms
          exact: true
          columns: [id, facilitator_id, classroom_code, grade_level, status, is_active, notes, updated_at]
          checks: []
          indexes: [{columns: [facilitator_id], where: is_active}]
)yaml",
                                  1);
  ASSERT_EQ(results.size(), 1u);
  const auto lines = evidence(results[0]);
  ASSERT_EQ(lines.size(), 4u) << results[0].dump(2);
  EXPECT_EQ(lines[0].rfind("table public.classrooms: check (grade_level >= 4 AND grade_level <= 6) (classrooms_grade_level_check): not in the plan", 0), 0u);
  EXPECT_NE(lines[2].find("index idx_classrooms_code_cover on (classroom_code) include (grade_level): not in the plan"),
            std::string::npos);
}

TEST_F(SchemaChecksTest, PartitioningAndMissingTable) {
  const auto results = run_checks(R"yaml(
      - table:
          name: events
          columns: {id: {type: bigint, identity: always}}
          partitioning: {strategy: range, key: [at], partitions: [events_2025]}
      - table:
          name: events
          partitioning: {strategy: list, partitions: [events_2025, events_2026]}
      - table: classroom
      - table: active_classrooms
)yaml",
                                  1);
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0]["status"], "pass") << results[0].dump();
  EXPECT_EQ(evidence(results[1]), (std::vector<std::string>{
                                      "table public.events: partitioning: strategy expected list, actual range",
                                      "table public.events: partition public.events_2026: missing"}));
  EXPECT_EQ(results[2]["message"], "table public.classroom does not exist (did you mean 'classrooms'?)");
  EXPECT_EQ(results[3]["message"], "public.active_classrooms is a view, not a table");
}

TEST_F(SchemaChecksTest, ObjectsExactNamesMissingAndUnlisted) {
  const auto results = run_checks(R"yaml(
      - objects:
          tables: [facilitators, classrooms, events, events_2025]
          views: [active_classrooms]
          functions: ["set_updated_at()", "grade_name(int4, text)"]
          triggers: {classrooms: [classrooms_updated_at]}
          extensions: [plpgsql]
      - objects:
          exact: true
          tables: [facilitators, classroom, events]
          functions: ["grade_name(integer)"]
          extensions: {plpgsql: "0.9"}
)yaml",
                                  1);
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0]["status"], "pass") << results[0].dump();
  EXPECT_EQ(evidence(results[1]),
            (std::vector<std::string>{
                "objects in public: table public.classroom: missing (did you mean 'classrooms'?)",
                "objects in public: table public.classrooms: not in the plan",
                "objects in public: table public.events_2025: not in the plan",
                "objects in public: function grade_name(integer): missing; the overloads are public.grade_name(integer, text)",
                "objects in public: function public.grade_name(integer, text): not in the plan",
                "objects in public: function public.set_updated_at(): not in the plan",
                "objects in public: extension plpgsql: version expected 0.9, actual 1.0",
            }));
}

TEST_F(SchemaChecksTest, FunctionTriggerAndView) {
  const auto results = run_checks(R"yaml(
      - function:
          signature: set_updated_at()
          returns: trigger
          language: plpgsql
          volatility: volatile
          security_definer: true
          search_path: public, pg_temp
      - function:
          signature: grade_name(int, text)
          returns: varchar
          volatility: stable
          strict: true
          search_path: null
      - trigger: {name: classrooms_updated_at, table: classrooms, timing: before, events: [update], level: row, function: set_updated_at}
      - trigger: {name: classrooms_updated_at, table: classrooms, timing: after, events: [insert, update]}
      - view: {name: active_classrooms, columns: {id: uuid, classroom_code: varchar(8), grade_level: int}, exact: true}
      - view: {name: active_classrooms, materialized: true, columns: [id, name]}
)yaml",
                                  1);
  ASSERT_EQ(results.size(), 6u);
  EXPECT_EQ(results[0]["status"], "pass") << results[0].dump();
  EXPECT_EQ(evidence(results[1]), (std::vector<std::string>{
                                      "function grade_name(int, text): returns expected varchar, actual text",
                                      "function grade_name(int, text): volatility expected stable, actual immutable"}));
  EXPECT_EQ(results[2]["status"], "pass") << results[2].dump();
  EXPECT_EQ(evidence(results[3]), (std::vector<std::string>{
                                      "trigger classrooms_updated_at on public.classrooms: timing expected after, actual before",
                                      "trigger classrooms_updated_at on public.classrooms: events expected insert, update, actual update"}));
  EXPECT_EQ(results[4]["status"], "pass") << results[4].dump();
  EXPECT_EQ(evidence(results[5]), (std::vector<std::string>{"view public.active_classrooms: expected a materialized view, actual a view",
                                                            "view public.active_classrooms: column name: missing"}));
}

TEST_F(SchemaChecksTest, BadOptionsAreErrorsAtTheirPosition) {
  write_text(work_dir_ / "plan.yaml",
             "suites:\n  - name: s\n    checks:\n      - table:\n          name: classrooms\n"
             "          foreign_keys: [{columns: [a], references: b(id), on_delete: cascde}]\n");
  const Completed run = run_pgcertify({"run", (work_dir_ / "plan.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("plan.yaml:6:71: expected an ON DELETE action: one of no action, restrict, cascade, set null, "
                         "set default; got 'cascde' (did you mean 'cascade'?)"),
            std::string::npos)
      << run.err;
}

TEST_F(SchemaChecksTest, InitPinsTheSchemaAndNamesExactlyWhatDrifted) {
  const fs::path plan = work_dir_ / "pinned.yaml";
  const Completed init = run_pgcertify({"init", "--dsn", dsn(), "--out", plan.string()});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  const Completed first = run_pgcertify({"run", plan.string(), "--dsn", dsn()});
  EXPECT_EQ(first.exit_code, 0) << first.out;

  sql("ALTER TABLE facilitators ALTER COLUMN email TYPE text; DROP INDEX idx_classrooms_active; "
      "CREATE TABLE drifted (a int)");
  const Completed second = run_pgcertify({"run", plan.string(), "--dsn", dsn(), "--report",
                                          "json=" + (work_dir_ / "r.json").string()});
  EXPECT_EQ(second.exit_code, 1) << second.out;
  EXPECT_NE(second.out.find("3 failed"), std::string::npos) << second.out;
  std::vector<std::string> differences;
  const auto report = nlohmann::json::parse(read_text(work_dir_ / "r.json"));
  for (const auto& r : report["results"])
    for (const auto& e : r["evidence"]) differences.push_back(e.get<std::string>());
  EXPECT_EQ(differences,
            (std::vector<std::string>{
                "objects in public: table public.drifted: not in the plan",
                "table public.classrooms: index idx_classrooms_active on (facilitator_id) where is_active = true: missing",
                "table public.facilitators: column email: type expected character varying(255), actual text",
            }));
}

}  // namespace
}  // namespace pgcertify::testing
