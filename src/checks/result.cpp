#include "checks/result.hpp"

#include <algorithm>

namespace pgcertify::checks {

std::string_view status_name(Status s) {
  switch (s) {
    case Status::kPass: return "pass";
    case Status::kFail: return "fail";
    case Status::kError: return "error";
    case Status::kSkip: return "skip";
    case Status::kWarn: return "warn";
  }
  return "?";
}

size_t RunSummary::count(Status s) const {
  return static_cast<size_t>(
      std::count_if(results.begin(), results.end(), [s](const CheckResult& r) { return r.outcome.status == s; }));
}

bool RunSummary::passed() const { return count(Status::kFail) == 0 && count(Status::kError) == 0 && !interrupted; }

}  // namespace pgcertify::checks
