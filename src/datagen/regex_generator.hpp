#pragma once
// Strings that match a simple regular expression: the shapes CHECK constraints use for codes,
// hashes and e-mail addresses (`^[A-Z0-9]{6,8}$`, `^[a-f0-9]{64}$`, `^[^@]+@…\.[a-z]{2,}$`).
// Anchors, literals, escapes, `.`, classes with ranges, groups `(…)` and `(?:…)` with alternation
// `a|b`, and ? * + {n} {n,} {n,m} on characters and groups. Backreferences and lookarounds are
// not generated: compile() says so and the caller asks for an explicit generator.

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datagen/table_rng.hpp"

namespace pgcertify::datagen {

class RegexGenerator {
 public:
  /// nullopt with `why` set when the expression uses something outside the subset.
  static std::optional<RegexGenerator> compile(std::string_view regex, std::string* why);

  void generate(Prng& rng, std::string& out) const;
  /// How many distinct strings it can produce (saturates at 1e18): bounds `unique`.
  double combinations() const;

 private:
  struct Item;
  using Sequence = std::vector<Item>;
  /// One character from `chars`, or (when `branches` is not empty) one of the branches; repeated
  /// min..max times.
  struct Item {
    std::string chars;
    std::vector<Sequence> branches;
    int min = 1, max = 1;
  };
  class Parser;

  static void generate(const Sequence& sequence, Prng& rng, std::string& out);
  static double combinations(const Sequence& sequence);

  std::vector<Sequence> branches_;  // the top level: one branch, or ^(…|…)$ read as a group
};

}  // namespace pgcertify::datagen
