#include "datagen/column_generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "datagen/words.hpp"

namespace pgcertify::datagen {
namespace {
Datum text_datum(std::string text) { return Datum{Datum::Kind::kText, 0, std::move(text), false}; }
/// `out` as an empty text value that keeps its buffer: no allocation per value once warm.
std::string& reset_text(Datum& out) {
  out.kind = Datum::Kind::kText;
  out.text.clear();
  return out.text;
}

/// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx" from two random words, without a formatter.
void append_uuid_text(uint64_t hi, uint64_t lo, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  char text[36];
  size_t at = 0;
  for (int nibble = 0; nibble < 32; ++nibble) {
    if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) text[at++] = '-';
    const uint64_t word = nibble < 16 ? hi : lo;
    text[at++] = kHex[(word >> (60 - 4 * (nibble % 16))) & 15];
  }
  out.append(text, sizeof text);
}
Datum number_datum(double v) { return Datum{Datum::Kind::kNumber, v, {}, false}; }

template <typename List>
std::string_view pick(Prng& rng, const List& list) {
  return list[rng.next_u64() % list.size()];
}

constexpr std::string_view kDigits = "0123456789";
constexpr std::string_view kLetters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
/// A permutation's index spans at most this many values (the Feistel domain must fit 64 bits).
constexpr double kMaxPermutation = 1ULL << 60;

/// `pattern:` letters: '#' a digit, '?' an upper-case letter, '*' a letter or digit, '\x' a literal x.
void expand_pattern(std::string_view pattern, Prng& rng, std::string& out) {
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '#') out += static_cast<char>('0' + rng.next_u64() % 10);
    else if (c == '?') out += kLetters[rng.next_u64() % kLetters.size()];
    else if (c == '*') out += kAlnum[rng.next_u64() % kAlnum.size()];
    else if (c == '\\' && i + 1 < pattern.size()) out += pattern[++i];
    else out += c;
  }
}

double pattern_combinations(std::string_view pattern) {
  double total = 1;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '#') total *= 10;
    else if (pattern[i] == '?') total *= 26;
    else if (pattern[i] == '*') total *= 36;
    else if (pattern[i] == '\\') ++i;
    total = std::min(total, 1e18);
  }
  return total;
}

bool kind_fits(GeneratorKind kind, const ColumnType& type) {
  switch (kind) {
    case GeneratorKind::kUuid: return type.kind == ValueType::kUuid || type.kind == ValueType::kText;
    case GeneratorKind::kBetween: return type.temporal() || type.kind == ValueType::kText;
    case GeneratorKind::kUniform:
    case GeneratorKind::kNormal:
    case GeneratorKind::kSequence:
      return type.numeric() || type.kind == ValueType::kText || type.kind == ValueType::kInterval;
    default: return true;
  }
}
}  // namespace

ColumnGenerator::ColumnGenerator(GeneratorSpec spec, ColumnType type, double now)
    : spec_(std::move(spec)), type_(std::move(type)), now_(now) {
  if (!kind_fits(spec_.kind, type_))
    throw std::invalid_argument(fmt::format("generator '{}' cannot produce values of type {}", generator_name(spec_.kind), type_.name));
  for (const auto& field : spec_.field_specs) {
    // Leaves render as JSON: numbers for numeric generators, strings (timestamps included) otherwise.
    const bool numeric = field.kind == GeneratorKind::kUniform || field.kind == GeneratorKind::kNormal ||
                         field.kind == GeneratorKind::kSequence;
    const bool whole = field.kind == GeneratorKind::kSequence ||
                       (field.kind == GeneratorKind::kUniform && std::floor(field.low) == field.low && std::floor(field.high) == field.high);
    const char* leaf_type = field.kind == GeneratorKind::kJson ? "jsonb"
                            : field.kind == GeneratorKind::kBetween ? "timestamp with time zone"
                            : numeric ? (whole ? "bigint" : "double precision") : "text";
    fields_.emplace_back(field, column_type(leaf_type), now);
  }
  if (spec_.kind == GeneratorKind::kRegex) {
    std::string why;
    regex_ = RegexGenerator::compile(spec_.pattern, &why);
    if (!regex_) throw std::invalid_argument(fmt::format("regex '{}': {}", spec_.pattern, why));
  }
  if (spec_.kind == GeneratorKind::kOneOf || spec_.kind == GeneratorKind::kConstant) {
    double sum = 0;
    for (size_t i = 0; i < spec_.values.size(); ++i) {
      sum += spec_.weights.empty() ? 1.0 : spec_.weights[i];
      cumulative_.push_back(sum);
      Datum d = text_datum(spec_.values[i]);
      if (type_.numeric()) d = number_datum(std::strtod(spec_.values[i].c_str(), nullptr));
      choices_.push_back(std::move(d));
    }
    if (sum <= 0) throw std::invalid_argument("one_of: every weight is 0");
  }
  seed_permutation(0);
}

bool ColumnGenerator::integral_uniform() const {
  return spec_.kind == GeneratorKind::kUniform &&
         (type_.kind == ValueType::kInteger || type_.kind == ValueType::kText ||
          (std::floor(spec_.low) == spec_.low && std::floor(spec_.high) == spec_.high && type_.kind != ValueType::kFloat &&
           type_.kind != ValueType::kNumeric));
}

void ColumnGenerator::seed_permutation(uint64_t seed) {
  permutation_.reset();
  pattern_slots_.clear();
  if (!spec_.unique) return;
  if (integral_uniform() && spec_.high >= spec_.low) {
    permutation_.emplace(static_cast<uint64_t>(std::min(kMaxPermutation, spec_.high - spec_.low + 1)), seed);
    return;
  }
  if (spec_.kind != GeneratorKind::kPattern) return;
  std::vector<std::pair<size_t, std::string_view>> slots;
  size_t length = 0;
  for (size_t i = 0; i < spec_.pattern.size(); ++i, ++length) {
    const char c = spec_.pattern[i];
    if (c == '#') slots.emplace_back(length, kDigits);
    else if (c == '?') slots.emplace_back(length, kLetters);
    else if (c == '*') slots.emplace_back(length, kAlnum);
    else if (c == '\\') ++i;
  }
  // A value cut to the column's length would lose the positions that make it unique.
  if (type_.max_length > 0 && static_cast<int>(length) > type_.max_length) return;
  double size = 1;
  for (auto slot = slots.rbegin(); slot != slots.rend() && size * static_cast<double>(slot->second.size()) <= kMaxPermutation; ++slot) {
    size *= static_cast<double>(slot->second.size());
    pattern_slots_.push_back(*slot);
  }
  if (!pattern_slots_.empty()) permutation_.emplace(static_cast<uint64_t>(size), seed);
}

void ColumnGenerator::apply_permutation(long long draw, Datum& out) const {
  if (static_cast<uint64_t>(draw) >= permutation_->size())
    throw std::out_of_range(fmt::format("all {} distinct values of {} were drawn", permutation_->size(), spec_.describe()));
  uint64_t index = (*permutation_)(static_cast<uint64_t>(draw));
  if (out.kind == Datum::Kind::kNumber) {
    out.number = spec_.low + static_cast<double>(index);
    return;
  }
  for (const auto& [offset, alphabet] : pattern_slots_) {  // rightmost first: the index in mixed radix
    out.text[offset] = alphabet[index % alphabet.size()];
    index /= alphabet.size();
  }
}

size_t ColumnGenerator::weighted_index(Prng& rng) const {
  if (spec_.weights.empty()) return rng.next_u64() % choices_.size();
  const double target = rng.next_double() * cumulative_.back();
  return static_cast<size_t>(std::upper_bound(cumulative_.begin(), cumulative_.end(), target) - cumulative_.begin());
}

void ColumnGenerator::words(Prng& rng, int count, std::string& out) const {
  for (int i = 0; i < count; ++i) {
    if (i) out += ' ';
    out += pick(rng, lorem_words());
  }
}

void ColumnGenerator::fit_length(std::string& text) const {
  if (type_.max_length > 0 && static_cast<int>(text.size()) > type_.max_length) text.resize(static_cast<size_t>(type_.max_length));
}

void ColumnGenerator::next(Prng& rng, long long row, Datum& out, long long draw) const {
  if (spec_.null_fraction > 0 && rng.next_double() < spec_.null_fraction) {
    out = Datum{};
    return;
  }
  next_value(rng, row, out);
  if (permutation_) apply_permutation(draw, out);
  if (out.kind == Datum::Kind::kNumber) {
    if (type_.kind == ValueType::kInteger || type_.kind == ValueType::kText) out.number = std::round(out.number);
    else if (type_.kind == ValueType::kNumeric) out.number = std::round(out.number * type_.scale_factor()) / type_.scale_factor();
    else if (type_.kind == ValueType::kDate) out.number = std::floor(out.number / 86400) * 86400;
    else if (type_.temporal() || type_.kind == ValueType::kInterval) out.number = std::floor(out.number);
  } else if (out.kind == Datum::Kind::kText) {
    fit_length(out.text);
  }
}

void ColumnGenerator::next_value(Prng& rng, long long row, Datum& out) const {
  switch (spec_.kind) {
    case GeneratorKind::kUniform: {
      out = number_datum(integral_uniform() ? static_cast<double>(rng.between(static_cast<int64_t>(spec_.low), static_cast<int64_t>(spec_.high)))
                                  : spec_.low + rng.next_double() * (spec_.high - spec_.low));
      return;
    }
    case GeneratorKind::kNormal:
      out = number_datum(std::clamp(spec_.mean + spec_.stddev * rng.gaussian(), spec_.low, spec_.high));
      return;
    case GeneratorKind::kOneOf:
    case GeneratorKind::kConstant: out = choices_[weighted_index(rng)]; return;
    case GeneratorKind::kSequence: out = number_datum(static_cast<double>(spec_.start + row * spec_.step)); return;
    case GeneratorKind::kBetween: out = number_datum(now_ + spec_.low + rng.next_double() * (spec_.high - spec_.low)); return;
    case GeneratorKind::kUuid: {
      const uint64_t hi = (rng.next_u64() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
      const uint64_t lo = (rng.next_u64() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
      append_uuid_text(hi, lo, reset_text(out));
      return;
    }
    case GeneratorKind::kPattern: expand_pattern(spec_.pattern, rng, reset_text(out)); return;
    case GeneratorKind::kRegex: regex_->generate(rng, reset_text(out)); return;
    case GeneratorKind::kEmail: {
      // The row number makes every address distinct (UNIQUE e-mail columns are the rule).
      std::string first(pick(rng, first_names())), last(pick(rng, last_names()));
      std::transform(first.begin(), first.end(), first.begin(), ::tolower);
      std::transform(last.begin(), last.end(), last.begin(), ::tolower);
      out = text_datum(fmt::format("{}.{}{}@{}", first, last, row, pick(rng, email_domains())));
      return;
    }
    case GeneratorKind::kName: out = text_datum(fmt::format("{} {}", pick(rng, first_names()), pick(rng, last_names()))); return;
    case GeneratorKind::kCompany: out = text_datum(fmt::format("{} {}", pick(rng, company_words()), pick(rng, company_suffixes()))); return;
    case GeneratorKind::kSentence:
    case GeneratorKind::kText: {
      words(rng, static_cast<int>(rng.between(spec_.words_min, spec_.words_max)), reset_text(out));
      if (spec_.kind == GeneratorKind::kSentence && !out.text.empty()) out.text[0] = static_cast<char>(std::toupper(out.text[0])), out.text += '.';
      return;
    }
    case GeneratorKind::kRef: {
      const auto& keys = *ref_values_;
      size_t index = 0;
      if (spec_.zipf <= 0) {
        index = rng.next_u64() % keys.size();
      } else {
        // Inverse CDF of a continuous power law over [1, n+1): rank 1 is the most frequent.
        const double n = static_cast<double>(keys.size()), s = spec_.zipf, u = rng.next_double();
        const double x = s == 1.0 ? std::exp(u * std::log(n + 1)) : std::pow((std::pow(n + 1, 1 - s) - 1) * u + 1, 1 / (1 - s));
        index = std::min(keys.size() - 1, static_cast<size_t>(std::max(0.0, x - 1)));
      }
      reset_text(out) = keys[index];
      return;
    }
    case GeneratorKind::kJson: json_object(rng, row, reset_text(out)); return;
    case GeneratorKind::kBool: out = Datum{Datum::Kind::kBool, 0, {}, (rng.next_u64() & 1) != 0}; return;
    case GeneratorKind::kInet: out = text_datum(fmt::format("10.{}.{}.{}", rng.next_u64() % 256, rng.next_u64() % 256, 1 + rng.next_u64() % 254)); return;
    case GeneratorKind::kServerDefault: out = Datum{}; return;
  }
}

namespace {
bool is_json_number(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return *end == '\0' && text.find_first_not_of("0123456789.-+eE") == std::string::npos;
}

void append_json_string(std::string_view text, std::string& out) {
  out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", static_cast<int>(c));
    else out += c;
  }
  out += '"';
}
}  // namespace

void ColumnGenerator::json_object(Prng& rng, long long row, std::string& out) const {
  out += '{';
  Datum leaf;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) out += ", ";
    append_json_string(spec_.field_names[i], out);
    out += ": ";
    const ColumnGenerator& field = fields_[i];
    field.next(rng, row, leaf);
    const bool literal = field.spec_.kind == GeneratorKind::kConstant;
    if (leaf.kind == Datum::Kind::kNull || (literal && leaf.text == "null")) out += "null";
    else if (leaf.kind == Datum::Kind::kBool) out += leaf.boolean ? "true" : "false";
    else if (field.spec_.kind == GeneratorKind::kJson) out += leaf.text;
    else if (leaf.kind == Datum::Kind::kNumber && field.type_.numeric()) format_number(field.type_, leaf.number, out);
    else if (literal && is_json_number(leaf.text)) out += leaf.text;
    else if (literal && (leaf.text == "true" || leaf.text == "false")) out += leaf.text;
    else {
      std::string text;
      if (leaf.kind == Datum::Kind::kNumber) format_number(field.type_, leaf.number, text);
      else text = leaf.text;
      append_json_string(text, out);
    }
  }
  out += '}';
}

void ColumnGenerator::render(const Datum& value, std::string& out) const { render_value(type_, value, out); }

void render_value(const ColumnType& type, const Datum& value, std::string& out, bool copy_escaped) {
  switch (value.kind) {
    case Datum::Kind::kNull:
    case Datum::Kind::kUnknown: out += "\\N"; return;
    case Datum::Kind::kBool: out += value.boolean ? 't' : 'f'; return;
    case Datum::Kind::kNumber: format_number(type, value.number, out); return;
    case Datum::Kind::kText:
      if (copy_escaped) append_copy_text(value.text, out);
      else out += value.text;
      return;
  }
}

double ColumnGenerator::combinations() const {
  switch (spec_.kind) {
    case GeneratorKind::kOneOf:
    case GeneratorKind::kConstant: return static_cast<double>(choices_.size());
    case GeneratorKind::kBool: return 2;
    case GeneratorKind::kUniform:
      if (type_.kind == ValueType::kInteger || type_.kind == ValueType::kText) return spec_.high - spec_.low + 1;
      if (type_.kind == ValueType::kNumeric) return (spec_.high - spec_.low) * std::pow(10, type_.scale) + 1;
      return 1e18;
    case GeneratorKind::kBetween: return type_.kind == ValueType::kDate ? std::floor((spec_.high - spec_.low) / 86400) + 1 : spec_.high - spec_.low + 1;
    case GeneratorKind::kPattern: return pattern_combinations(spec_.pattern);
    case GeneratorKind::kRegex: return regex_->combinations();
    case GeneratorKind::kName: return static_cast<double>(first_names().size() * last_names().size());
    case GeneratorKind::kCompany: return static_cast<double>(company_words().size() * company_suffixes().size());
    case GeneratorKind::kJson: return 1;
    case GeneratorKind::kRef: return ref_values_ ? static_cast<double>(ref_values_->size()) : 1e18;
    default: return 1e18;
  }
}

bool ColumnGenerator::inherently_unique() const {
  return spec_.kind == GeneratorKind::kUuid || spec_.kind == GeneratorKind::kSequence || spec_.kind == GeneratorKind::kEmail ||
         permutation_.has_value();
}

void append_copy_text(std::string_view text, std::string& out) {
  for (char c : text) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\t': out += "\\t"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      default: out += c;
    }
  }
}

}  // namespace pgcertify::datagen
