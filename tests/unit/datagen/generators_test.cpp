#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <memory>
#include <regex>
#include <set>
#include <stdexcept>
#include <tuple>

#include "common/error.hpp"
#include "datagen/column_generator.hpp"
#include "datagen/permutation.hpp"
#include "datagen/table_rng.hpp"
#include "datagen/regex_generator.hpp"

namespace pgcertify::datagen {
namespace {
GeneratorSpec spec_from(const std::string& yaml) {
  auto source = std::make_shared<plan::SourceText>(plan::SourceText{"plan.yaml", yaml});
  return parse_generator(plan::Node(YAML::Load(yaml), source));
}

std::vector<std::string> render(const std::string& yaml, const std::string& type, int n, unsigned long long seed = 7) {
  ColumnGenerator g(spec_from(yaml), column_type(type), 1'700'000'000);
  Prng rng(seed);
  std::vector<std::string> out;
  Datum d;
  for (int i = 0; i < n; ++i) {
    g.next(rng, i, d);
    std::string text;
    g.render(d, text);
    out.push_back(text);
  }
  return out;
}

TEST(Rng, SameSeedSameStreamAndTablesDiffer) {
  Prng a = table_rng(42, "classrooms"), b = table_rng(42, "classrooms"), c = table_rng(42, "lessons");
  const uint64_t first = a.next_u64();
  EXPECT_EQ(first, b.next_u64());
  EXPECT_NE(first, c.next_u64());
  for (int i = 0; i < 1000; ++i) {
    const auto v = a.between(-3, 3);
    ASSERT_GE(v, -3);
    ASSERT_LE(v, 3);
  }
}

TEST(Generators, UniformStaysInRangeAndCoversIt) {
  std::set<std::string> seen;
  for (const auto& v : render("{uniform: [4, 6]}", "integer", 300)) seen.insert(v);
  EXPECT_EQ(seen, (std::set<std::string>{"4", "5", "6"}));
}

TEST(Generators, NumericKeepsItsScale) {
  for (const auto& v : render("{uniform: [0, 100]}", "numeric(5,2)", 50)) {
    ASSERT_TRUE(std::regex_match(v, std::regex(R"(\d{1,3}\.\d\d)"))) << v;
    ASSERT_LE(std::stod(v), 100.0);
  }
}

TEST(Generators, NormalIsClamped) {
  for (const auto& v : render("{normal: {mean: 50, stddev: 40, min: 0, max: 100}}", "integer", 500)) {
    ASSERT_GE(std::stoi(v), 0);
    ASSERT_LE(std::stoi(v), 100);
  }
}

TEST(Generators, WeightedOneOfFollowsTheWeights) {
  int view = 0, complete = 0;
  for (const auto& v : render("{one_of: {view: 5, click: 3, complete: 1}}", "text", 9000)) {
    view += v == "view";
    complete += v == "complete";
  }
  EXPECT_NEAR(view, 5000, 300);
  EXPECT_NEAR(complete, 1000, 200);
}

TEST(Generators, SequenceUuidPatternEmail) {
  EXPECT_EQ(render("{sequence: {start: 10, step: 5}}", "bigint", 3), (std::vector<std::string>{"10", "15", "20"}));
  const auto uuids = render("uuid", "uuid", 100);
  EXPECT_EQ(std::set<std::string>(uuids.begin(), uuids.end()).size(), 100u);
  for (const auto& u : uuids) ASSERT_TRUE(std::regex_match(u, std::regex("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))) << u;
  for (const auto& p : render("{pattern: 'UC??######'}", "text", 20)) ASSERT_TRUE(std::regex_match(p, std::regex("UC[A-Z]{2}[0-9]{6}"))) << p;
  for (const auto& e : render("email", "character varying(255)", 20))
    ASSERT_TRUE(std::regex_match(e, std::regex(R"(^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$)"))) << e;
}

TEST(Generators, BetweenRendersTimestampsInsideTheWindow) {
  for (const auto& v : render("{between: [-365d, now]}", "timestamp with time zone", 50)) {
    ASSERT_TRUE(std::regex_match(v, std::regex(R"(20\d\d-\d\d-\d\d \d\d:\d\d:\d\d\+00)"))) << v;
    ASSERT_LE(v, "2023-11-14 22:13:20+00");
    ASSERT_GE(v, "2022-11-14");
  }
  for (const auto& v : render("{between: [-30d, now]}", "date", 20)) ASSERT_TRUE(std::regex_match(v, std::regex(R"(\d{4}-\d\d-\d\d)"))) << v;
}

TEST(Generators, NullFractionAndCopyEscaping) {
  int nulls = 0;
  for (const auto& v : render("{text: {words: [1, 3]}, null_fraction: 0.5}", "text", 2000)) nulls += v == "\\N";
  EXPECT_NEAR(nulls, 1000, 120);
  std::string out;
  append_copy_text("a\tb\\c\nd", out);
  EXPECT_EQ(out, "a\\tb\\\\c\\nd");
}

TEST(Generators, SameSeedSameValues) {
  EXPECT_EQ(render("{text: {words: [2, 5]}}", "text", 50, 1), render("{text: {words: [2, 5]}}", "text", 50, 1));
  EXPECT_NE(render("{text: {words: [2, 5]}}", "text", 50, 1), render("{text: {words: [2, 5]}}", "text", 50, 2));
}

TEST(Generators, RefSamplesParentKeysAndZipfSkews) {
  auto keys = std::make_shared<std::vector<std::string>>();
  for (int i = 0; i < 100; ++i) keys->push_back("k" + std::to_string(i));
  GeneratorSpec uniform = spec_from("{ref: classrooms.id}");
  GeneratorSpec skewed = spec_from("{ref: classrooms.id, zipf: 1.2}");
  EXPECT_EQ(uniform.ref_table, "classrooms");
  EXPECT_EQ(uniform.ref_column, "id");
  auto count_first = [&](const GeneratorSpec& s) {
    ColumnGenerator g(s, column_type("text"), 0);
    g.set_ref_values(keys);
    Prng rng(3);
    Datum d;
    int first = 0;
    for (int i = 0; i < 10000; ++i) g.next(rng, i, d), first += d.text == "k0";
    return first;
  };
  EXPECT_NEAR(count_first(uniform), 100, 50);
  EXPECT_GT(count_first(skewed), 1000);
}

TEST(Generators, JsonTemplatesGenerateTheirLeaves) {
  const auto rows = render("{json: {score: {uniform: [0, 100]}, kind: {one_of: [a, b]}, source: web, n: 0, "
                           "meta: {ok: true, note: null}}}", "jsonb", 20);
  for (const auto& v : rows)
    ASSERT_TRUE(std::regex_match(v, std::regex(R"(\{"score": \d{1,3}, "kind": "[ab]", "source": "web", "n": 0, "meta": \{"ok": true, "note": null\}\})"))) << v;
  EXPECT_EQ(render("json", "jsonb", 1)[0], "{}");
  EXPECT_THROW(spec_from("{json: {parent: {ref: classrooms.id}}}"), Error);
}

TEST(GeneratorSpec, BadGeneratorsAreClearErrors) {
  try {
    spec_from("{unifrom: [0, 10]}");
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("unknown generator 'unifrom'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("did you mean 'uniform'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(spec_from("{uniform: [10, 0]}"), Error);
  EXPECT_THROW(spec_from("{between: [-365x, now]}"), Error);
  EXPECT_THROW(spec_from("{ref: classrooms}"), Error);
  EXPECT_THROW(spec_from("{uuid: true, null_fraction: 2}"), Error);
  EXPECT_THROW(ColumnGenerator(spec_from("uuid"), column_type("integer"), 0), std::invalid_argument);
}

TEST(RegexGenerator, GeneratesMatchesAndCountsCombinations) {
  for (const std::string re : {"^[A-Z0-9]{6,8}$", "^[a-f0-9]{64}$", "^[a-z][a-z0-9_]{0,49}$",
                               "^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}$"}) {
    std::string why;
    auto g = RegexGenerator::compile(re, &why);
    ASSERT_TRUE(g) << re << ": " << why;
    Prng rng(5);
    for (int i = 0; i < 50; ++i) {
      std::string s;
      g->generate(rng, s);
      ASSERT_TRUE(std::regex_search(s, std::regex(re, std::regex::extended))) << re << " -> " << s;
    }
  }
  std::string why;
  EXPECT_DOUBLE_EQ(RegexGenerator::compile("^[AB][0-9]$", &why)->combinations(), 20);
  EXPECT_FALSE(RegexGenerator::compile("abc$", &why));
}

TEST(RegexGenerator, GroupsAlternationAndQuantifiedGroupsMatchAndCount) {
  for (const std::string re : {"^(a|b)[0-9]{2}$", "^(ab|cd)?x$", "^([A-Z]{2}-){2,3}[0-9]$", "^(?:INV|CRN)-(19|20)[0-9]{2}$",
                               "^((a|b)c|d)+$"}) {
    std::string why;
    auto g = RegexGenerator::compile(re, &why);
    ASSERT_TRUE(g) << re << ": " << why;
    std::set<std::string> seen;
    Prng rng(9);
    for (int i = 0; i < 200; ++i) {
      std::string s;
      g->generate(rng, s);
      std::string posix = re;  // std::regex's extended grammar has no (?:…)
      if (auto at = posix.find("(?:"); at != std::string::npos) posix.erase(at + 1, 2);
      ASSERT_TRUE(std::regex_match(s, std::regex(posix, std::regex::extended))) << re << " -> " << s;
      seen.insert(s);
    }
    EXPECT_GT(seen.size(), 2u) << re;  // alternatives and repetitions are all drawn
  }
  std::string why;
  EXPECT_DOUBLE_EQ(RegexGenerator::compile("^(a|b)[0-9]{2}$", &why)->combinations(), 200);
  EXPECT_DOUBLE_EQ(RegexGenerator::compile("^(ab|cd)?x$", &why)->combinations(), 3);
  EXPECT_DOUBLE_EQ(RegexGenerator::compile("^([AB]-){2,3}$", &why)->combinations(), 4 + 8);
}

TEST(RegexGenerator, RejectsBackreferencesLookaroundsAndUnanchoredAlternation) {
  std::string why;
  EXPECT_FALSE(RegexGenerator::compile("^(a)\\1$", &why));
  EXPECT_EQ(why, "backreferences (\\1 …) cannot be generated");
  EXPECT_FALSE(RegexGenerator::compile("^(?=a)a$", &why));
  EXPECT_EQ(why, "lookarounds ((?=…), (?!…), …) cannot be generated");
  EXPECT_FALSE(RegexGenerator::compile("^a|b$", &why));
  EXPECT_EQ(why, "alternation outside a group matches unanchored text: write ^(a|b)$");
  EXPECT_FALSE(RegexGenerator::compile("^(ab$", &why));
  EXPECT_EQ(why, "a group is not closed");
  EXPECT_FALSE(RegexGenerator::compile("^ab)$", &why));
  EXPECT_EQ(why, "')' without its '('");
}

TEST(UniqueByPermutation, PatternAndRangeValuesNeverRepeatAndKeepTheirShape) {
  for (const auto& [yaml, type, n] : std::vector<std::tuple<std::string, std::string, int>>{
           {"{pattern: 'UC?##', unique: true}", "text", 2600}, {"{uniform: [10, 2009], unique: true}", "integer", 2000}}) {
    GeneratorSpec spec = spec_from(yaml);
    ColumnGenerator g(spec, column_type(type), 0);
    ASSERT_TRUE(g.inherently_unique()) << yaml;
    g.seed_permutation(1234);
    Prng rng(1);
    std::set<std::string> seen;
    Datum d;
    for (int i = 0; i < n; ++i) {  // the whole space, each value once
      g.next(rng, i, d, i);
      std::string text;
      g.render(d, text);
      ASSERT_TRUE(seen.insert(text).second) << yaml << " repeated " << text << " at draw " << i;
      if (type == "text") ASSERT_TRUE(std::regex_match(text, std::regex("UC[A-Z][0-9]{2}"))) << text;
      else ASSERT_TRUE(d.number >= 10 && d.number <= 2009) << text;
    }
    EXPECT_THROW(g.next(rng, n, d, n), std::out_of_range);
  }
}

TEST(UniqueByPermutation, SeedsGiveDifferentOrdersAndTheSameSeedTheSameOne) {
  auto first = [](uint64_t seed) {
    ColumnGenerator g(spec_from("{uniform: [1, 1000000], unique: true}"), column_type("integer"), 0);
    g.seed_permutation(seed);
    Prng rng(1);
    Datum d;
    std::vector<double> out;
    for (int i = 0; i < 20; ++i) g.next(rng, i, d, i), out.push_back(d.number);
    return out;
  };
  EXPECT_EQ(first(1), first(1));
  EXPECT_NE(first(1), first(2));
  const auto values = first(1);
  EXPECT_FALSE(std::is_sorted(values.begin(), values.end()));
}

TEST(Permutation, IsABijectionForEverySmallSize) {
  for (uint64_t size : {1, 2, 3, 7, 100, 1000, 4097}) {
    Permutation p(size, 99);
    std::set<uint64_t> images;
    for (uint64_t i = 0; i < size; ++i) {
      const uint64_t image = p(i);
      ASSERT_LT(image, size);
      images.insert(image);
    }
    EXPECT_EQ(images.size(), size);
  }
}

}  // namespace
}  // namespace pgcertify::datagen
