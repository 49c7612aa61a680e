#include "checks/expectation.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include "common/error.hpp"

namespace pgcertify::checks {
namespace {

/// A result set built on the client (libpq can make one without a server).
pg::Result make_result(std::vector<std::string> columns, std::vector<std::vector<std::optional<std::string>>> rows) {
  PGresult* r = PQmakeEmptyPGresult(nullptr, PGRES_TUPLES_OK);
  std::vector<PGresAttDesc> attrs(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    attrs[i] = {};
    attrs[i].name = columns[i].data();
    attrs[i].typid = 25;  // text
    attrs[i].typlen = -1;
    attrs[i].atttypmod = -1;
  }
  PQsetResultAttrs(r, static_cast<int>(attrs.size()), attrs.data());
  for (size_t row = 0; row < rows.size(); ++row)
    for (size_t c = 0; c < rows[row].size(); ++c) {
      auto& v = rows[row][c];
      PQsetvalue(r, static_cast<int>(row), static_cast<int>(c), v ? v->data() : nullptr, v ? static_cast<int>(v->size()) : -1);
    }
  return pg::Result(pg::ResultPtr(r));
}

Expectation expect(const std::string& yaml) {
  auto source = std::make_shared<plan::SourceText>(plan::SourceText{"t.yaml", yaml});
  return Expectation::read(plan::Node(YAML::Load(yaml), source));
}

TEST(Expectation, ValueEqualityComparesNumbersAsNumbers) {
  const auto r = make_result({"n"}, {{"3.0"}});
  EXPECT_EQ(expect("value: 3").evaluate(r).status, Status::kPass);
  EXPECT_EQ(expect("value: 4").evaluate(r).status, Status::kFail);
}

TEST(Expectation, ValueComparisonUsesTheThreshold) {
  const auto r = make_result({"n"}, {{"7"}});
  EXPECT_EQ(expect("value: '> 0'").evaluate(r).status, Status::kPass);
  const Outcome miss = expect("value: '>= 10'").evaluate(r);
  EXPECT_EQ(miss.status, Status::kFail);
  EXPECT_EQ(miss.message, "value 7 is not >= 10");
}

TEST(Expectation, BooleansAndNullsCompareByMeaning) {
  EXPECT_EQ(expect("value: true").evaluate(make_result({"b"}, {{"t"}})).status, Status::kPass);
  EXPECT_EQ(expect("value: null").evaluate(make_result({"x"}, {{std::nullopt}})).status, Status::kPass);
  EXPECT_EQ(expect("value: null").evaluate(make_result({"x"}, {{"0"}})).status, Status::kFail);
}

TEST(Expectation, RowsCountsTheResult) {
  const auto r = make_result({"a"}, {{"1"}, {"2"}});
  EXPECT_EQ(expect("rows: 2").evaluate(r).status, Status::kPass);
  EXPECT_EQ(expect("rows: 0").evaluate(r).message, "returned 2 rows, expected = 0");
}

TEST(Expectation, EqualsListsEveryDifferingRow) {
  const auto r = make_result({"k", "v"}, {{"a", "1"}, {"b", "2"}});
  EXPECT_EQ(expect("equals: [[a, 1], [b, 2]]").evaluate(r).status, Status::kPass);
  const Outcome miss = expect("equals: [[a, 1], [b, 3], [c, 4]]").evaluate(r);
  EXPECT_EQ(miss.status, Status::kFail);
  ASSERT_EQ(miss.evidence.size(), 2u);
  EXPECT_EQ(miss.evidence[0], "row 2: expected ('b', '3'), got ('b', '2')");
  EXPECT_EQ(miss.evidence[1], "row 3: expected ('c', '4'), got (missing)");
}

TEST(Expectation, EveryNamesTheOffendingRows) {
  const auto r = make_result({"hash"}, {{std::string(64, 'a')}, {"XYZ"}, {std::nullopt}});
  const Outcome miss = expect("every: {matches: '^[a-f0-9]{64}$', not_null: true}").evaluate(r);
  EXPECT_EQ(miss.status, Status::kFail);
  EXPECT_EQ(miss.message, "2 of 3 rows break the rule");
  ASSERT_EQ(miss.evidence.size(), 2u);
  EXPECT_EQ(miss.evidence[0], "row 2: 'XYZ' does not match /^[a-f0-9]{64}$/");
  EXPECT_EQ(miss.evidence[1], "row 3: NULL is NULL");
}

TEST(Expectation, EveryBetweenAndInOnANamedColumn) {
  const auto r = make_result({"id", "grade"}, {{"1", "4"}, {"2", "7"}});
  EXPECT_EQ(expect("every: {column: grade, between: [4, 6]}").evaluate(r).evidence,
            std::vector<std::string>{"row 2: '7' is not between 4 and 6"});
  EXPECT_EQ(expect("every: {column: grade, in: [4, 7]}").evaluate(r).status, Status::kPass);
  EXPECT_EQ(expect("every: {column: nope, in: [4]}").evaluate(r).status, Status::kError);
}

TEST(Expectation, BetweenOnASingleValue) {
  EXPECT_EQ(expect("between: [0, 100]").evaluate(make_result({"s"}, {{"55.5"}})).status, Status::kPass);
  EXPECT_EQ(expect("between: [0, 100]").evaluate(make_result({"s"}, {{"101"}})).status, Status::kFail);
}

TEST(Expectation, RejectsUnknownKeysAndEmptyRanges) {
  EXPECT_THROW(expect("valeu: 1"), Error);
  EXPECT_THROW(expect("between: [5, 1]"), Error);
  EXPECT_THROW(expect("every: {column: x}"), Error);
}

}  // namespace
}  // namespace pgcertify::checks
