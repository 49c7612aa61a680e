#include "privacy/detectors.hpp"

#include <gtest/gtest.h>

namespace pgcertify::privacy {
namespace {

TEST(Detect, FindsEachKindOfPersonalData) {
  EXPECT_EQ(detect("write to jane.doe@example.com please"), std::vector<Detector>{Detector::kEmail});
  EXPECT_EQ(detect("call (555) 123-4567"), std::vector<Detector>{Detector::kPhone});
  EXPECT_EQ(detect("call +1 555-123-4567"), std::vector<Detector>{Detector::kPhone});
  EXPECT_EQ(detect("from 192.168.10.7"), std::vector<Detector>{Detector::kIpv4});
  EXPECT_EQ(detect("from 2001:db8:85a3:0:0:8a2e:370:7334"), std::vector<Detector>{Detector::kIpv6});
  EXPECT_EQ(detect("card 4111 1111 1111 1111"), std::vector<Detector>{Detector::kCreditCard});
  EXPECT_EQ(detect("ssn 123-45-6789"), std::vector<Detector>{Detector::kSsn});
}

TEST(Detect, LeavesIdsAmountsAndHashesAlone) {
  EXPECT_TRUE(detect("order 12345 cost 99.50").empty());
  EXPECT_TRUE(detect("550e8400-e29b-41d4-a716-446655440000").empty());
  EXPECT_TRUE(detect("ba000000-0000-4000-8000-000000000003").empty());  // digits-only UUID tail passes Luhn
  EXPECT_TRUE(detect(std::string(64, 'a')).empty());
  EXPECT_TRUE(detect("4111 1111 1111 1112").empty());  // fails Luhn
  EXPECT_TRUE(detect("version 1.2.3").empty());
  EXPECT_TRUE(detect("63.4000000000000000").empty());   // a numeric average, not a card
  EXPECT_TRUE(detect("0000 0000 0000 0000").empty());
}

TEST(Redact, KeepsShapeButNotTheValue) {
  EXPECT_EQ(redact("jane.doe@example.com"), "j***@example.com");
  EXPECT_EQ(redact("call (555) 123-4567 now"), "call (***) ***-**67 now");
  EXPECT_EQ(redact("card 4111-1111-1111-1111"), "card ****-****-****-**11");
  EXPECT_EQ(redact("nothing personal"), "nothing personal");
  EXPECT_EQ(redact("a@b.io and c@d.io"), "a***@b.io and c***@d.io");
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
