// setup.data.triggers: a BEFORE INSERT trigger that stamps now() makes two loads of the same
// seed differ; `skip` turns the table's insert triggers off inside its load transaction.

#include <gtest/gtest.h>

#include "checks/registry.hpp"
#include "datagen/describe.hpp"
#include "datagen/fill.hpp"
#include "plan/loader.hpp"
#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {

class DataTriggersTest : public DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    sql(R"(
      CREATE TABLE notes (id integer PRIMARY KEY, body text NOT NULL, updated_at timestamptz NOT NULL);
      CREATE FUNCTION stamp() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.updated_at := clock_timestamp(); RETURN NEW; END $$;
      CREATE TRIGGER notes_stamp BEFORE INSERT OR UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION stamp();
      CREATE TRIGGER notes_touch BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION stamp();)");
  }
  datagen::DataPlan prepare(const std::string& triggers) {
    const std::string text = "setup:\n  data:\n    seed: 3\n" + triggers + "    tables:\n      notes: {rows: 500}\n";
    plan_ = plan::load_plan_text(text, "triggers.yaml", work_dir_, checks::kind_keys());
    return datagen::prepare(admin(), *plan_.setup.data);
  }
  plan::Plan plan_;
};

TEST_F(DataTriggersTest, SkipLoadsTheSameRowsTwiceAndLeavesTheTriggersOn) {
  const datagen::DataPlan plan = prepare("    triggers: skip\n");
  const std::string described = datagen::describe_plan(plan);
  // Only the trigger that fires on INSERT is named; the UPDATE-only one is none of the load's business.
  EXPECT_NE(described.find("insert triggers disabled during the load (triggers: skip): notes_stamp\n"), std::string::npos) << described;
  datagen::load_data(admin(), plan);
  const auto first = table_checksums();
  EXPECT_EQ(scalar("SELECT count(*) FROM notes WHERE updated_at > now() - interval '1 hour'"), "0");  // generated, not stamped
  sql("TRUNCATE notes");
  datagen::load_data(admin(), plan);
  EXPECT_EQ(table_checksums(), first);
  EXPECT_EQ(scalar("SELECT string_agg(tgname || '=' || tgenabled::text, ',' ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 'notes'::regclass"),
            "notes_stamp=O,notes_touch=O");
}

TEST_F(DataTriggersTest, FireIsTheDefaultAndLetsTheTriggerOverwrite) {
  const datagen::DataPlan plan = prepare("");
  EXPECT_NE(datagen::describe_plan(plan).find("insert triggers fire on every row: notes_stamp"), std::string::npos);
  datagen::load_data(admin(), plan);
  EXPECT_EQ(scalar("SELECT count(*) FROM notes WHERE updated_at > now() - interval '1 hour'"), "500");
}

TEST_F(DataTriggersTest, SkipIsRefusedOnADsnTargetAndBadValuesAreNamed) {
  const auto plan = work_dir_ / "skip.yaml";
  write_text(plan, "setup:\n  data:\n    triggers: skip\n    tables:\n      notes: {rows: 5}\n");
  const Completed refused = run_pgcertify({"generate", plan.string(), "--dsn", dsn(), "--allow-write"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out << refused.err;
  EXPECT_NE(refused.err.find("setup.data.triggers: skip disables the tables' insert triggers"), std::string::npos) << refused.err;
  EXPECT_EQ(scalar("SELECT count(*) FROM notes"), "0");
  write_text(plan, "setup:\n  data:\n    triggers: off\n    tables:\n      notes: {rows: 5}\n");
  const Completed bad = run_pgcertify({"generate", plan.string(), "--dsn", dsn(), "--dry-run"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("skip.yaml:3:15: triggers must be fire or skip, not 'off'"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace pgcertify::testing
