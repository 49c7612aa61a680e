#include "checks/row_rule.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"

namespace pgcertify::checks {
namespace {

plan::Node node(const std::string& yaml) {
  return plan::Node(YAML::Load(yaml), std::make_shared<plan::SourceText>(plan::SourceText{"t.yaml", yaml}));
}

TEST(Tolerance, CountsAndPercentages) {
  const Tolerance none = Tolerance::read(node("{table: t}"));
  EXPECT_TRUE(none.allows(0, 10));
  EXPECT_FALSE(none.allows(1, 10));
  const Tolerance ten = Tolerance::read(node("{max: 10}"));
  EXPECT_TRUE(ten.allows(10, 1000));
  EXPECT_FALSE(ten.allows(11, 1000));
  const Tolerance share = Tolerance::read(node("{max: '1%'}"));
  EXPECT_TRUE(share.allows(10, 1000));
  EXPECT_FALSE(share.allows(11, 1000));
  EXPECT_TRUE(share.allows(0, 0));
  EXPECT_EQ(share.describe(), "<= 1%");
}

TEST(Tolerance, RejectsWhatIsNotACountOrAPercentage) {
  EXPECT_THROW(Tolerance::read(node("{max: lots}")), Error);
  EXPECT_THROW(Tolerance::read(node("{max: -1}")), Error);
  EXPECT_THROW(Tolerance::read(node("{max: '>= 5'}")), Error);
}

TEST(RowRuleOptions, ReadsTableFilterAndSamples) {
  const auto o = RowRuleOptions::read(node("{table: s.t, where: 'x > 1', samples: 3}"));
  EXPECT_EQ(o.table, "s.t");
  EXPECT_EQ(o.where, "x > 1");
  EXPECT_EQ(o.samples, 3);
  EXPECT_THROW(RowRuleOptions::read(node("{where: 'x'}")), Error);
  EXPECT_THROW(RowRuleOptions::read(node("{table: t, samples: 1000}")), Error);
}

TEST(RowRuleSql, CountsAndSamplesInOneStatementWithSamplesOnlyOnFailure) {
  RowRuleOptions o;
  o.where = "x > 1";
  o.samples = 2;
  const std::string sql = row_rule_sql({"\"t\" AS t", "t.a IS NULL", "t.*", "missing"}, o);
  EXPECT_EQ(sql,
            "SELECT counts.total, counts.bad,\n"
            "       CASE WHEN counts.bad > 0 AND 2 > 0 THEN\n"
            "         (SELECT json_agg(sample) FROM (SELECT t.* FROM \"t\" AS t WHERE (x > 1) AND (t.a IS NULL)\n"
            "                                        LIMIT 2) AS sample)\n"
            "       END\n"
            "FROM (SELECT count(*) AS total, count(*) FILTER (WHERE t.a IS NULL) AS bad FROM \"t\" AS t WHERE (x > 1)) "
            "AS counts");
}

TEST(EvidenceRow, LongValuesAreCutOneByOneAndTheRowStaysJson) {
  const std::string long_text(200, 'x');
  const auto row = nlohmann::ordered_json::parse(
      R"({"id": 7, "starts_at": "2026-01-02 10:00:00+00", "note": ")" + long_text + R"(", "tags": ["a", "b"]})");
  const std::string shown = evidence_row(row, 20, 600);
  const auto back = nlohmann::ordered_json::parse(shown);  // still JSON
  EXPECT_EQ(back["id"], 7);
  EXPECT_EQ(back["starts_at"], "2026-01-02 10:00:…");
  EXPECT_EQ(back["note"], std::string(17, 'x') + "…");
  EXPECT_EQ(back["tags"], nlohmann::ordered_json::parse(R"(["a", "b"])"));
  // A multi-byte character is never split.
  EXPECT_EQ(evidence_row(nlohmann::ordered_json::parse(R"({"name": "ééééééééééé"})"), 8, 600),
            R"({"name":"éé…"})");
  // Too many columns: the first ones stay whole, the rest are counted.
  nlohmann::ordered_json wide = nlohmann::ordered_json::object();
  for (int i = 0; i < 50; ++i) wide["column_" + std::to_string(i)] = "value";
  const auto narrow = nlohmann::ordered_json::parse(evidence_row(wide, 80, 100));
  EXPECT_EQ(narrow["column_0"], "value");
  EXPECT_TRUE(narrow.contains("…"));
  EXPECT_EQ(narrow.size(), 6u) << narrow.dump();
  EXPECT_EQ(narrow["…"], "45 more columns");
}

}  // namespace
}  // namespace pgcertify::checks
