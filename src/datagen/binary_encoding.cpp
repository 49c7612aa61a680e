#include "datagen/binary_encoding.hpp"

#include <array>
#include <bit>
#include <cstring>
#include <vector>

namespace pgcertify::datagen {
namespace {
constexpr int64_t kEpoch2000 = 946684800;  // 2000-01-01 00:00:00 UTC in Unix seconds
constexpr int64_t kSecondsPerDay = 86400;
constexpr int16_t kNumericPositive = 0x0000, kNumericNegative = 0x4000;
constexpr uint16_t kNumericNaN = 0xC000;
constexpr char kPgsqlAfInet = 2;  // PostgreSQL's own AF_INET code in inet_send (not the OS's)

template <typename T>
void append_big_endian(T value, std::string& out) {
  using U = std::make_unsigned_t<T>;
  auto u = static_cast<U>(value);
  char bytes[sizeof(T)];
  for (size_t i = sizeof(T); i-- > 0;) bytes[i] = static_cast<char>(u & 0xff), u = static_cast<U>(u >> 8);
  out.append(bytes, sizeof(T));
}

int64_t floor_div(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Base-10000 digits of a decimal split into integer and fraction digit strings; canonical as
/// numeric_send writes them (no leading or trailing zero groups; zero has no digits).
void append_numeric_digits(std::string_view integer, std::string_view fraction, bool negative, std::string& out) {
  const size_t pad = (4 - integer.size() % 4) % 4;
  std::vector<int16_t> groups;
  groups.reserve((integer.size() + fraction.size()) / 4 + 2);
  int value = 0, filled = static_cast<int>(pad);
  auto push = [&](char c) {
    value = value * 10 + (c - '0');
    if (++filled == 4) groups.push_back(static_cast<int16_t>(value)), value = 0, filled = 0;
  };
  for (char c : integer) push(c);
  const int integer_groups = static_cast<int>(groups.size());
  for (char c : fraction) push(c);
  while (filled != 0) push('0');
  int weight = integer_groups - 1;
  size_t first = 0, last = groups.size();
  while (first < last && groups[first] == 0) ++first, --weight;
  while (last > first && groups[last - 1] == 0) --last;
  if (first == last) weight = 0;
  append_int16(static_cast<int16_t>(last - first), out);
  append_int16(static_cast<int16_t>(weight), out);
  append_int16(first == last || !negative ? kNumericPositive : kNumericNegative, out);
  append_int16(static_cast<int16_t>(fraction.size()), out);
  for (size_t i = first; i < last; ++i) append_int16(groups[i], out);
}

/// Hex digit values by byte (-1: not a hex digit); a table, as uuids are decoded several per row.
constexpr std::array<int8_t, 256> kHexValues = [] {
  std::array<int8_t, 256> table{};
  table.fill(-1);
  for (int c = '0'; c <= '9'; ++c) table[static_cast<size_t>(c)] = static_cast<int8_t>(c - '0');
  for (int c = 'a'; c <= 'f'; ++c) table[static_cast<size_t>(c)] = static_cast<int8_t>(c - 'a' + 10);
  for (int c = 'A'; c <= 'F'; ++c) table[static_cast<size_t>(c)] = static_cast<int8_t>(c - 'A' + 10);
  return table;
}();
}  // namespace

void append_copy_header(std::string& out) {
  static constexpr char kSignature[] = "PGCOPY\n\377\r\n";
  out.append(kSignature, sizeof kSignature);  // the signature ends with its '\0'
  append_int32(0, out);                       // flags: no OIDs
  append_int32(0, out);                       // header extension length
}

void append_copy_trailer(std::string& out) {
  append_int16(-1, out);
}

void append_int16(int16_t value, std::string& out) {
  append_big_endian(value, out);
}
void append_int32(int32_t value, std::string& out) {
  append_big_endian(value, out);
}
void append_int64(int64_t value, std::string& out) {
  append_big_endian(value, out);
}
void append_float4(float value, std::string& out) {
  append_big_endian(std::bit_cast<uint32_t>(value), out);
}
void append_float8(double value, std::string& out) {
  append_big_endian(std::bit_cast<uint64_t>(value), out);
}

void patch_field_length(std::string& out, size_t at) {
  auto length = static_cast<uint32_t>(out.size() - at - 4);
  for (size_t i = 4; i-- > 0;) out[at + i] = static_cast<char>(length & 0xff), length >>= 8;
}

bool append_numeric(std::string_view decimal, std::string& out) {
  if (decimal == "NaN") {
    append_int16(0, out), append_int16(0, out), append_big_endian(kNumericNaN, out), append_int16(0, out);
    return true;
  }
  bool negative = false;
  if (!decimal.empty() && (decimal[0] == '-' || decimal[0] == '+'))
    negative = decimal[0] == '-', decimal.remove_prefix(1);
  const size_t point = decimal.find('.');
  std::string_view integer = decimal.substr(0, point);
  const std::string_view fraction = point == std::string_view::npos ? std::string_view() : decimal.substr(point + 1);
  if (integer.empty() && fraction.empty()) return false;
  for (std::string_view part : {integer, fraction})
    for (char c : part)
      if (c < '0' || c > '9') return false;
  while (integer.size() > 1 && integer[0] == '0') integer.remove_prefix(1);
  append_numeric_digits(integer, fraction, negative, out);
  return true;
}

void append_numeric_scaled(int64_t unscaled, int dscale, std::string& out) {
  // Digits of |unscaled| (uint64 holds INT64_MIN's magnitude), then split at dscale.
  uint64_t magnitude = unscaled < 0 ? 0 - static_cast<uint64_t>(unscaled) : static_cast<uint64_t>(unscaled);
  char digits[48];
  size_t n = 0;
  do digits[sizeof digits - ++n] = static_cast<char>('0' + magnitude % 10), magnitude /= 10;
  while (magnitude != 0);
  while (n < static_cast<size_t>(dscale) + 1) digits[sizeof digits - ++n] = '0';  // 5, 3 → 0.005
  const std::string_view all(digits + sizeof digits - n, n);
  append_numeric_digits(all.substr(0, n - static_cast<size_t>(dscale)), all.substr(n - static_cast<size_t>(dscale)),
                        unscaled < 0, out);
}

bool append_uuid(std::string_view text, std::string& out) {
  char bytes[16];
  int nibbles = 0;
  for (char c : text) {
    if (c == '-') continue;
    const int v = kHexValues[static_cast<unsigned char>(c)];
    if (v < 0 || nibbles == 32) return false;
    if (nibbles % 2 == 0)
      bytes[nibbles / 2] = static_cast<char>(v << 4);
    else
      bytes[nibbles / 2] = static_cast<char>(bytes[nibbles / 2] | v);
    ++nibbles;
  }
  if (nibbles != 32) return false;
  out.append(bytes, 16);
  return true;
}

bool append_inet4(std::string_view text, bool cidr, std::string& out) {
  unsigned char address[4];
  int bits = 32;
  for (int part = 0; part < 4; ++part) {
    int value = 0, digits = 0;
    while (!text.empty() && text[0] >= '0' && text[0] <= '9' && digits < 3)
      value = value * 10 + (text[0] - '0'), ++digits, text.remove_prefix(1);
    if (digits == 0 || value > 255) return false;
    address[part] = static_cast<unsigned char>(value);
    if (part < 3) {
      if (text.empty() || text[0] != '.') return false;
      text.remove_prefix(1);
    }
  }
  if (!text.empty()) {
    if (text[0] != '/' || text.size() < 2 || text.size() > 3) return false;
    bits = 0;
    for (char c : text.substr(1)) {
      if (c < '0' || c > '9') return false;
      bits = bits * 10 + (c - '0');
    }
    if (bits > 32) return false;
  }
  out += kPgsqlAfInet;
  out += static_cast<char>(bits);
  out += static_cast<char>(cidr ? 1 : 0);
  out += static_cast<char>(4);
  out.append(reinterpret_cast<const char*>(address), 4);
  return true;
}

int64_t pg_timestamp_micros(int64_t epoch_seconds) {
  return (epoch_seconds - kEpoch2000) * 1000000;
}
int32_t pg_date_days(int64_t epoch_seconds) {
  return static_cast<int32_t>(floor_div(epoch_seconds, kSecondsPerDay) - kEpoch2000 / kSecondsPerDay);
}
int64_t pg_time_micros(int64_t epoch_seconds) {
  return (epoch_seconds - floor_div(epoch_seconds, kSecondsPerDay) * kSecondsPerDay) * 1000000;
}

}  // namespace pgcertify::datagen
