#include "checks/row_rule.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace pgcertify::checks
