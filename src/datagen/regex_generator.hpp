#pragma once
// Strings that match a simple regular expression: the shapes CHECK constraints use for codes,
// hashes and e-mail addresses (`^[A-Z0-9]{6,8}$`, `^[a-f0-9]{64}$`, `^[^@]+@…\.[a-z]{2,}$`).
// Anchors, literals, escapes, `.`, classes with ranges, and ? * + {n} {n,} {n,m}. No groups or
// alternation: compile() says so and the caller asks for an explicit generator.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "datagen/random.hpp"

namespace pgcertify::datagen {

class RegexGenerator {
 public:
  /// nullopt with `why` set when the expression uses something outside the subset.
  static std::optional<RegexGenerator> compile(std::string_view regex, std::string* why);

  void generate(Rng& rng, std::string& out) const;
  /// How many distinct strings it can produce (saturates at 1e18): bounds `unique`.
  double combinations() const;

 private:
  struct Atom {
    std::string chars;  // the alternatives for one character
    int min = 1, max = 1;
  };
  std::vector<Atom> atoms_;
};

}  // namespace pgcertify::datagen
