#include <fmt/format.h>

#include <map>

#include "common/strings.hpp"
#include "report/formats.hpp"

namespace pgcertify::report {
namespace {
std::string xml_escape(std::string_view raw) {
  const std::string s = valid_utf8(raw);  // a plan's non-UTF-8 bytes must not make the file unreadable
  std::string out;
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        // XML 1.0 forbids most control characters, even escaped.
        if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') out += '?';
        else out += static_cast<char>(c);
    }
  }
  return out;
}

std::string seconds(std::chrono::microseconds d) { return fmt::format("{:.3f}", static_cast<double>(d.count()) / 1e6); }

std::string body(const checks::CheckResult& r) {
  std::string text = r.outcome.message;
  for (const auto& m : r.outcome.measurements)
    text += fmt::format("\n{} = {}{}", m.name, m.value, m.threshold.empty() ? "" : " (expected " + m.threshold + ")");
  for (const auto& e : r.outcome.evidence) text += "\n  " + e;
  if (!r.source.empty()) text += "\nat " + r.source.to_string();
  return xml_escape(text);
}
}  // namespace

std::string to_junit(const checks::RunSummary& summary) {
  // Suites in plan order, each with its results.
  std::vector<std::string> order;
  std::map<std::string, std::vector<const checks::CheckResult*>> by_suite;
  for (const auto& r : summary.results) {
    if (!by_suite.count(r.suite)) order.push_back(r.suite);
    by_suite[r.suite].push_back(&r);
  }
  using checks::Status;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += fmt::format("<testsuites name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\">\n",
                     xml_escape(summary.plan_title), summary.results.size(), summary.count(Status::kFail),
                     summary.count(Status::kError), summary.count(Status::kSkip), seconds(summary.duration));
  for (const auto& suite : order) {
    const auto& results = by_suite[suite];
    size_t failures = 0, errors = 0, skipped = 0;
    std::chrono::microseconds time{0};
    for (const auto* r : results) {
      failures += r->outcome.status == Status::kFail;
      errors += r->outcome.status == Status::kError;
      skipped += r->outcome.status == Status::kSkip;
      time += r->duration;
    }
    out += fmt::format("  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\" errors=\"{}\" skipped=\"{}\" time=\"{}\">\n",
                       xml_escape(suite), results.size(), failures, errors, skipped, seconds(time));
    for (const auto* r : results) {
      out += fmt::format("    <testcase classname=\"{}\" name=\"{}\" time=\"{}\"", xml_escape(suite), xml_escape(r->name),
                         seconds(r->duration));
      if (!r->source.empty()) out += fmt::format(" file=\"{}\" line=\"{}\"", xml_escape(r->source.file), r->source.line);
      const std::string message = xml_escape(r->outcome.message);
      switch (r->outcome.status) {
        case Status::kPass: out += "/>\n"; break;
        case Status::kFail:
          out += fmt::format(">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>\n", message,
                             xml_escape(r->kind), body(*r));
          break;
        case Status::kError:
          out += fmt::format(">\n      <error message=\"{}\" type=\"{}\">{}</error>\n    </testcase>\n", message,
                             xml_escape(r->kind), body(*r));
          break;
        case Status::kSkip: out += fmt::format(">\n      <skipped message=\"{}\"/>\n    </testcase>\n", message); break;
        case Status::kWarn:
          out += fmt::format(">\n      <system-out>WARNING (severity: warn): {}</system-out>\n    </testcase>\n", body(*r));
          break;
      }
    }
    out += "  </testsuite>\n";
  }
  out += "</testsuites>\n";
  return out;
}

}  // namespace pgcertify::report
