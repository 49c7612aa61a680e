#include <gtest/gtest.h>

#include "datagen/check_expression.hpp"

namespace pgcertify::datagen {
namespace {
using Row = std::map<std::string, Datum>;
Datum num(double v) { return Datum{Datum::Kind::kNumber, v, {}, false}; }
Datum txt(std::string v) { return Datum{Datum::Kind::kText, 0, std::move(v), false}; }

bool accepts(const std::string& check, const Row& row) {
  const auto e = CheckExpression::parse(check);
  return e.accepts([&](const std::string& c) { auto it = row.find(c); return it == row.end() ? Datum{} : it->second; }, 1e9);
}

std::map<std::string, ColumnHints> hints_of(const std::string& check) {
  std::map<std::string, ColumnHints> h;
  CheckExpression::parse(check).add_hints(h, "c");
  return h;
}

TEST(CheckExpression, BetweenAsTheServerPrintsItGivesARange) {
  const auto h = hints_of("((grade_level >= 4) AND (grade_level <= 6))");
  ASSERT_TRUE(h.contains("grade_level"));
  EXPECT_EQ(*h.at("grade_level").min, 4);
  EXPECT_EQ(*h.at("grade_level").max, 6);
  EXPECT_TRUE(accepts("((grade_level >= 4) AND (grade_level <= 6))", {{"grade_level", num(5)}}));
  EXPECT_FALSE(accepts("((grade_level >= 4) AND (grade_level <= 6))", {{"grade_level", num(7)}}));
  EXPECT_TRUE(accepts("((grade_level >= 4) AND (grade_level <= 6))", {}));  // NULL passes a CHECK
}

TEST(CheckExpression, PrettyPrintedTextWithoutParenthesesAndCasts) {
  const std::string check = "behavioral_score >= 0::numeric AND behavioral_score <= 100::numeric";
  const auto h = hints_of(check);
  EXPECT_EQ(*h.at("behavioral_score").max, 100);
  EXPECT_TRUE(accepts(check, {{"behavioral_score", num(50)}}));
  EXPECT_FALSE(accepts(check, {{"behavioral_score", num(101)}}));
  EXPECT_TRUE(accepts("created_at <= now() AND x::timestamp with time zone IS NULL", {{"created_at", num(1)}}));
}

TEST(CheckExpression, AnyArrayIsAnInList) {
  const std::string check = "((role)::text = ANY ((ARRAY['facilitator'::character varying, 'admin'::character varying])::text[]))";
  const auto h = hints_of(check);
  ASSERT_TRUE(h.at("role").one_of);
  EXPECT_EQ(*h.at("role").one_of, (std::vector<std::string>{"facilitator", "admin"}));
  EXPECT_TRUE(accepts(check, {{"role", txt("admin")}}));
  EXPECT_FALSE(accepts(check, {{"role", txt("root")}}));
}

TEST(CheckExpression, RegexLengthAndStrictBounds) {
  EXPECT_EQ(*hints_of("((email)::text ~* '^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$'::text)").at("email").regex,
            "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$");
  const auto len = hints_of("((char_length(title) >= 1) AND (char_length(title) <= 200))");
  EXPECT_EQ(*len.at("title").min_length, 1);
  EXPECT_EQ(*len.at("title").max_length, 200);
  const auto strict = hints_of("(retention_days > 0)");
  EXPECT_TRUE(strict.at("retention_days").min_strict);
  EXPECT_FALSE(accepts("(retention_days > 0)", {{"retention_days", num(0)}}));
  EXPECT_TRUE(accepts("(code ~ '^[A-Z0-9]{6,8}$'::text)", {{"code", txt("AB12CD")}}));
  EXPECT_FALSE(accepts("(code ~ '^[A-Z0-9]{6,8}$'::text)", {{"code", txt("ab12cd")}}));
}

TEST(CheckExpression, CrossColumnShapesAreEvaluatedNotHinted) {
  EXPECT_TRUE(accepts("(expires_at > created_at)", {{"expires_at", num(10)}, {"created_at", num(5)}}));
  EXPECT_FALSE(accepts("(expires_at > created_at)", {{"expires_at", num(5)}, {"created_at", num(10)}}));
  const std::string c = "((status <> 'completed'::text) OR (completed_at IS NOT NULL))";
  EXPECT_FALSE(accepts(c, {{"status", txt("completed")}}));
  EXPECT_TRUE(accepts(c, {{"status", txt("completed")}, {"completed_at", num(1)}}));
  const std::string r = "((status = ANY (ARRAY['resolved'::text, 'dismissed'::text])) = (resolved_at IS NOT NULL))";
  EXPECT_TRUE(accepts(r, {{"status", txt("open")}}));
  EXPECT_FALSE(accepts(r, {{"status", txt("open")}, {"resolved_at", num(1)}}));
  EXPECT_TRUE(hints_of("(expires_at > created_at)").empty());
}

TEST(CheckExpression, IntervalsJsonAndUnknownFunctions) {
  EXPECT_TRUE(accepts("(max_backup_age > '00:00:00'::interval)", {{"max_backup_age", num(60)}}));
  EXPECT_FALSE(accepts("(max_backup_age > '00:00:00'::interval)", {{"max_backup_age", num(0)}}));
  EXPECT_TRUE(accepts("(jsonb_typeof(responses) = 'object'::text)", {{"responses", txt("{}")}}));
  EXPECT_FALSE(accepts("(jsonb_typeof(responses) = 'object'::text)", {{"responses", txt("[]")}}));
  // An unknown function cannot be evaluated: the row is rejected unless another branch passes it.
  EXPECT_FALSE(accepts("(mystery(x) = 1)", {{"x", num(1)}}));
  EXPECT_TRUE(accepts("((x IS NULL) OR (mystery(x) = 1))", {}));
  EXPECT_EQ(*parse_interval_seconds("1 day 01:00:00"), 90000);
  EXPECT_EQ(*parse_interval_seconds("2 hours"), 7200);
}

TEST(CheckExpression, UnreadableTextIsAnError) {
  EXPECT_THROW(CheckExpression::parse("(a > 'unterminated)"), std::invalid_argument);
  EXPECT_THROW(CheckExpression::parse("((a > 1)"), std::invalid_argument);
}

}  // namespace
}  // namespace pgcertify::datagen
