#pragma once
// Detectors for personal data in values (email, phone, IP address, payment card, US SSN) and
// redaction that keeps a value recognisable without revealing it ("j***@example.com").
// One Scanner drives pii_scan and the runner's redaction of every report, so whatever a scan
// can find is also masked everywhere.
//
// Matching is RE2 (linear time; one RE2::Set pass tells which detectors may match a value),
// then each candidate is confirmed: payment cards by Luhn, SSNs by the SSA's number rules,
// phone numbers by libphonenumber in the configured regions.

#include <memory>
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

/// Regions whose national formats (no country code) are recognised by default: US, GB, DE, FR,
/// ES, IT, NL, IN, AU, CA, BR, JP. A number written with its country code (+44 …) is
/// recognised whatever the regions.
const std::vector<std::string>& default_phone_regions();
/// True for a two-letter region code libphonenumber knows ("GB", not "UK").
bool is_phone_region(std::string_view region);

/// One confirmed piece of personal data: bytes [position, position + length) of the text.
struct Match {
  Detector detector;
  size_t position;
  size_t length;
};

/// The detectors, compiled once; const member functions are safe from several threads.
class Scanner {
 public:
  explicit Scanner(std::vector<Detector> detectors = all_detectors(),
                   std::vector<std::string> phone_regions = default_phone_regions());
  ~Scanner();
  Scanner(const Scanner&) = delete;
  Scanner& operator=(const Scanner&) = delete;

  /// One linear pass of every pattern: false means `text` holds nothing any detector would
  /// confirm; true only means a candidate is there. Cheap enough for every row of a table.
  bool may_match(std::string_view text) const;
  /// Confirmed matches in order of position, none overlapping (email, card and SSN win over
  /// a phone number or an address read in the same digits).
  std::vector<Match> find(std::string_view text) const;
  /// The detectors with at least one confirmed match, in the order of `all_detectors()`.
  std::vector<Detector> detect(std::string_view text) const;
  /// `text` with every match replaced by its redacted form: an email keeps its first letter
  /// and domain, a number keeps its separators and last two digits.
  std::string redact(std::string_view text) const;

  const std::vector<Detector>& detectors() const { return detectors_; }

 private:
  struct Patterns;
  std::vector<Detector> detectors_;
  std::vector<std::string> phone_regions_;
  std::unique_ptr<Patterns> patterns_;
};

/// Shorthands over a Scanner with the default phone regions, compiled once per detector set.
std::vector<Detector> detect(std::string_view text, const std::vector<Detector>& detectors = all_detectors());
std::string redact(std::string_view text, const std::vector<Detector>& detectors = all_detectors());

/// True for a digit string that passes the Luhn checksum (payment card numbers).
bool luhn_valid(std::string_view digits);

}  // namespace pgcertify::privacy
