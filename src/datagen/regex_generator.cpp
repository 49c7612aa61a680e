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

/// Recursive descent over the subset; the first problem is kept in `why`.
class RegexGenerator::Parser {
 public:
  Parser(std::string_view re, std::string* why) : re_(re), why_(why) {}

  std::optional<std::vector<Sequence>> alternation(int depth) {
    std::vector<Sequence> branches;
    branches.emplace_back();
    while (i_ < re_.size()) {
      const char c = re_[i_];
      if (c == ')') break;
      if (c == '$' && i_ + 1 == re_.size()) break;  // the end anchor (a group still open is reported by item())
      if (c == '|') {
        if (depth == 0) return fail("alternation outside a group matches unanchored text: write ^(a|b)$");
        ++i_;
        branches.emplace_back();
        continue;
      }
      auto item = this->item(depth);
      if (!item) return std::nullopt;
      branches.back().push_back(std::move(*item));
    }
    return branches;
  }

  bool at_end_anchor() const { return i_ + 1 == re_.size() && re_[i_] == '$'; }
  size_t position() const { return i_; }
  void advance() { ++i_; }

 private:
  std::nullopt_t fail(std::string why) {
    *why_ = std::move(why);
    return std::nullopt;
  }

  std::optional<Item> item(int depth) {
    Item item;
    const char c = re_[i_++];
    if (c == '(') {
      if (re_.substr(i_).starts_with("?:")) i_ += 2;
      else if (i_ < re_.size() && re_[i_] == '?') return fail("lookarounds ((?=…), (?!…), …) cannot be generated");
      auto branches = alternation(depth + 1);
      if (!branches) return std::nullopt;
      if (i_ >= re_.size() || re_[i_] != ')') return fail("a group is not closed");
      ++i_;
      item.branches = std::move(*branches);
    } else if (c == '[') {
      auto chars = read_class(re_, i_, why_);
      if (!chars) return std::nullopt;
      item.chars = *chars;
    } else if (c == '\\' && i_ < re_.size()) {
      const char e = re_[i_++];
      if (e >= '1' && e <= '9') return fail("backreferences (\\1 …) cannot be generated");
      auto cls = escape_class(e);
      if (!cls) return fail("unsupported escape");
      item.chars = *cls;
    } else if (c == '.') {
      item.chars = printable_except("");
    } else if (c == ')' || c == '^' || c == '$' || c == '{' || c == '*' || c == '+' || c == '?') {
      return fail(std::string("'") + c + "' out of place");
    } else {
      item.chars = std::string(1, c);
    }
    if (item.branches.empty() && item.chars.empty()) return fail("an empty character class");
    if (!read_quantifier(re_, i_, item.min, item.max)) return fail("a malformed {n,m} repetition");
    return item;
  }

  std::string_view re_;
  size_t i_ = 1;  // past '^'
  std::string* why_;
};

std::optional<RegexGenerator> RegexGenerator::compile(std::string_view re, std::string* why) {
  if (re.empty() || re[0] != '^') return *why = "the expression is not anchored with ^ (values could match anywhere)", std::nullopt;
  Parser parser(re, why);
  auto branches = parser.alternation(0);
  if (!branches) return std::nullopt;
  if (parser.position() < re.size() && re[parser.position()] == ')') return *why = "')' without its '('", std::nullopt;
  if (!parser.at_end_anchor())
    return *why = "the expression is not anchored with $ (values could carry anything after it)", std::nullopt;
  RegexGenerator out;
  out.branches_ = std::move(*branches);
  return out;
}

void RegexGenerator::generate(const Sequence& sequence, Prng& rng, std::string& out) {
  for (const auto& item : sequence) {
    const int count = item.min == item.max ? item.min : static_cast<int>(rng.between(item.min, item.max));
    for (int k = 0; k < count; ++k) {
      if (!item.branches.empty()) generate(item.branches[item.branches.size() == 1 ? 0 : rng.next_u64() % item.branches.size()], rng, out);
      else out += item.chars.size() == 1 ? item.chars[0] : item.chars[rng.next_u64() % item.chars.size()];
    }
  }
}

void RegexGenerator::generate(Prng& rng, std::string& out) const { generate(branches_.front(), rng, out); }

double RegexGenerator::combinations(const Sequence& sequence) {
  double total = 1;
  for (const auto& item : sequence) {
    double one = 0;  // distinct values of one repetition (an upper bound when branches overlap)
    if (item.branches.empty()) one = static_cast<double>(item.chars.size());
    else
      for (const auto& branch : item.branches) one = std::min(1e18, one + combinations(branch));
    double choices = 0;
    for (int k = item.min; k <= item.max; ++k) choices = std::min(1e18, choices + std::pow(one, k));
    total = std::min(total * std::max(choices, 1.0), 1e18);
  }
  return total;
}

double RegexGenerator::combinations() const { return combinations(branches_.front()); }

}  // namespace pgcertify::datagen
