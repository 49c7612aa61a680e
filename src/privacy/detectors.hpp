#pragma once
// Detectors for personal data in values (email, phone, IP address, payment card, US SSN) and
// redaction that keeps a value recognisable without revealing it ("j***@example.com").
// Used by pii_scan, and by every check that shows sample rows.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pgcertify::privacy {

enum class Detector { kEmail, kPhone, kIpv4, kIpv6, kCreditCard, kSsn };

std::string_view detector_name(Detector d);
std::optional<Detector> parse_detector(std::string_view name);
/// Every detector, in the order they are tried.
const std::vector<Detector>& all_detectors();

/// The detectors whose pattern occurs somewhere in `text`.
std::vector<Detector> detect(std::string_view text, const std::vector<Detector>& detectors = all_detectors());

/// Replaces every detected piece of personal data in `text` with a redacted form: an email
/// keeps its first letter and domain, a number keeps its last two digits.
std::string redact(std::string_view text, const std::vector<Detector>& detectors = all_detectors());

/// True for a digit string that passes the Luhn checksum (payment card numbers).
bool luhn_valid(std::string_view digits);

}  // namespace pgcertify::privacy
