#pragma once
// Phone numbers confirmed by libphonenumber (Google's metadata for every region's numbering
// plan), behind a small interface so that only phone.cpp sees its headers.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pgcertify::privacy {

/// The valid phone numbers in `text` as (position, length): numbers with a country code
/// (+44 20 7946 0958) in any region, national numbers (020 7946 0958) in one of `regions`.
/// `text` is a short candidate (digits and separators); valid UTF-8 is required.
std::vector<std::pair<size_t, size_t>> find_phone_numbers(std::string_view text, const std::vector<std::string>& regions);

/// True for a region code libphonenumber knows.
bool phone_region_known(std::string_view region);

}  // namespace pgcertify::privacy
