#include "datagen/regex_generator.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

namespace pgcertify::datagen {
namespace {
/// Open-ended repetitions (`+`, `*`, `{n,}`) stop this far past their minimum: short, readable values.
constexpr int kOpenExtra = 8;

std::string printable_except(std::string_view excluded) {
  std::string out;
  for (char c = 'a'; c <= 'z'; ++c) out += c;
  for (char c = '0'; c <= '9'; ++c) out += c;
  std::string kept;
  for (char c : out)
    if (excluded.find(c) == std::string_view::npos) kept += c;
  return kept;
}

std::optional<std::string> escape_class(char c) {
  switch (c) {
    case 'd': return std::string("0123456789");
    case 'w': return std::string("abcdefghijklmnopqrstuvwxyz0123456789_");
    case 's': return std::string(" ");
    default: break;
  }
  if (std::isalnum(static_cast<unsigned char>(c))) return std::nullopt;
  return std::string(1, c);
}

/// Reads `[...]` starting after '['; returns the characters, advances `i` past ']'.
std::optional<std::string> read_class(std::string_view re, size_t& i, std::string* why) {
  bool negate = false;
  if (i < re.size() && re[i] == '^') negate = true, ++i;
  std::string chars;
  bool first = true;
  while (i < re.size() && (re[i] != ']' || first)) {
    first = false;
    char c = re[i++];
    if (c == '\\' && i < re.size()) {
      auto cls = escape_class(re[i++]);
      if (!cls) return *why = "unsupported escape in a class", std::nullopt;
      chars += *cls;
      continue;
    }
    if (i + 1 < re.size() && re[i] == '-' && re[i + 1] != ']') {
      const char hi = re[i + 1];
      i += 2;
      for (char x = c; x <= hi; ++x) chars += x;
      continue;
    }
    chars += c;
  }
  if (i >= re.size()) return *why = "unterminated character class", std::nullopt;
  ++i;  // ']'
  if (negate) return printable_except(chars);
  return chars;
}

bool read_quantifier(std::string_view re, size_t& i, int& min, int& max) {
  if (i >= re.size()) return true;
  const char q = re[i];
  if (q == '?') return min = 0, max = 1, ++i, true;
  if (q == '*') return min = 0, max = kOpenExtra, ++i, true;
  if (q == '+') return min = 1, max = 1 + kOpenExtra, ++i, true;
  if (q != '{') return true;
  const size_t close = re.find('}', i);
  if (close == std::string_view::npos) return false;
  const std::string body(re.substr(i + 1, close - i - 1));
  const size_t comma = body.find(',');
  try {
    min = std::stoi(body.substr(0, comma));
    if (comma == std::string::npos) max = min;
    else if (comma + 1 == body.size()) max = min + kOpenExtra;
    else max = std::stoi(body.substr(comma + 1));
  } catch (...) {
    return false;
  }
  i = close + 1;
  return min >= 0 && max >= min;
}
}  // namespace

std::optional<RegexGenerator> RegexGenerator::compile(std::string_view re, std::string* why) {
  RegexGenerator out;
  size_t i = 0;
  if (!re.empty() && re[0] == '^') ++i;
  else return *why = "the expression is not anchored with ^ (values could match anywhere)", std::nullopt;
  while (i < re.size()) {
    const char c = re[i++];
    if (c == '$' && i == re.size()) return out;
    Atom atom;
    if (c == '[') {
      auto chars = read_class(re, i, why);
      if (!chars) return std::nullopt;
      atom.chars = *chars;
    } else if (c == '\\' && i < re.size()) {
      auto cls = escape_class(re[i++]);
      if (!cls) return *why = "unsupported escape", std::nullopt;
      atom.chars = *cls;
    } else if (c == '.') {
      atom.chars = printable_except("");
    } else if (c == '(' || c == ')' || c == '|' || c == '^' || c == '$' || c == '{' || c == '*' || c == '+' || c == '?') {
      return *why = std::string("'") + c + "' (groups, alternation) is outside the supported subset", std::nullopt;
    } else {
      atom.chars = std::string(1, c);
    }
    if (atom.chars.empty()) return *why = "an empty character class", std::nullopt;
    if (!read_quantifier(re, i, atom.min, atom.max)) return *why = "a malformed {n,m} repetition", std::nullopt;
    out.atoms_.push_back(std::move(atom));
  }
  return *why = "the expression is not anchored with $ (values could carry anything after it)", std::nullopt;
}

void RegexGenerator::generate(Rng& rng, std::string& out) const {
  for (const auto& atom : atoms_) {
    const int count = atom.min == atom.max ? atom.min : static_cast<int>(rng.between(atom.min, atom.max));
    for (int k = 0; k < count; ++k)
      out += atom.chars.size() == 1 ? atom.chars[0] : atom.chars[rng.next() % atom.chars.size()];
  }
}

double RegexGenerator::combinations() const {
  double total = 1;
  for (const auto& atom : atoms_) {
    double choices = 0;
    for (int k = atom.min; k <= atom.max; ++k) choices += std::pow(static_cast<double>(atom.chars.size()), k);
    total = std::min(total * std::max(choices, 1.0), 1e18);
  }
  return total;
}

}  // namespace pgcertify::datagen
