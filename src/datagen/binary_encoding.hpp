#pragma once
// PostgreSQL's binary COPY format, byte by byte: the file header and trailer, a tuple's field
// count, and each supported type's send/recv payload (network byte order). Pure functions over
// a std::string buffer, so the wire format is tested against known bytes without a server.

#include <cstdint>
#include <string>
#include <string_view>

namespace pgcertify::datagen {

/// "PGCOPY\n\377\r\n\0", flags 0, header extension length 0.
void append_copy_header(std::string& out);
/// The field count -1 that ends the data.
void append_copy_trailer(std::string& out);

void append_int16(int16_t value, std::string& out);
void append_int32(int32_t value, std::string& out);
void append_int64(int64_t value, std::string& out);
void append_float4(float value, std::string& out);
void append_float8(double value, std::string& out);
/// A field's length word; -1 is SQL NULL.
inline void append_field_length(int32_t length, std::string& out) {
  append_int32(length, out);
}
/// Overwrites the length word at `at` with the bytes written after it (text-like payloads are
/// rendered in place, then measured).
void patch_field_length(std::string& out, size_t at);

/// numeric_recv's payload for a plain decimal ("-12345.678", "0.00", "NaN"): base-10000 digits,
/// weight, sign, dscale (the count of fraction digits written). False (nothing appended) when
/// `decimal` is not one.
bool append_numeric(std::string_view decimal, std::string& out);
/// The same for unscaled / 10^dscale (12345678, 3 → 12345.678), without formatting text.
void append_numeric_scaled(int64_t unscaled, int dscale, std::string& out);
/// uuid_recv's 16 bytes from the text form (hyphens anywhere, either case). False when malformed.
bool append_uuid(std::string_view text, std::string& out);
/// inet_recv / cidr_recv from "a.b.c.d" or "a.b.c.d/n" (IPv4 only). False when malformed.
bool append_inet4(std::string_view text, bool cidr, std::string& out);

/// Seconds since 1970-01-01 UTC (whole seconds) as PostgreSQL's int64 microseconds since
/// 2000-01-01 (timestamp, timestamptz), days since 2000-01-01 (date), and time of day.
int64_t pg_timestamp_micros(int64_t epoch_seconds);
int32_t pg_date_days(int64_t epoch_seconds);
int64_t pg_time_micros(int64_t epoch_seconds);

}  // namespace pgcertify::datagen
