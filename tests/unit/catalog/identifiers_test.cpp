#include "catalog/identifiers.hpp"

#include <gtest/gtest.h>

#include "catalog/decode.hpp"

namespace pgcertify::catalog {
namespace {

TEST(Identifiers, UnquotedNamesFoldAndQuotedKeepCase) {
  EXPECT_EQ(parse_qualified_name("Classrooms", "public"), (QualifiedName{"public", "classrooms"}));
  EXPECT_EQ(parse_qualified_name("app.\"Kids\"", "public"), (QualifiedName{"app", "Kids"}));
  EXPECT_EQ(parse_qualified_name("\"a.b\"", "s"), (QualifiedName{"s", "a.b"}));
  EXPECT_FALSE(parse_qualified_name("a.b.c", "s"));
  EXPECT_FALSE(parse_qualified_name("a b", "s"));
  EXPECT_FALSE(parse_qualified_name("\"open", "s"));
}

TEST(Identifiers, QuotesOnlyWhatSqlNeeds) {
  EXPECT_EQ(quote_if_needed("classrooms"), "classrooms");
  EXPECT_EQ(quote_if_needed("Kids"), "\"Kids\"");
  EXPECT_EQ(quote_if_needed("user"), "\"user\"");
  EXPECT_EQ(quote_if_needed("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ((QualifiedName{"public", "order"}).display(), "public.\"order\"");
}

TEST(Identifiers, SplitsAtTopLevelCommasOnly) {
  EXPECT_EQ(split_top_level("numeric(10, 2), text, 'a,b'"), (std::vector<std::string>{"numeric(10, 2)", "text", "'a,b'"}));
  EXPECT_TRUE(split_top_level("").empty());
}

TEST(Identifiers, ReadsSignaturesAndReferences) {
  const auto sig = parse_signature("generate_hash(uuid, uuid, integer, date)");
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->name, "generate_hash");
  EXPECT_EQ(*sig->argument_types, (std::vector<std::string>{"uuid", "uuid", "integer", "date"}));
  EXPECT_FALSE(parse_signature("f()")->argument_types->size());
  EXPECT_FALSE(parse_signature("f")->argument_types);
  EXPECT_FALSE(parse_signature("f(int"));
  EXPECT_FALSE(parse_signature("f(int,)"));
  const auto ref = parse_reference("app.parents(id, \"Code\")");
  ASSERT_TRUE(ref);
  EXPECT_EQ(ref->table, "app.parents");
  EXPECT_EQ(ref->columns, (std::vector<std::string>{"id", "Code"}));
}

TEST(Decode, TriggerTypeBits) {
  // BEFORE (2) | ROW (1) | INSERT (4) | UPDATE (16)
  const TriggerType t = decode_trigger_type(23);
  EXPECT_EQ(t.timing, "before");
  EXPECT_EQ(t.level, "row");
  EXPECT_EQ(t.events, (std::vector<std::string>{"insert", "update"}));
  EXPECT_EQ(decode_trigger_type(64 | 8 | 1).timing, "instead of");
  EXPECT_EQ(decode_trigger_type(32).level, "statement");
}

TEST(Decode, PartitionKeysAndCodes) {
  const Partitioning p = parse_partition_key("HASH (lower(email), id)");
  EXPECT_EQ(p.strategy, "hash");
  EXPECT_EQ(p.key, (std::vector<std::string>{"lower(email)", "id"}));
  EXPECT_EQ(foreign_key_action('n'), "set null");
  EXPECT_EQ(volatility_name('s'), "stable");
  EXPECT_EQ(routine_kind_name('p'), "procedure");
  EXPECT_EQ(policy_command_name('*'), "all");
}

}  // namespace
}  // namespace pgcertify::catalog
