// Binary COPY against a real server: every type pgcertify encodes goes in as binary and as text
// from the same seed, and the server must render both loads identically.

#include <gtest/gtest.h>

#include "checks/registry.hpp"
#include "datagen/describe.hpp"
#include "datagen/fill.hpp"
#include "plan/loader.hpp"
#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {

class BinaryCopyTest : public DatabaseTest {
 protected:
  datagen::DataPlan prepare(const std::string& tables_yaml) {
    const std::string text = "setup:\n  data:\n    seed: 11\n    tables:\n" + tables_yaml;
    plan_ = plan::load_plan_text(text, "roundtrip.yaml", work_dir_, checks::kind_keys());
    return datagen::prepare(admin(), *plan_.setup.data);
  }
  std::vector<std::string> rows(const std::string& table) {
    const pg::Result r = admin().exec("SELECT t::text FROM " + table + " t ORDER BY 1");
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.emplace_back(r.value(i, 0));
    return out;
  }
  plan::Plan plan_;
};

TEST_F(BinaryCopyTest, EveryEncodedTypeReadsBackAsTheServerReadsItsText) {
  sql(R"(
    CREATE EXTENSION citext;
    CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
    CREATE DOMAIN positive_int AS integer CHECK (VALUE > 0);
    CREATE TABLE every_type (
      id bigint PRIMARY KEY, small smallint, whole integer, big bigint, positive positive_int,
      f4 real, f8 double precision, exact numeric(12,3), loose numeric, negative numeric(8,2),
      flag boolean, label text, code varchar(12), fixed char(4), nm name, ci citext, feeling mood,
      key uuid, day date, at timestamp, at_tz timestamptz, clock time, span interval,
      doc json, docb jsonb, addr inet, net cidr))");
  datagen::DataPlan plan = prepare(R"(      every_type:
        rows: 400
        columns:
          id: {sequence: 1}
          small: {uniform: [-32768, 32767]}
          whole: {uniform: [-2147483648, 2147483647], null_fraction: 0.3}
          big: {uniform: [-9000000000000000, 9000000000000000]}
          positive: {one_of: [1, 7, 42]}  # a domain: its literals travel as int4
          f4: {uniform: [-1000, 1000]}
          f8: {normal: {mean: 0, stddev: 1e6, min: -1e9, max: 1e9}}
          exact: {uniform: [-99999, 99999]}
          loose: {normal: {mean: 0, stddev: 0.01, min: -1, max: 1}}
          negative: {uniform: [-500, -0.01]}
          label: {text: {words: [1, 5]}, null_fraction: 0.1}
          code: {pattern: 'UC??######'}
          fixed: {pattern: '??'}
          ci: email
          key: uuid
          day: {between: [-30000d, now]}
          at: {between: [-20000d, 3650d]}
          at_tz: {between: [-20000d, now]}
          clock: {between: [-2d, now]}
          span: {uniform: [-1000000, 1000000]}
          doc: {json: {a: {uniform: [0, 9]}, b: name}}
          docb: {json: {nested: {x: {normal: {mean: 0, stddev: 1, min: -3, max: 3}}}, when: {between: [-10d, now]}}}
)");
  ASSERT_EQ(plan.tables.size(), 1u);
  ASSERT_TRUE(plan.tables[0].binary_copy) << datagen::describe_plan(plan);
  EXPECT_NE(datagen::describe_plan(plan).find("every_type: 400 rows, binary COPY"), std::string::npos);
  datagen::load_data(admin(), plan);
  const auto binary = rows("every_type");
  ASSERT_EQ(binary.size(), 400u);
  // Pre-2000 values are in there (the epoch arithmetic floors, never truncates toward zero).
  EXPECT_NE(scalar("SELECT count(*) FROM every_type WHERE at < '2000-01-01' AND day < '2000-01-01'"), "0");
  EXPECT_NE(scalar("SELECT count(*) FROM every_type WHERE negative < 0 AND exact < 0 AND span < '0'"), "0");

  sql("TRUNCATE every_type");
  plan.tables[0].binary_copy = false;
  datagen::load_data(admin(), plan);
  const auto text = rows("every_type");
  ASSERT_EQ(text.size(), binary.size());
  for (size_t i = 0; i < text.size(); ++i) ASSERT_EQ(binary[i], text[i]) << "row " << i;
}

TEST_F(BinaryCopyTest, TableWithAnUnencodedTypeFallsBackToTextCopyAndSaysWhy) {
  sql("CREATE TABLE tagged (id integer PRIMARY KEY, tags integer[] NOT NULL DEFAULT '{}', at timestamptz)");
  sql("CREATE TABLE stamped (id integer PRIMARY KEY, at timestamptz)");
  datagen::DataPlan plan = prepare(R"(      tagged: {rows: 50, columns: {tags: {one_of: ['{1,2}', '{3}']}}}
      stamped: {rows: 50, columns: {at: {one_of: ['2024-01-01 10:00:00+00', '1999-12-31 23:59:59+00']}}}
)");
  const std::string described = datagen::describe_plan(plan);
  EXPECT_NE(described.find("tagged: 50 rows, text COPY because column tags (integer[]): its type has no binary encoder"),
            std::string::npos) << described;
  EXPECT_NE(described.find("stamped: 50 rows, text COPY because column at (timestamp with time zone): its values are drawn as text"),
            std::string::npos) << described;
  datagen::load_data(admin(), plan);
  EXPECT_EQ(scalar("SELECT count(*) FROM tagged WHERE tags IN ('{1,2}', '{3}')"), "50");
  EXPECT_EQ(scalar("SELECT count(*) FROM stamped WHERE at < '2000-01-01'") != "0", true);
}

TEST_F(BinaryCopyTest, ForeignKeysOfEveryKeyTypeTravelAsBinary) {
  sql(R"(
    CREATE TABLE parent_uuid (id uuid PRIMARY KEY);
    CREATE TABLE parent_int (id integer PRIMARY KEY);
    CREATE TABLE parent_num (id numeric(10,2) PRIMARY KEY);
    CREATE TABLE child (id bigint PRIMARY KEY, u uuid NOT NULL REFERENCES parent_uuid, i integer NOT NULL REFERENCES parent_int,
                        n numeric(10,2) NOT NULL REFERENCES parent_num))");
  datagen::DataPlan plan = prepare(R"(      parent_uuid: {rows: 20}
      parent_int: {rows: 20, columns: {id: {uniform: [-1000000, 1000000], unique: true}}}
      parent_num: {rows: 20, columns: {id: {uniform: [-500, 500], unique: true}}}
      child: {rows: 300}
)");
  for (const auto& t : plan.tables) EXPECT_TRUE(t.binary_copy) << datagen::describe_plan(plan);
  datagen::load_data(admin(), plan);
  EXPECT_EQ(scalar("SELECT count(*) FROM child JOIN parent_uuid p ON p.id = u JOIN parent_int q ON q.id = i "
                   "JOIN parent_num r ON r.id = n"),
            "300");
  EXPECT_EQ(scalar("SELECT count(*) > 10 FROM (SELECT DISTINCT n FROM child) d"), "t");
}

}  // namespace
}  // namespace pgcertify::testing
