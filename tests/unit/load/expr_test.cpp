// pgbench's expression language: operators, precedence, NULL logic, functions and errors.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "common/error.hpp"
#include "load/expr_parser.hpp"
#include "load/hash.hpp"

namespace pgcertify::load {
namespace {

Value eval(std::string_view text, std::int64_t seed = 42) {
  VariableNames names;
  const Expr e = parse_expression(text, 1, names);
  Variables vars(names);
  for (size_t i = 0; i < names.size(); ++i) {
    if (names.name(static_cast<int>(i)) == "default_seed") vars.set(static_cast<int>(i), std::int64_t{seed});
    if (names.name(static_cast<int>(i)) == "ten") vars.set_text(static_cast<int>(i), "10");
    if (names.name(static_cast<int>(i)) == "half") vars.set_text(static_cast<int>(i), " 0.5");
    if (names.name(static_cast<int>(i)) == "word") vars.set_text(static_cast<int>(i), "abc");
  }
  Prng rng(1);
  EvalContext context{vars, rng};
  return evaluate(e, context);
}

std::string error_of(std::string_view text) {
  try {
    eval(text);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Expr, IntegerArithmeticFollowsPrecedence) {
  EXPECT_EQ(eval("1 + 2 * 3"), Value(std::int64_t{7}));
  EXPECT_EQ(eval("(1 + 2) * 3"), Value(std::int64_t{9}));
  EXPECT_EQ(eval("-7 / 2"), Value(std::int64_t{-3}));
  EXPECT_EQ(eval("7 % 3 + 10 - 2 - 1"), Value(std::int64_t{8}));
  EXPECT_EQ(eval("1 << 4 | 1"), Value(std::int64_t{17}));
  EXPECT_EQ(eval("~0 # 5 & 3"), Value(std::int64_t{2}));  // same level, left to right
  EXPECT_EQ(eval("5 # 3"), Value(std::int64_t{6}));
}

TEST(Expr, MixedArithmeticIsDouble) {
  EXPECT_EQ(eval("1 + 0.5"), Value(1.5));
  EXPECT_EQ(eval("7 / 2.0"), Value(3.5));
  EXPECT_EQ(eval("1e3"), Value(1000.0));
  EXPECT_EQ(eval(":ten * :half"), Value(5.0));
}

TEST(Expr, ComparisonsAndBooleanLogic) {
  EXPECT_EQ(eval("1 < 2 AND 2 <= 2"), Value(true));
  EXPECT_EQ(eval("1 = 1.0"), Value(true));
  EXPECT_EQ(eval("1 <> 1 OR NOT false"), Value(true));
  EXPECT_EQ(eval("1 != 1"), Value(false));
  EXPECT_EQ(eval("NULL AND false"), Value(false));
  EXPECT_EQ(eval("NULL OR true"), Value(true));
  EXPECT_TRUE(is_null(eval("NULL AND true")));
  EXPECT_TRUE(is_null(eval("NULL + 1")));
  EXPECT_EQ(eval("NULL IS NULL"), Value(true));
  EXPECT_EQ(eval("1 IS NOT NULL"), Value(true));
  EXPECT_EQ(eval("1 ISNULL"), Value(false));
  EXPECT_EQ(eval("NULL NOTNULL"), Value(false));
  EXPECT_EQ(eval("(1 < 2) IS TRUE"), Value(true));
}

TEST(Expr, CaseChoosesTheFirstTrueBranch) {
  EXPECT_EQ(eval("CASE WHEN 1 > 2 THEN 1 WHEN 2 > 1 THEN 2 ELSE 3 END"), Value(std::int64_t{2}));
  EXPECT_EQ(eval("case when false then 1 else 3 end"), Value(std::int64_t{3}));
  EXPECT_TRUE(is_null(eval("CASE WHEN false THEN 1 END")));
}

TEST(Expr, Functions) {
  EXPECT_EQ(eval("abs(-5)"), Value(std::int64_t{5}));
  EXPECT_EQ(eval("abs(-2.5)"), Value(2.5));
  EXPECT_EQ(eval("int(5.9)"), Value(std::int64_t{5}));
  EXPECT_EQ(eval("double(5)"), Value(5.0));
  EXPECT_EQ(eval("greatest(1, 7, 3)"), Value(std::int64_t{7}));
  EXPECT_EQ(eval("least(1, 0.5)"), Value(0.5));
  EXPECT_EQ(eval("mod(10, 3)"), Value(std::int64_t{1}));
  EXPECT_EQ(eval("pow(2, 10)"), Value(1024.0));
  EXPECT_EQ(eval("sqrt(16)"), Value(4.0));
  EXPECT_DOUBLE_EQ(to_double(eval("pi()")), 3.14159265358979323846);
  EXPECT_DOUBLE_EQ(to_double(eval("exp(ln(3.0))")), 3.0);
  EXPECT_EQ(eval("debug(3)"), Value(std::int64_t{3}));
}

TEST(Expr, HashesDefaultToTheDefaultSeed) {
  EXPECT_EQ(eval("hash(10)", 7), Value(hash_murmur2(10, 7)));
  EXPECT_EQ(eval("hash(10, 7)"), Value(hash_murmur2(10, 7)));
  EXPECT_EQ(eval("hash_fnv1a(10, 7)"), Value(hash_fnv1a(10, 7)));
  EXPECT_EQ(eval("hash_murmur2(10)", 7), Value(hash_murmur2(10, 7)));
  EXPECT_NE(hash_murmur2(10, 7), hash_murmur2(11, 7));
  // FNV-1a of the 8 zero bytes with seed 0, a value fixed by the algorithm.
  EXPECT_EQ(static_cast<std::uint64_t>(hash_fnv1a(0, 0)), 0xa8c7f832281a39c5ULL);
}

TEST(Expr, PermuteIsABijection) {
  for (std::int64_t size : {1, 2, 7, 100, 1000}) {
    std::vector<bool> seen(static_cast<size_t>(size));
    for (std::int64_t i = 0; i < size; ++i) {
      const std::int64_t p = permute(i, size, 12345);
      ASSERT_GE(p, 0);
      ASSERT_LT(p, size);
      ASSERT_FALSE(seen[static_cast<size_t>(p)]) << "size " << size;
      seen[static_cast<size_t>(p)] = true;
    }
  }
  EXPECT_EQ(permute(-1, 10, 5), permute(9, 10, 5));
  EXPECT_NE(eval("permute(1, 1000000, 1)"), eval("permute(1, 1000000, 2)"));
}

TEST(Expr, RuntimeErrorsNameTheProblem) {
  EXPECT_EQ(error_of("1 / 0"), "division by zero");
  EXPECT_EQ(error_of("9223372036854775807 + 1"), "bigint out of range");
  EXPECT_EQ(error_of(":nope + 1"), "undefined variable \"nope\"");
  EXPECT_EQ(error_of(":word + 1"), "malformed variable \"word\" value: \"abc\"");
  EXPECT_EQ(error_of("random(5, 1)"), "empty range given to random");
  EXPECT_EQ(error_of("random_gaussian(1, 10, 1.5)"), "gaussian parameter must be at least 2.0 (not 1.5)");
  EXPECT_EQ(error_of("true + 1"), "cannot coerce boolean to double");
}

TEST(Expr, ParseErrorsPointAtTheToken) {
  VariableNames names;
  try {
    parse_expression("1 + frob(2)", 10, names);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "unknown function \"frob\"");
    EXPECT_EQ(e.where.column, 14);
  }
  EXPECT_EQ(error_of("random(1)"), "wrong number of arguments for function \"random\"");
  EXPECT_EQ(error_of("1 +"), "unexpected end of expression");
  EXPECT_EQ(error_of("(1 + 2"), "expected \")\"");
  EXPECT_EQ(error_of("1 < 2 < 3"), "syntax error: comparisons do not chain");
  EXPECT_EQ(error_of("randon(1, 2)"), "unknown function \"randon\" (did you mean 'random'?)");
}

TEST(Expr, DeepNestingIsAnErrorNotAStackOverflow) {
  // 9,000 levels crashed the parser; every way of nesting is bounded.
  for (const auto& [open, close] : std::vector<std::pair<std::string, std::string>>{
           {"(", ")"}, {"abs(", ")"}, {"-", ""}, {"NOT ", ""}, {"CASE WHEN true THEN ", " END"}}) {
    std::string text;
    for (int i = 0; i < 9000; ++i) text += open;
    text += "1";
    for (int i = 0; i < 9000; ++i) text += close;
    EXPECT_EQ(error_of(text), "expression nested more than 500 levels deep") << open;
  }
  std::string fine;
  for (int i = 0; i < 100; ++i) fine += "(";
  fine += "7";
  for (int i = 0; i < 100; ++i) fine += ")";
  EXPECT_EQ(eval(fine), Value(std::int64_t{7}));
}

TEST(Expr, ALongChainIsBoundedAndTheCapIsAnError) {
  // A chain 1 + 1 + … is as deep as it is long once parsed. 1,000 operators evaluate; 100,000
  // are an error at once (they parsed for over 10 minutes, ignoring SIGTERM, when each step
  // copied the left side).
  std::string chain = "1";
  for (int i = 0; i < 1000; ++i) chain += " + 1";
  EXPECT_EQ(eval(chain), Value(std::int64_t{1001}));
  EXPECT_EQ(error_of(chain + " + 1"), "expression has more than 1000 operators");
  for (int i = 0; i < 99000; ++i) chain += " + 1";
  EXPECT_EQ(error_of(chain), "expression has more than 1000 operators");
}

TEST(Expr, AnOutOfRangeDoubleIsABadNumberAsInPgbench) {
  EXPECT_EQ(error_of("1e999"), "bad number: 1e999");
  EXPECT_EQ(error_of("2 * 1e-999"), "bad number: 1e-999");
  EXPECT_EQ(eval("1.5e3"), Value(1500.0));
}

}  // namespace
}  // namespace pgcertify::load
