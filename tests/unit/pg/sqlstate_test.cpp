#include "pg/sqlstate.hpp"

#include <gtest/gtest.h>

namespace pgcertify::pg {
namespace {

TEST(Sqlstate, MapsConditionNamesAndCodesBothWays) {
  EXPECT_EQ(parse_sqlstate("check_violation"), "23514");
  EXPECT_EQ(parse_sqlstate("Unique_Violation"), "23505");
  EXPECT_EQ(parse_sqlstate("42501"), "42501");
  EXPECT_EQ(condition_name("42501"), "insufficient_privilege");
  EXPECT_EQ(condition_name("57014"), "query_canceled");
  EXPECT_FALSE(parse_sqlstate("no_such_condition"));
}

}  // namespace
}  // namespace pgcertify::pg
