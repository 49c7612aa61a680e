#include "report/formats.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/error.hpp"
#include "report/writer.hpp"

namespace pgcertify::report {
namespace {
using checks::Status;

checks::RunSummary sample() {
  checks::RunSummary s;
  s.plan_title = "Demo <plan> & \"co\"";
  s.target = "ephemeral cluster";
  auto add = [&](std::string suite, std::string name, Status status, std::string message) {
    checks::CheckResult r;
    r.suite = suite;
    r.name = name;
    r.id = suite + "/" + name;
    r.kind = "query";
    r.outcome.status = status;
    r.outcome.message = message;
    r.source = {"plan.yaml", 4, 7};
    s.results.push_back(r);
  };
  add("Schema", "ok check", Status::kPass, "");
  add("Schema", "grade <7> & #1", Status::kFail, "value 7 is not <= 6");
  add("Access", "broken", Status::kError, "syntax error at or near \"FORM\"\x01");
  add("Access", "later", Status::kSkip, "not yet");
  add("Access", "soft", Status::kWarn, "a warning");
  s.results[1].outcome.evidence = {"row 1: '7'"};
  return s;
}

TEST(JsonReport, ParsesAndCarriesCountsAndStableIds) {
  const auto doc = nlohmann::json::parse(to_json(sample()));
  EXPECT_EQ(doc["counts"]["total"], 5);
  EXPECT_EQ(doc["counts"]["fail"], 1);
  EXPECT_EQ(doc["counts"]["warn"], 1);
  EXPECT_EQ(doc["passed"], false);
  EXPECT_EQ(doc["results"][1]["id"], "Schema/grade <7> & #1");
  EXPECT_EQ(doc["results"][1]["status"], "fail");
  EXPECT_EQ(doc["results"][1]["source"], "plan.yaml:4:7");
}

TEST(JunitReport, EscapesMarkupAndCountsPerSuite) {
  const std::string xml = to_junit(sample());
  EXPECT_NE(xml.find("<testsuites name=\"Demo &lt;plan&gt; &amp; &quot;co&quot;\" tests=\"5\" failures=\"1\" errors=\"1\" skipped=\"1\""),
            std::string::npos);
  EXPECT_NE(xml.find("<testsuite name=\"Schema\" tests=\"2\" failures=\"1\" errors=\"0\""), std::string::npos);
  EXPECT_NE(xml.find("name=\"grade &lt;7&gt; &amp; #1\""), std::string::npos);
  EXPECT_EQ(xml.find('\x01'), std::string::npos);  // control characters are not valid XML
  EXPECT_NE(xml.find("<skipped message=\"not yet\"/>"), std::string::npos);
}

TEST(JunitReport, NonUtf8BytesBecomeReplacementCharacters) {
  checks::RunSummary s = sample();
  s.results[0].name = "caf\xE9 \xC3\xA9t\xC3";  // Latin-1 é, a real é, a cut-off sequence
  const std::string xml = to_junit(s);
  EXPECT_NE(xml.find("name=\"caf\xEF\xBF\xBD \xC3\xA9t\xEF\xBF\xBD\""), std::string::npos) << xml;
}

TEST(ReportDestinations, TwoFormatsToOneFileAreAUsageError) {
  try {
    check_destinations(parse_report_spec("json=/tmp/r.out,tap=/tmp/../tmp/r.out"));
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind, ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("two reports would be written to"), std::string::npos);
  }
}

TEST(TapReport, NumbersTestsAndUsesDirectivesForSkipsAndWarnings) {
  const std::string tap = to_tap(sample());
  EXPECT_EQ(tap.rfind("TAP version 13\n1..5\nok 1 - Schema / ok check\nnot ok 2 - Schema / grade <7> & _1\n", 0), 0u)
      << tap;
  EXPECT_NE(tap.find("ok 4 - Access / later # SKIP not yet\n"), std::string::npos);
  EXPECT_NE(tap.find("not ok 5 - Access / soft # TODO severity warn: a warning\n"), std::string::npos);
  EXPECT_NE(tap.find("#   Failed: value 7 is not <= 6\n"), std::string::npos);
}

TEST(ReportSpec, ParsesFormatsAndRejectsUnknownOnes) {
  const auto files = parse_report_spec("json=a.json, junit=b.xml,tap=c.tap");
  ASSERT_EQ(files.size(), 3u);
  EXPECT_EQ(files[1].format, Format::kJunit);
  EXPECT_EQ(files[1].path, "b.xml");
  try {
    parse_report_spec("jnuit=b.xml");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), "--report: unknown format 'jnuit' (did you mean 'junit'?) (formats: json, junit, tap)");
  }
  EXPECT_THROW(parse_report_spec("json"), Error);
}

}  // namespace
}  // namespace pgcertify::report
