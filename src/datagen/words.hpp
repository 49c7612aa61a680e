#pragma once
// Word lists for the realistic text generators (email, name, company, sentence, text).

#include <span>
#include <string_view>

namespace pgcertify::datagen {

std::span<const std::string_view> first_names();
std::span<const std::string_view> last_names();
std::span<const std::string_view> company_words();
std::span<const std::string_view> company_suffixes();
std::span<const std::string_view> lorem_words();
std::span<const std::string_view> email_domains();

}  // namespace pgcertify::datagen
