// Synthetic data end to end: `pgcertify generate` and `setup.data` on both reference schemas.

#include <gtest/gtest.h>

#include <algorithm>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class DatagenTest : public DatabaseTest {
 protected:
  /// The example's migrations only (no fixture: the generator fills the tables).
  void migrate(const std::string& example) {
    std::vector<fs::path> ups;
    for (const auto& e : fs::directory_iterator(source_dir() + "/examples/" + example + "/migrations"))
      if (!e.path().filename().string().ends_with(".down.sql")) ups.push_back(e.path());
    std::sort(ups.begin(), ups.end());
    for (const auto& up : ups) apply_file(up);
  }
  std::vector<std::string> tables() {
    const pg::Result r = admin().exec(
        "SELECT c.relname FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') "
        "AND NOT c.relispartition ORDER BY 1");
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.value(i, 0));
    return out;
  }
  /// A plan that gives every table `rows` rows (exceptions in `rows_for`) and nothing else.
  fs::path data_plan(int rows, const std::map<std::string, int>& rows_for = {}, const std::string& extra = "") {
    std::string text = "setup:\n  data:\n    seed: 42\n    tables:\n";
    for (const auto& t : tables())
      text += "      " + t + ": {rows: " + std::to_string(rows_for.contains(t) ? rows_for.at(t) : rows) + "}\n";
    text += extra;
    const fs::path plan = work_dir_ / "data.yaml";
    write_text(plan, text);
    return plan;
  }
  Completed generate(const fs::path& plan, std::vector<std::string> more = {}) {
    std::vector<std::string> args = {"generate", plan.string(), "--dsn", dsn(), "--allow-write"};
    args.insert(args.end(), more.begin(), more.end());
    return run_pgcertify(args);
  }
  long long count(const std::string& table) { return std::stoll(scalar("SELECT count(*) FROM " + table)); }
};

TEST_F(DatagenTest, EveryHeroesTableFillsFromRowsAlone) {
  migrate("heroes");
  const auto all = tables();
  ASSERT_GE(all.size(), 15u);
  const Completed run = generate(data_plan(200, {{"lessons", 12}}));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  // Parents first: facilitators, then classrooms, then the analytics that reference them.
  const size_t f = run.out.find("public.facilitators ("), c = run.out.find("public.classrooms ("),
               b = run.out.find("public.behavioral_analytics (");
  ASSERT_NE(b, std::string::npos) << run.out;
  EXPECT_LT(f, c);
  EXPECT_LT(c, b);
  for (const auto& t : all) EXPECT_GE(count(t), t == "lessons" ? 12 : 200) << t;
  // Foreign keys spread over the parents, unlike `(SELECT id … ORDER BY random() LIMIT 1)`.
  EXPECT_GT(std::stoi(scalar("SELECT count(DISTINCT classroom_id) FROM behavioral_analytics")), 100);
  EXPECT_EQ(scalar("SELECT count(*) FROM pg_constraint WHERE NOT convalidated"), "0");
}

TEST_F(DatagenTest, EveryYtempireTableFillsFromRowsAlone) {
  migrate("ytempire");
  const auto all = tables();
  ASSERT_GE(all.size(), 5u);
  const Completed run = generate(data_plan(200));
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  for (const auto& t : all) EXPECT_GE(count(t), 200) << t;
}

TEST_F(DatagenTest, SameSeedGivesIdenticalTables) {
  migrate("ytempire");
  // The schema's triggers stamp updated_at with now(); the generated rows themselves must match.
  for (const auto& t : tables()) sql("ALTER TABLE " + t + " DISABLE TRIGGER USER");
  const fs::path plan = data_plan(300);
  ASSERT_EQ(generate(plan).exit_code, 0);
  const auto first = table_checksums();
  std::string all;
  for (const auto& t : tables()) all += (all.empty() ? "" : ", ") + t;
  sql("TRUNCATE " + all + " RESTART IDENTITY CASCADE");
  const Completed again = generate(plan);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  const auto second = table_checksums();
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first, second);
  EXPECT_NE(std::stoll(scalar("SELECT count(*) FROM " + tables().front())), 0);
}

TEST_F(DatagenTest, RegexChecksWithGroupsAndUniquePatternsFillFromRowsAlone) {
  sql("CREATE TABLE codes (code text PRIMARY KEY CHECK (code ~ '^(a|b)[0-9]{2}(-(x|yz)){1,2}$'), "
      "ref varchar(10) NOT NULL UNIQUE, n integer NOT NULL UNIQUE CHECK (n BETWEEN 1 AND 1000))");
  const fs::path plan = work_dir_ / "codes.yaml";
  write_text(plan, "setup:\n  data:\n    tables:\n      codes: {rows: 1000, columns: {ref: {pattern: 'R?####'}, n: {uniform: [1, 1000]}}}\n");
  const Completed run = generate(plan);
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM codes WHERE code ~ '^(a|b)[0-9]{2}(-(x|yz)){1,2}$' AND ref ~ '^R[A-Z][0-9]{4}$'"), "1000");
  // n: every value of 1..1000 drawn once, by permutation (no set of seen values), not in row order.
  EXPECT_EQ(scalar("SELECT count(DISTINCT n) FROM codes"), "1000");
  EXPECT_EQ(scalar("SELECT bool_and(n = ctid_order) FROM (SELECT n, row_number() OVER (ORDER BY ctid) AS ctid_order FROM codes) r"), "f");
  const Completed dry = generate(plan, {"--dry-run"});
  EXPECT_EQ(dry.out.find("kept unique: UNIQUE (n)"), std::string::npos) << dry.out;
  EXPECT_EQ(dry.out.find("kept unique: UNIQUE (ref)"), std::string::npos) << dry.out;
}

TEST_F(DatagenTest, UnsatisfiableUniqueIsNamedBeforeLoading) {
  migrate("heroes");
  const Completed run = generate(data_plan(200));  // lessons.lesson_number is UNIQUE and BETWEEN 1 AND 12
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("lessons.lesson_number: unique, but CHECK lessons_lesson_number_check allows only 12 values for 200 rows"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("give an explicit generator"), std::string::npos) << run.err;
  EXPECT_EQ(count("facilitators"), 0);  // nothing was loaded
}

TEST_F(DatagenTest, ExplicitGeneratorThatBreaksACheckIsNamedBeforeLoading) {
  sql("CREATE TABLE classrooms (id uuid PRIMARY KEY, grade_level int NOT NULL CHECK (grade_level BETWEEN 4 AND 6))");
  write_text(work_dir_ / "bad.yaml",
             "setup:\n  data:\n    tables:\n      classrooms:\n        rows: 10\n        columns:\n"
             "          grade_level: {uniform: [10, 20]}\n");
  const Completed run = generate(work_dir_ / "bad.yaml");
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  EXPECT_NE(run.err.find("classrooms.grade_level: no generated row satisfies CHECK classrooms_grade_level_check"),
            std::string::npos) << run.err;
  EXPECT_EQ(count("classrooms"), 0);

  write_text(work_dir_ / "typo.yaml",
             "setup:\n  data:\n    tables:\n      classrooms:\n        rows: 10\n        columns:\n"
             "          grade_levle: {uniform: [4, 6]}\n");
  const Completed typo = generate(work_dir_ / "typo.yaml");
  EXPECT_EQ(typo.exit_code, 2);
  EXPECT_NE(typo.err.find("typo.yaml:7:11: table public.classrooms has no column 'grade_levle' (did you mean 'grade_level'?)"),
            std::string::npos) << typo.err;
}

TEST_F(DatagenTest, DryRunPrintsGeneratorsReasonsAndOrderAndWritesNothing) {
  migrate("heroes");
  const Completed run = run_pgcertify({"generate", data_plan(50, {{"lessons", 12}}).string(), "--dsn", dsn(), "--dry-run"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("seed 42; load order: public.audit_log (50 rows)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("public.lessons (12 rows)"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("uniform [4, 6]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("why: CHECK classrooms_grade_level_check"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("ref public.classrooms.id"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("regex '^[A-Z0-9]{6,8}$'"), std::string::npos) << run.out;
  EXPECT_EQ(count("facilitators"), 0);
}

TEST_F(DatagenTest, WritingToADsnNeedsAllowWrite) {
  sql("CREATE TABLE t (id int PRIMARY KEY)");
  write_text(work_dir_ / "t.yaml", "setup:\n  data:\n    tables:\n      t: {rows: 5}\n");
  const Completed refused = run_pgcertify({"generate", (work_dir_ / "t.yaml").string(), "--dsn", dsn()});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("--allow-write"), std::string::npos) << refused.err;
  EXPECT_EQ(count("t"), 0);
  const Completed only = generate(work_dir_ / "t.yaml", {"--table", "t", "--rows", "7"});
  EXPECT_EQ(only.exit_code, 0) << only.err;
  EXPECT_EQ(count("t"), 7);
}

TEST_F(DatagenTest, DeferredLoadRebuildsIndexesAndValidatedForeignKeys) {
  sql("CREATE TABLE parents (id uuid PRIMARY KEY);"
      "CREATE TABLE kids (id uuid PRIMARY KEY, parent_id uuid NOT NULL REFERENCES parents, at timestamptz NOT NULL,"
      " n int NOT NULL CHECK (n BETWEEN 1 AND 5));"
      "CREATE INDEX kids_parent ON kids (parent_id, at);"
      "CREATE INDEX kids_recent ON kids (at) WHERE n > 2;");
  write_text(work_dir_ / "k.yaml", "setup:\n  data:\n    tables:\n      parents: {rows: 50}\n      kids: {rows: 5000}\n");
  const Completed run = generate(work_dir_ / "k.yaml", {"--defer-indexes"});
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("public.kids: 5000 rows in"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("indexes and foreign keys rebuilt after the rows"), std::string::npos) << run.out;
  EXPECT_EQ(scalar("SELECT string_agg(indexdef, ' | ' ORDER BY indexname) FROM pg_indexes WHERE tablename = 'kids'"),
            "CREATE INDEX kids_parent ON public.kids USING btree (parent_id, at) | "
            "CREATE UNIQUE INDEX kids_pkey ON public.kids USING btree (id) | "
            "CREATE INDEX kids_recent ON public.kids USING btree (at) WHERE (n > 2)");
  EXPECT_EQ(scalar("SELECT string_agg(conname || ' ' || contype::text || ' ' || convalidated, ', ' ORDER BY conname) FROM pg_constraint "
                   "WHERE conrelid = 'kids'::regclass AND contype IN ('f', 'p')"),
            "kids_parent_id_fkey f true, kids_pkey p true");
  EXPECT_EQ(scalar("SELECT count(*) FROM kids k LEFT JOIN parents p ON p.id = k.parent_id WHERE p.id IS NULL"), "0");
  // A second load finds the table non-empty: it keeps its indexes and loads through them.
  const Completed again = generate(work_dir_ / "k.yaml", {"--defer-indexes", "--table", "kids", "--rows", "10"});
  EXPECT_EQ(again.exit_code, 3) << again.out << again.err;  // same seed, same ids: the primary key refuses them
  EXPECT_NE(again.err.find("loading public.kids failed (nothing of it was kept)"), std::string::npos) << again.err;
  EXPECT_EQ(count("kids"), 5000);
}

TEST_F(DatagenTest, JsonTemplatesAndZipfLoadIntoRealColumns) {
  sql("CREATE TABLE parents (id int PRIMARY KEY);"
      "CREATE TABLE events (id uuid PRIMARY KEY, parent_id int NOT NULL REFERENCES parents, doc jsonb NOT NULL,"
      " CHECK (jsonb_typeof(doc) = 'object'));");
  write_text(work_dir_ / "j.yaml",
             "setup:\n  data:\n    tables:\n      parents: {rows: 100}\n      events:\n        rows: 2000\n        columns:\n"
             "          parent_id: {ref: parents.id, zipf: 1.2}\n"
             "          doc: {json: {score: {uniform: [0, 100]}, kind: {one_of: [a, b]}, meta: {source: web, at: {between: [-1d, now]}}}}\n");
  const Completed run = generate(work_dir_ / "j.yaml");
  ASSERT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM events WHERE (doc->>'score')::int BETWEEN 0 AND 100 AND doc->>'kind' IN ('a', 'b')"
                   " AND doc->'meta'->>'source' = 'web' AND (doc->'meta'->>'at')::timestamptz > now() - interval '2 days'"),
            "2000");
  // zipf: the most frequent parent gets far more than the uniform share of 20 rows.
  EXPECT_GT(std::stoi(scalar("SELECT max(c) FROM (SELECT count(*) c FROM events GROUP BY parent_id) s")), 200);
}

TEST_F(DatagenTest, SetupDataRunsAsPartOfRun) {
  const fs::path dir = work_dir_ / "proj";
  fs::create_directories(dir / "migrations");
  write_text(dir / "migrations" / "001_t.sql",
             "CREATE TABLE parents (id uuid PRIMARY KEY, name text NOT NULL);\n"
             "CREATE TABLE kids (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, parent_id uuid NOT NULL REFERENCES parents,"
             " score int NOT NULL CHECK (score BETWEEN 0 AND 10));\n");
  write_text(dir / "plan.yaml",
             "setup:\n  migrations: migrations/\n  data:\n    seed: 1\n    tables:\n      kids: {rows: 1000}\n      parents: {rows: 20}\n"
             "suites:\n  - name: data\n    checks:\n      - name: kids loaded\n        query: {sql: \"SELECT count(*) FROM kids\", expect: {value: 1000}}\n");
  const Completed run = run_pgcertify({"run", (dir / "plan.yaml").string()});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("setup.data: seed 1, filling public.parents (20 rows), public.kids (1000 rows)"), std::string::npos) << run.out;
}

}  // namespace
}  // namespace pgcertify::testing
