// Binary COPY bytes pinned against what PostgreSQL's send functions write for the same values.

#include <gtest/gtest.h>

#include <stdexcept>

#include "datagen/binary_encoding.hpp"
#include "datagen/binary_value.hpp"
#include "datagen/column_type.hpp"

namespace pgcertify::datagen {
namespace {
std::string hex(const std::string& bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    if (!out.empty()) out += ' ';
    out += kDigits[c >> 4], out += kDigits[c & 15];
  }
  return out;
}

std::string numeric(std::string_view decimal) {
  std::string out;
  EXPECT_TRUE(append_numeric(decimal, out)) << decimal;
  return hex(out);
}

std::string scaled(int64_t unscaled, int dscale) {
  std::string out;
  append_numeric_scaled(unscaled, dscale, out);
  return hex(out);
}

template <typename F>
std::string bytes_of(F&& write) {
  std::string out;
  write(out);
  return hex(out);
}

TEST(BinaryEncoding, HeaderAndTrailerAreTheFileFormatsOwn) {
  EXPECT_EQ(bytes_of([](std::string& o) { append_copy_header(o); }),
            "50 47 43 4f 50 59 0a ff 0d 0a 00 00 00 00 00 00 00 00 00");
  EXPECT_EQ(bytes_of([](std::string& o) { append_copy_trailer(o); }), "ff ff");
}

TEST(BinaryEncoding, IntegersAndFloatsAreBigEndian) {
  EXPECT_EQ(bytes_of([](std::string& o) { append_int16(-2, o); }), "ff fe");
  EXPECT_EQ(bytes_of([](std::string& o) { append_int32(0x01020304, o); }), "01 02 03 04");
  EXPECT_EQ(bytes_of([](std::string& o) { append_int64(-1'000'000, o); }), "ff ff ff ff ff f0 bd c0");
  EXPECT_EQ(bytes_of([](std::string& o) { append_float4(1.0f, o); }), "3f 80 00 00");
  EXPECT_EQ(bytes_of([](std::string& o) { append_float8(-2.5, o); }), "c0 04 00 00 00 00 00 00");
}

TEST(BinaryEncoding, NumericIsBase10000DigitsWithWeightSignAndScale) {
  // ndigits 3, weight 1, sign +, dscale 3, digits 0001 2345 6780: 1|2345.6780
  EXPECT_EQ(numeric("12345.678"), "00 03 00 01 00 00 00 03 00 01 09 29 1a 7c");
  EXPECT_EQ(numeric("-12345.678"), "00 03 00 01 40 00 00 03 00 01 09 29 1a 7c");
  EXPECT_EQ(numeric("0.00"), "00 00 00 00 00 00 00 02");
  EXPECT_EQ(numeric("-0.00"), "00 00 00 00 00 00 00 02");  // no negative zero
  EXPECT_EQ(numeric("0.005"), "00 01 ff ff 00 00 00 03 00 32");
  EXPECT_EQ(numeric("100000000"), "00 01 00 02 00 00 00 00 00 01");  // trailing zero groups dropped
  EXPECT_EQ(numeric("007"), "00 01 00 00 00 00 00 00 00 07");
  EXPECT_EQ(numeric("NaN"), "00 00 00 00 c0 00 00 00");
  std::string out;
  EXPECT_FALSE(append_numeric("1e5", out));
  EXPECT_FALSE(append_numeric("", out));
  EXPECT_FALSE(append_numeric("12.3.4", out));
  EXPECT_TRUE(out.empty());
}

TEST(BinaryEncoding, ScaledNumericMatchesItsDecimalText) {
  EXPECT_EQ(scaled(12345678, 3), numeric("12345.678"));
  EXPECT_EQ(scaled(-5, 3), numeric("-0.005"));
  EXPECT_EQ(scaled(0, 2), numeric("0.00"));
  EXPECT_EQ(scaled(9999, 2), numeric("99.99"));
  EXPECT_EQ(scaled(42, 0), numeric("42"));
  EXPECT_EQ(scaled(INT64_MIN, 4), numeric("-922337203685477.5808"));
}

TEST(BinaryEncoding, UuidIsItsSixteenBytes) {
  std::string out;
  ASSERT_TRUE(append_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380A11", out));
  EXPECT_EQ(hex(out), "a0 ee bc 99 9c 0b 4e f8 bb 6d 6b b9 bd 38 0a 11");
  out.clear();
  EXPECT_FALSE(append_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", out));   // 31 digits
  EXPECT_FALSE(append_uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a111", out));  // 33 digits
  EXPECT_FALSE(append_uuid("g0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", out));
  EXPECT_TRUE(out.empty());
}

TEST(BinaryEncoding, TimesCountFrom2000AndFloorBeforeIt) {
  EXPECT_EQ(pg_timestamp_micros(946684800), 0);                       // 2000-01-01 00:00:00
  EXPECT_EQ(pg_timestamp_micros(946684799), -1'000'000);              // 1999-12-31 23:59:59
  EXPECT_EQ(pg_timestamp_micros(0), -946'684'800'000'000);            // 1970-01-01
  EXPECT_EQ(pg_date_days(946684800), 0);
  EXPECT_EQ(pg_date_days(946684799), -1);                             // 1999-12-31
  EXPECT_EQ(pg_date_days(0), -10957);
  EXPECT_EQ(pg_date_days(-1), -10958);                                // 1969-12-31
  EXPECT_EQ(pg_time_micros(946684799), 86'399'000'000);               // 23:59:59
  EXPECT_EQ(pg_time_micros(-1), 86'399'000'000);
  EXPECT_EQ(pg_time_micros(946684800 + 3661), 3'661'000'000);         // 01:01:01
}

TEST(BinaryEncoding, Inet4HasFamilyBitsFlagAndAddress) {
  std::string out;
  ASSERT_TRUE(append_inet4("10.1.2.3", false, out));
  EXPECT_EQ(hex(out), "02 20 00 04 0a 01 02 03");
  out.clear();
  ASSERT_TRUE(append_inet4("10.1.0.0/16", true, out));
  EXPECT_EQ(hex(out), "02 10 01 04 0a 01 00 00");
  out.clear();
  EXPECT_FALSE(append_inet4("10.1.2", false, out));
  EXPECT_FALSE(append_inet4("10.1.2.256", false, out));
  EXPECT_FALSE(append_inet4("::1", false, out));
  EXPECT_TRUE(out.empty());
}

ColumnPlan column(const std::string& type, BinaryFormat format) {
  ColumnPlan c;
  c.name = "c";
  c.type = column_type(type);
  c.binary = format;
  return c;
}

std::string field(const ColumnPlan& c, const Datum& d) {
  std::string out;
  append_binary_field(c, d, out);
  return hex(out);
}

Datum number(double v) { return Datum{Datum::Kind::kNumber, v, {}, false}; }
Datum text(std::string v) { return Datum{Datum::Kind::kText, 0, std::move(v), false}; }

TEST(BinaryValue, FieldsCarryTheirLengthAndNullIsMinusOne) {
  EXPECT_EQ(field(column("integer", BinaryFormat::kInt4), number(42)), "00 00 00 04 00 00 00 2a");
  EXPECT_EQ(field(column("integer", BinaryFormat::kInt4), text("-7")), "00 00 00 04 ff ff ff f9");  // a parent key
  EXPECT_EQ(field(column("integer", BinaryFormat::kInt4), Datum{}), "ff ff ff ff");
  EXPECT_EQ(field(column("jsonb", BinaryFormat::kJsonb), text("{}")), "00 00 00 03 01 7b 7d");
  EXPECT_EQ(field(column("text", BinaryFormat::kText), text("a\tb")), "00 00 00 03 61 09 62");  // no COPY escaping
  EXPECT_EQ(field(column("text", BinaryFormat::kText), number(12)), "00 00 00 02 31 32");       // as text COPY renders it
  EXPECT_EQ(field(column("boolean", BinaryFormat::kBool), Datum{Datum::Kind::kBool, 0, {}, true}), "00 00 00 01 01");
  EXPECT_EQ(field(column("numeric(5,2)", BinaryFormat::kNumeric), number(12.5)), "00 00 00 0c 00 02 00 00 00 00 00 02 00 0c 13 88");
  EXPECT_EQ(field(column("interval", BinaryFormat::kInterval), number(90)),
            "00 00 00 10 00 00 00 00 05 5d 4a 80 00 00 00 00 00 00 00 00");
}

TEST(BinaryValue, RejectsTextThatIsNotOfTheTypeAndOutOfRangeNumbers) {
  EXPECT_THROW(field(column("integer", BinaryFormat::kInt4), text("abc")), std::invalid_argument);
  EXPECT_THROW(field(column("smallint", BinaryFormat::kInt2), number(40000)), std::invalid_argument);
  EXPECT_THROW(field(column("uuid", BinaryFormat::kUuid), text("42")), std::invalid_argument);
  EXPECT_THROW(field(column("boolean", BinaryFormat::kBool), text("maybe")), std::invalid_argument);
  try {
    field(column("integer", BinaryFormat::kInt4), text("abc"));
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "value 'abc' is not a valid integer (not an integer)");
  }
}

TEST(BinaryFormat, ChosenFromTheReceiveFunctionNotTheTypeName) {
  EXPECT_EQ(binary_format_for_receive("int4recv"), BinaryFormat::kInt4);
  EXPECT_EQ(binary_format_for_receive("enum_recv"), BinaryFormat::kText);
  EXPECT_EQ(binary_format_for_receive("timestamptz_recv"), BinaryFormat::kTimestamp);
  EXPECT_EQ(binary_format_for_receive("array_recv"), std::nullopt);
  EXPECT_EQ(binary_format_for_receive("bytearecv"), std::nullopt);
}

TEST(BinaryFormat, TimesEncodeOnlyFromNumbers) {
  std::string why;
  ColumnPlan drawn = column("timestamp with time zone", BinaryFormat::kTimestamp);
  drawn.spec.kind = GeneratorKind::kBetween;
  EXPECT_TRUE(can_encode(BinaryFormat::kTimestamp, drawn, why));
  ColumnPlan key = drawn;
  key.foreign_key = 0;
  EXPECT_FALSE(can_encode(BinaryFormat::kTimestamp, key, why));
  EXPECT_NE(why.find("drawn as text"), std::string::npos) << why;
  ColumnPlan literal = drawn;
  literal.spec.kind = GeneratorKind::kOneOf;
  EXPECT_FALSE(can_encode(BinaryFormat::kDate, literal, why));
  EXPECT_TRUE(can_encode(BinaryFormat::kUuid, key, why));
  EXPECT_FALSE(can_encode(BinaryFormat::kNone, drawn, why));
}

}  // namespace
}  // namespace pgcertify::datagen
