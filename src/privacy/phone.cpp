#include "privacy/phone.hpp"

#include <phonenumbers/logger.h>
#include <phonenumbers/phonenumbermatch.h>
#include <phonenumbers/phonenumbermatcher.h>
#include <phonenumbers/phonenumberutil.h>

#include <set>

namespace pgcertify::privacy {
namespace {
using i18n::phonenumbers::PhoneNumberMatch;
using i18n::phonenumbers::PhoneNumberMatcher;
using i18n::phonenumbers::PhoneNumberUtil;

/// The library logs parse failures to stderr by default; a scan sees millions of them.
const PhoneNumberUtil& util() {
  static PhoneNumberUtil* instance = [] {
    PhoneNumberUtil* u = PhoneNumberUtil::GetInstance();
    u->SetLogger(new i18n::phonenumbers::NullLogger());
    return u;
  }();
  return *instance;
}

/// Numbers the matcher finds in `text` for one default region. VALID leniency: the number
/// exists in the region's plan (length, prefixes), and a national number carries the trunk
/// prefix where the region requires one.
void match_region(const std::string& text, const std::string& region, std::vector<std::pair<size_t, size_t>>& out) {
  PhoneNumberMatcher matcher(util(), text, region, PhoneNumberMatcher::VALID, /*max_tries=*/8);
  PhoneNumberMatch match;
  while (matcher.HasNext() && matcher.Next(&match))
    out.emplace_back(static_cast<size_t>(match.start()), static_cast<size_t>(match.length()));
}
}  // namespace

std::vector<std::pair<size_t, size_t>> find_phone_numbers(std::string_view text, const std::vector<std::string>& regions) {
  std::vector<std::pair<size_t, size_t>> found;
  const std::string candidate(text);
  // A number with its country code is valid or not whatever the default region: one try.
  if (candidate.find('+') != std::string::npos || regions.empty()) {
    match_region(candidate, regions.empty() ? "ZZ" : regions.front(), found);
    if (!found.empty() || regions.empty()) return found;
  }
  // National numbers: the region whose reading covers most of the candidate wins, so that
  // "(11) 98765-4321" is a São Paulo mobile, not "98765-4321" read in another plan.
  size_t best_cover = 0;
  for (const auto& region : regions) {
    std::vector<std::pair<size_t, size_t>> numbers;
    match_region(candidate, region, numbers);
    size_t cover = 0;
    for (const auto& n : numbers) cover += n.second;
    if (cover <= best_cover) continue;
    best_cover = cover;
    found = std::move(numbers);
    if (cover == candidate.size()) break;
  }
  return found;
}

bool phone_region_known(std::string_view region) {
  static const std::set<std::string> known = [] {
    std::set<std::string> regions;
    util().GetSupportedRegions(&regions);
    return regions;
  }();
  return known.contains(std::string(region));
}

}  // namespace pgcertify::privacy
