#include "privacy/detectors.hpp"

#include <array>
#include <regex>

namespace pgcertify::privacy {
namespace {
struct Pattern {
  Detector detector;
  std::string_view name;
  std::regex regex;
};

/// Patterns are searched in text; they are deliberately conservative (a phone number needs 10+
/// digits with separators typical of phone numbers) so that ids and amounts are not flagged.
const std::vector<Pattern>& patterns() {
  static const std::vector<Pattern> list = {
      {Detector::kEmail, "email", std::regex(R"([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})")},
      {Detector::kCreditCard, "credit_card", std::regex(R"(\b(?:\d[ -]?){12,18}\d\b)")},
      {Detector::kSsn, "ssn", std::regex(R"(\b\d{3}-\d{2}-\d{4}\b)")},
      {Detector::kPhone, "phone", std::regex(R"((?:\+\d{1,3}[ .-]?)?(?:\(\d{3}\)|\b\d{3})[ .-]\d{3}[ .-]\d{4}\b)")},
      {Detector::kIpv4, "ipv4", std::regex(R"(\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b)")},
      {Detector::kIpv6, "ipv6", std::regex(R"(\b(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}\b|\b(?:[0-9A-Fa-f]{1,4}:){1,6}:[0-9A-Fa-f]{0,4}\b)")},
  };
  return list;
}

std::string digits_of(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c >= '0' && c <= '9') out += c;
  return out;
}

/// A match counts only if it is what it claims. A card number passes Luhn, has some variety in
/// its digits, and is not the fraction of a decimal number ("63.4000000000000000").
bool confirmed(Detector d, std::string_view text, size_t position, size_t length) {
  if (d != Detector::kCreditCard) return true;
  const std::string digits = digits_of(text.substr(position, length));
  // Not part of a larger token: a decimal fraction, a UUID ("…-4000-8000-000000000003"), a hex id.
  auto joined = [](char c) { return c == '.' || c == ',' || c == '-' || std::isalnum(static_cast<unsigned char>(c)); };
  if (position > 0 && joined(text[position - 1])) return false;
  if (position + length < text.size() && joined(text[position + length])) return false;
  int distinct = 0;
  for (char c = '0'; c <= '9'; ++c) distinct += digits.find(c) != std::string::npos;
  return distinct >= 2 && luhn_valid(digits);
}

std::string redacted_form(Detector d, std::string_view match) {
  if (d == Detector::kEmail) {
    const size_t at = match.find('@');
    return std::string(match.substr(0, 1)) + "***" + std::string(match.substr(at));
  }
  // Keep the last two characters that are digits or hex, mask the rest of the alphanumerics.
  std::string out(match);
  int kept = 0;
  for (size_t i = out.size(); i-- > 0;) {
    if (!std::isalnum(static_cast<unsigned char>(out[i]))) continue;
    if (kept < 2) {
      ++kept;
      continue;
    }
    out[i] = '*';
  }
  return out;
}

bool wanted(Detector d, const std::vector<Detector>& detectors) {
  return std::find(detectors.begin(), detectors.end(), d) != detectors.end();
}
}  // namespace

std::string_view detector_name(Detector d) {
  for (const auto& p : patterns())
    if (p.detector == d) return p.name;
  return "?";
}

std::optional<Detector> parse_detector(std::string_view name) {
  for (const auto& p : patterns())
    if (p.name == name) return p.detector;
  return std::nullopt;
}

const std::vector<Detector>& all_detectors() {
  static const std::vector<Detector> all = [] {
    std::vector<Detector> v;
    for (const auto& p : patterns()) v.push_back(p.detector);
    return v;
  }();
  return all;
}

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

std::vector<Detector> detect(std::string_view text, const std::vector<Detector>& detectors) {
  std::vector<Detector> found;
  const std::string s(text);
  for (const auto& p : patterns()) {
    if (!wanted(p.detector, detectors)) continue;
    for (std::sregex_iterator it(s.begin(), s.end(), p.regex), end; it != end; ++it) {
      if (confirmed(p.detector, s, static_cast<size_t>(it->position()), static_cast<size_t>(it->length()))) {
        found.push_back(p.detector);
        break;
      }
    }
  }
  return found;
}

std::string redact(std::string_view text, const std::vector<Detector>& detectors) {
  std::string s(text);
  for (const auto& p : patterns()) {
    if (!wanted(p.detector, detectors)) continue;
    std::string out;
    size_t last = 0;
    for (std::sregex_iterator it(s.begin(), s.end(), p.regex), end; it != end; ++it) {
      if (!confirmed(p.detector, s, static_cast<size_t>(it->position()), static_cast<size_t>(it->length()))) continue;
      out += s.substr(last, static_cast<size_t>(it->position()) - last) + redacted_form(p.detector, it->str());
      last = static_cast<size_t>(it->position() + it->length());
    }
    s = out + s.substr(last);
  }
  return s;
}

}  // namespace pgcertify::privacy
