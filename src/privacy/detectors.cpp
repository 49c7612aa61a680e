#include "privacy/detectors.hpp"

#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <array>
#include <map>
#include <mutex>

#include "privacy/phone.hpp"

namespace pgcertify::privacy {
namespace {
struct PatternSpec {
  Detector detector;
  const char* pattern;
};

/// RE2 syntax. Conservative on purpose: a candidate still has to be confirmed (see confirmed()).
/// Phone: 7+ digits with at most 3 separators between two digits; libphonenumber decides.
/// SSN: 3-2-4 digits with dashes or spaces; 9 bare digits only after "SSN" or "social security
/// number", because a bare 9-digit number is as often an id, a ZIP+4 or an order number.
constexpr std::array kPatterns = {
    PatternSpec{Detector::kEmail, R"([A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})"},
    PatternSpec{Detector::kCreditCard, R"(\b(?:\d[ \-]?){12,18}\d\b)"},
    PatternSpec{Detector::kSsn, R"(\b\d{3}-\d{2}-\d{4}\b|\b\d{3} \d{2} \d{4}\b)"},
    PatternSpec{Detector::kSsn, R"((?i)\b(?:ssn|social security(?: number| no\.?)?)[ :#=]*\d{9}\b)"},
    PatternSpec{Detector::kPhone, R"(\+?\(?\d(?:[ ./()\-]{0,3}\d){6,})"},
    PatternSpec{Detector::kIpv4, R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)"},
    PatternSpec{Detector::kIpv6,
                R"(\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{0,4}\b)"},
};

constexpr std::array<std::pair<Detector, std::string_view>, 6> kNames = {{
    {Detector::kEmail, "email"},
    {Detector::kPhone, "phone"},
    {Detector::kIpv4, "ipv4"},
    {Detector::kIpv6, "ipv6"},
    {Detector::kCreditCard, "credit_card"},
    {Detector::kSsn, "ssn"},
}};

/// When two matches overlap, the lower rank wins: "4111 1111 1111 1111" is a card, not a
/// phone number; "123-45-6789" an SSN.
int rank(Detector d) {
  switch (d) {
    case Detector::kEmail: return 0;
    case Detector::kCreditCard: return 1;
    case Detector::kSsn: return 2;
    case Detector::kPhone: return 3;
    case Detector::kIpv6: return 4;
    case Detector::kIpv4: return 5;
  }
  return 6;
}

RE2::Options options() {
  RE2::Options o;
  o.set_log_errors(false);
  o.set_max_mem(64 << 20);
  return o;
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s)
    if (is_digit(c)) out += c;
  return out;
}

/// True when the match is only a piece of a larger token: "ORD-2024-555-0123", a UUID's
/// tail, "63.4000000000000000", "1 234 567,89".
bool joined(std::string_view text, size_t position, size_t length, std::string_view glue) {
  if (position > 0) {
    const char before = text[position - 1];
    if (is_alnum(before) || before == '_' || glue.find(before) != std::string_view::npos) return true;
  }
  const size_t end = position + length;
  if (end < text.size()) {
    const char after = text[end];
    if (is_alnum(after) || after == '_') return true;
    if (glue.find(after) != std::string_view::npos && end + 1 < text.size() && is_alnum(text[end + 1])) return true;
  }
  return false;
}

bool card_confirmed(std::string_view text, size_t position, size_t length) {
  if (joined(text, position, length, ".,-")) return false;
  const std::string digits = digits_of(text.substr(position, length));
  int distinct = 0;
  for (char c = '0'; c <= '9'; ++c) distinct += digits.find(c) != std::string::npos;
  return distinct >= 2 && luhn_valid(digits);
}

/// The SSA never issues area 000, 666 or 900-999, group 00 or serial 0000.
bool ssn_confirmed(std::string_view digits) {
  if (digits.size() != 9) return false;
  const std::string_view area = digits.substr(0, 3), group = digits.substr(3, 2), serial = digits.substr(5);
  return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000";
}

std::string redacted_form(Detector d, std::string_view match) {
  if (d == Detector::kEmail) {
    const size_t at = match.find('@');
    return std::string(match.substr(0, 1)) + "***" + std::string(match.substr(at));
  }
  // Keep the last two digits or hex characters, mask the rest of the alphanumerics.
  std::string out(match);
  int kept = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (!is_alnum(out[i])) continue;
    if (kept < 2) {
      ++kept;
      continue;
    }
    out[i] = '*';
  }
  return out;
}
}  // namespace

struct Scanner::Patterns {
  RE2::Set set{options(), RE2::UNANCHORED};
  std::vector<std::pair<Detector, std::unique_ptr<RE2>>> each;  // index = the set's index
  /// Digit runs a phone plan could read but that are something else: dates (2024-11-03,
  /// 03/11/2024, 2024-11-03 12), a US ZIP+4 (94105-1234), a version (1.2.3456, 10.0.19045.2965),
  /// a decimal (12.3000000000000000: numeric output, read without asking libphonenumber).
  RE2 look_alike{R"(\d{4}[-./]\d{1,2}[-./]\d{1,2}(?:[ T]\d{1,2})?|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}|\d{5}-\d{4}|\d{3}-\d{2}-\d{4})"
                 R"(|\d{1,3}\.\d\.\d+(?:\.\d+)*|\d\.\d+\.\d+(?:\.\d+)*|\d+[.,]\d+)",
                 options()};
};

Scanner::Scanner(std::vector<Detector> detectors, std::vector<std::string> phone_regions)
    : detectors_(std::move(detectors)), phone_regions_(std::move(phone_regions)), patterns_(std::make_unique<Patterns>()) {
  for (const auto& spec : kPatterns) {
    if (std::find(detectors_.begin(), detectors_.end(), spec.detector) == detectors_.end()) continue;
    patterns_->set.Add(spec.pattern, nullptr);
    patterns_->each.emplace_back(spec.detector, std::make_unique<RE2>(spec.pattern, options()));
  }
  patterns_->set.Compile();
}

Scanner::~Scanner() = default;

bool Scanner::may_match(std::string_view text) const {
  return !patterns_->each.empty() && patterns_->set.Match(re2::StringPiece(text.data(), text.size()), nullptr);
}

std::vector<Match> Scanner::find(std::string_view text) const {
  std::vector<Match> found;
  std::vector<int> which;
  if (patterns_->each.empty() || !patterns_->set.Match(re2::StringPiece(text.data(), text.size()), &which))
    return found;
  std::sort(which.begin(), which.end());
  for (const int index : which) {
    const auto& [detector, re] = patterns_->each[static_cast<size_t>(index)];
    size_t from = 0;
    re2::StringPiece piece;
    while (from <= text.size() && re->Match(text, from, text.size(), RE2::UNANCHORED, &piece, 1)) {
      const std::string_view m(piece.data(), piece.size());
      const size_t position = static_cast<size_t>(m.data() - text.data());
      from = position + std::max<size_t>(m.size(), 1);
      switch (detector) {
        case Detector::kCreditCard:
          if (card_confirmed(text, position, m.size())) found.push_back({detector, position, m.size()});
          break;
        case Detector::kSsn: {
          // "SSN: 123456789" keeps its label; only the number is the finding.
          const size_t digits_at = is_digit(m.front()) ? position : position + m.size() - 9;
          const size_t length = position + m.size() - digits_at;
          if (digits_at == position && joined(text, position, m.size(), "-./,")) break;
          if (ssn_confirmed(digits_of(text.substr(digits_at, length)))) found.push_back({detector, digits_at, length});
          break;
        }
        case Detector::kPhone: {
          const bool plus = m.front() == '+';
          const bool separated = m.find_first_not_of("+0123456789") != std::string_view::npos;
          // Bare digits without a country code are ids as often as phone numbers: not read as one.
          if (!plus && !separated) break;
          if (joined(text, position, m.size(), "-./,#")) break;
          if (RE2::FullMatch(re2::StringPiece(m.data(), m.size()), patterns_->look_alike)) break;
          for (const auto& [at, length] : find_phone_numbers(m, phone_regions_))
            found.push_back({detector, position + at, length});
          break;
        }
        default: found.push_back({detector, position, m.size()});
      }
    }
  }
  // Keep the best of overlapping matches, then put them in text order.
  std::sort(found.begin(), found.end(), [](const Match& a, const Match& b) {
    return rank(a.detector) != rank(b.detector) ? rank(a.detector) < rank(b.detector) : a.position < b.position;
  });
  std::vector<Match> kept;
  for (const auto& m : found) {
    const bool overlaps = std::any_of(kept.begin(), kept.end(), [&](const Match& k) {
      return m.position < k.position + k.length && k.position < m.position + m.length;
    });
    if (!overlaps) kept.push_back(m);
  }
  std::sort(kept.begin(), kept.end(), [](const Match& a, const Match& b) { return a.position < b.position; });
  return kept;
}

std::vector<Detector> Scanner::detect(std::string_view text) const {
  std::vector<Detector> out;
  const auto matches = find(text);
  for (const Detector d : all_detectors())
    if (std::any_of(matches.begin(), matches.end(), [d](const Match& m) { return m.detector == d; })) out.push_back(d);
  return out;
}

std::string Scanner::redact(std::string_view text) const {
  const auto matches = find(text);
  if (matches.empty()) return std::string(text);
  std::string out;
  size_t last = 0;
  for (const auto& m : matches) {
    out += text.substr(last, m.position - last);
    out += redacted_form(m.detector, text.substr(m.position, m.length));
    last = m.position + m.length;
  }
  out += text.substr(last);
  return out;
}

std::string_view detector_name(Detector d) {
  for (const auto& [detector, name] : kNames)
    if (detector == d) return name;
  return "?";
}

std::optional<Detector> parse_detector(std::string_view name) {
  for (const auto& [detector, n] : kNames)
    if (n == name) return detector;
  return std::nullopt;
}

const std::vector<Detector>& all_detectors() {
  static const std::vector<Detector> all = {Detector::kEmail, Detector::kPhone,      Detector::kIpv4,
                                            Detector::kIpv6,  Detector::kCreditCard, Detector::kSsn};
  return all;
}

const std::vector<std::string>& default_phone_regions() {
  static const std::vector<std::string> regions = {"US", "GB", "DE", "FR", "ES", "IT",
                                                   "NL", "IN", "AU", "CA", "BR", "JP"};
  return regions;
}

bool is_phone_region(std::string_view region) { return phone_region_known(region); }

bool luhn_valid(std::string_view digits) {
  if (digits.size() < 13 || digits.size() > 19) return false;
  int sum = 0;
  bool twice = false;
  for (size_t i = digits.size(); i-- > 0;) {
    int d = digits[i] - '0';
    if (d < 0 || d > 9) return false;
    if (twice) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    twice = !twice;
  }
  return sum % 10 == 0;
}

namespace {
const Scanner& scanner_for(const std::vector<Detector>& detectors) {
  static std::mutex mutex;
  static std::map<std::vector<Detector>, std::unique_ptr<Scanner>> scanners;
  const std::lock_guard lock(mutex);
  auto& slot = scanners[detectors];
  if (!slot) slot = std::make_unique<Scanner>(detectors);
  return *slot;
}
}  // namespace

std::vector<Detector> detect(std::string_view text, const std::vector<Detector>& detectors) {
  return scanner_for(detectors).detect(text);
}

std::string redact(std::string_view text, const std::vector<Detector>& detectors) {
  return scanner_for(detectors).redact(text);
}

}  // namespace pgcertify::privacy
