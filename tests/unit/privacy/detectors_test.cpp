#include "privacy/detectors.hpp"

#include <gtest/gtest.h>

#include <array>

namespace pgcertify::privacy {
namespace {

TEST(Detect, FindsEachKindOfPersonalData) {
  EXPECT_EQ(detect("write to jane.doe@example.com please"), std::vector<Detector>{Detector::kEmail});
  EXPECT_EQ(detect("call (212) 555-0123"), std::vector<Detector>{Detector::kPhone});
  EXPECT_EQ(detect("call +1 212-555-0123"), std::vector<Detector>{Detector::kPhone});
  EXPECT_EQ(detect("from 192.168.10.7"), std::vector<Detector>{Detector::kIpv4});
  EXPECT_EQ(detect("from 2001:db8:85a3:0:0:8a2e:370:7334"), std::vector<Detector>{Detector::kIpv6});
  EXPECT_EQ(detect("card 4111 1111 1111 1111"), std::vector<Detector>{Detector::kCreditCard});
  EXPECT_EQ(detect("ssn 123-45-6789"), std::vector<Detector>{Detector::kSsn});
}

// Seed 000 §3 / issue 25: numbers of many countries, with and without their country code,
// in the ways people write them.
constexpr std::array kPhones = {
    "+1 212-555-0123",    "(212) 555-0123",     "212.555.0123",      "+1 (415) 555-2671",  // US
    "+1 416-555-0199",                                                                        // CA
    "+44 20 7946 0958",   "020 7946 0958",      "+44 7911 123456",   "07911 123456",       // GB
    "+49 30 901820",      "030 901820",         "+49 151 23456789",  "+4930901820",        // DE
    "+33 1 42 68 53 00",  "01 42 68 53 00",     "06 12 34 56 78",                          // FR
    "+34 912 345 678",    "912 345 678",                                                   // ES
    "+39 06 6982 1234",   "06 6982 1234",                                                  // IT
    "+31 20 123 4567",    "020-123 4567",                                                  // NL
    "+91 98765 43210",    "098765 43210",                                                  // IN
    "+61 2 9374 4000",    "(02) 9374 4000",                                                // AU
    "+55 11 98765-4321",  "(11) 98765-4321",                                               // BR
    "+81 3-1234-5678",    "03-1234-5678",                                                  // JP
};

TEST(Phone, RecognisesNumbersOfTwelveCountriesWithAndWithoutCountryCode) {
  for (const char* phone : kPhones) {
    const std::string text = std::string("reach me on ") + phone + " after six";
    EXPECT_EQ(detect(text), std::vector<Detector>{Detector::kPhone}) << phone;
    const std::string masked = redact(text);
    EXPECT_EQ(masked.find(phone), std::string::npos) << masked;
    EXPECT_TRUE(detect(masked).empty()) << masked;
    // Separators and the last two digits stay, so a reader can tell which number it was.
    const std::string_view p(phone);
    EXPECT_NE(masked.find(std::string(p.substr(p.size() - 2)) + " after six"), std::string::npos) << masked;
  }
  EXPECT_GE(kPhones.size(), 20u);
}

TEST(Phone, RegionsDecideWhichNationalFormatsAreRead) {
  const Scanner us_only({Detector::kPhone}, {"US"});
  EXPECT_TRUE(us_only.detect("020 7946 0958").empty());  // a London number written nationally
  EXPECT_FALSE(us_only.detect("+44 20 7946 0958").empty());  // with its country code: any region
  const Scanner gb({Detector::kPhone}, {"GB"});
  EXPECT_FALSE(gb.detect("020 7946 0958").empty());
  EXPECT_TRUE(is_phone_region("GB"));
  EXPECT_FALSE(is_phone_region("UK"));
}

TEST(Ssn, DashesSpacesOrALabelledNumber) {
  EXPECT_EQ(redact("ssn 123-45-6789"), "ssn ***-**-**89");
  EXPECT_EQ(redact("ssn 123 45 6789"), "ssn *** ** **89");
  EXPECT_EQ(redact("SSN: 123456789"), "SSN: *******89");
  EXPECT_EQ(redact("social security number 123456789"), "social security number *******89");
  // Nine bare digits without a label are an id as often as an SSN: not flagged.
  EXPECT_TRUE(detect("customer 123456789").empty());
  // Numbers the SSA never issues.
  EXPECT_TRUE(detect("000-12-3456").empty());
  EXPECT_TRUE(detect("666-12-3456").empty());
  EXPECT_TRUE(detect("123-00-4567").empty());
  EXPECT_TRUE(detect("900-12-3456").empty());
}

// Values that look like numbers people have but are not: none may be flagged.
constexpr std::array kLookAlikes = {
    // order, invoice and tracking numbers, ids
    "order 12345 cost 99.50", "Order #2024-000123", "ORD-2024-11-0042", "order number 8812345678",
    "invoice INV-20241103-0042", "PO 4500012345", "customer 123456789", "id 1234567890123",
    "tracking 1Z999AA10123456784", "ISBN 978-3-16-148410-0", "zip 94105-1234", "room 101, floor 3",
    // dates and times
    "2024-11-03", "2024-11-03 12:30:00", "2024-11-03T12:30:00Z", "03/11/2024", "11.03.2024", "2024/11/03",
    "12:30:45", "2024-11-03 12:30:00.123456+00",
    // UUIDs and hashes
    "550e8400-e29b-41d4-a716-446655440000", "ba000000-0000-4000-8000-000000000003",
    "sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "commit 18ae332",
    // version strings
    "version 1.2.3", "v10.4.21", "release 2.14.0-rc1", "10.0.19045.2965", "build 1.2.3456.7890",
    "PostgreSQL 15.4 (Debian 15.4-1.pgdg120+1)",
    // amounts and measurements
    "$1,234,567.89", "1 234 567,89 EUR", "12.345.678,00", "1234567.89", "-0.000123456789", "63.4000000000000000",
    "3.14159265358979", "total 1,000,000", "1e-10", "lat 48.8584, lon 2.2945",
    // card-shaped but not cards
    "4111 1111 1111 1112", "0000 0000 0000 0000",
};

TEST(Detect, NoFalsePositiveOnLookAlikes) {
  int flagged = 0;
  for (const char* value : kLookAlikes) {
    const auto found = detect(value);
    flagged += !found.empty();
    EXPECT_TRUE(found.empty()) << value << " -> " << detector_name(found.front());
    EXPECT_EQ(redact(value), value);
  }
  EXPECT_EQ(flagged, 0) << "of " << kLookAlikes.size() << " look-alikes";
  EXPECT_GE(kLookAlikes.size(), 40u);
}

TEST(Redact, KeepsShapeButNotTheValue) {
  EXPECT_EQ(redact("jane.doe@example.com"), "j***@example.com");
  EXPECT_EQ(redact("call (212) 555-0123 now"), "call (***) ***-**23 now");
  EXPECT_EQ(redact("card 4111-1111-1111-1111"), "card ****-****-****-**11");
  EXPECT_EQ(redact("nothing personal"), "nothing personal");
  EXPECT_EQ(redact("a@b.io and c@d.io"), "a***@b.io and c***@d.io");
  EXPECT_EQ(redact("mixed jane@x.io +44 20 7946 0958 and 4111111111111111"),
            "mixed j***@x.io +** ** **** **58 and **************11");
}

TEST(Scanner, PrefilterNeverMissesWhatFindFinds) {
  const Scanner scanner;
  for (const char* phone : kPhones) EXPECT_TRUE(scanner.may_match(phone)) << phone;
  EXPECT_TRUE(scanner.may_match("x\tjane@example.com\ty"));
  EXPECT_FALSE(scanner.may_match("just words, no digits"));
}

TEST(Luhn, ValidatesCardNumbers) {
  EXPECT_TRUE(luhn_valid("4111111111111111"));
  EXPECT_TRUE(luhn_valid("5500005555555559"));
  EXPECT_FALSE(luhn_valid("4111111111111112"));
  EXPECT_FALSE(luhn_valid("123"));
}

TEST(Detectors, NamesRoundTrip) {
  for (Detector d : all_detectors()) EXPECT_EQ(parse_detector(detector_name(d)), d);
  EXPECT_FALSE(parse_detector("passport"));
}

}  // namespace
}  // namespace pgcertify::privacy
