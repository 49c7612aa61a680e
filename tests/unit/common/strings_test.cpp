#include "common/strings.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace pgcertify {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsAndSubstitutions) {
  EXPECT_EQ(edit_distance("expect", "expect"), 0u);
  EXPECT_EQ(edit_distance("expcet", "expect"), 2u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(DidYouMean, SuggestsTheClosestCandidate) {
  const std::vector<std::string> keys = {"sql", "expect", "as_role", "settings"};
  EXPECT_EQ(did_you_mean("expcet", keys), " (did you mean 'expect'?)");
  EXPECT_EQ(did_you_mean("setings", keys), " (did you mean 'settings'?)");
}

TEST(DidYouMean, StaysQuietWhenNothingIsClose) {
  const std::vector<std::string> keys = {"sql", "expect"};
  EXPECT_EQ(did_you_mean("completely_different", keys), "");
}

TEST(ValidUtf8, KeepsWellFormedTextAndReplacesTheRest) {
  EXPECT_EQ(valid_utf8("plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), "plain \xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
  EXPECT_EQ(valid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");   // overlong '/'
  EXPECT_EQ(valid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // a surrogate
  EXPECT_EQ(valid_utf8("ab\xE2\x82"), "ab\xEF\xBF\xBD\xEF\xBF\xBD");  // cut off
}

TEST(LineOf, ReturnsTheNumberedLineWithoutItsNewline) {
  EXPECT_EQ(line_of("a\nbb\r\nccc", 2), "bb");
  EXPECT_EQ(line_of("a\nbb\nccc", 3), "ccc");
  EXPECT_EQ(line_of("a", 5), "");
}

TEST(ErrorFormat, ReadsLikeACompilerMessageWithACaret) {
  Error e = Error(ErrorKind::kPlan, "unknown key 'expcet'").at({"plan.yaml", 3, 5}, "    expcet: 1");
  EXPECT_EQ(e.format(), "plan.yaml:3:5: unknown key 'expcet'\n      expcet: 1\n      ^");
}

}  // namespace
}  // namespace pgcertify
