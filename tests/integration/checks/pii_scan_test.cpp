// pii_scan against real tables: a full scan by default finds a value planted in the last row;
// a sample says how it was drawn and what it can claim; a timeout is a failure that says how
// far it got; and phone numbers of many countries are redacted in every report format.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {

class PiiScanTest : public DatabaseTest {
 protected:
  /// Runs a plan of one suite and returns its JSON report's results, by check name.
  std::map<std::string, nlohmann::json> run_checks(const std::string& checks, const std::vector<std::string>& extra = {}) {
    const auto plan = work_dir_ / "plan.yaml";
    write_text(plan, "suites:\n  - name: pii\n    checks:\n" + checks);
    const auto json = work_dir_ / "report.json";
    std::vector<std::string> args = {"run", plan.string(), "--dsn", dsn(), "--report", "json=" + json.string()};
    args.insert(args.end(), extra.begin(), extra.end());
    last_ = run_pgcertify(args);
    std::map<std::string, nlohmann::json> out;
    const auto report = nlohmann::json::parse(read_text(json));
    for (const auto& r : report["results"]) out[r["name"].get<std::string>()] = r;
    if (out.empty()) ADD_FAILURE() << "no results: " << last_.out << last_.err;
    return out;
  }
  static std::string evidence(const nlohmann::json& r) {
    std::string all;
    for (const auto& e : r["evidence"]) all += e.get<std::string>() + "\n";
    return all;
  }
  void make_notes(int rows) {
    sql("CREATE TABLE notes (id int PRIMARY KEY, note text, city varchar(40), created date);"
        "INSERT INTO notes SELECT g, 'lesson ' || g % 97 || ' done on ' || (date '2024-01-01' + g % 365), "
        "'city ' || g % 50, date '2024-01-01' + g % 365 FROM generate_series(1, " +
        std::to_string(rows) + ") g; ANALYZE notes");
  }
  Completed last_;
};

TEST_F(PiiScanTest, FindsAValuePlantedInTheLastRowWithTheDefaults) {
  make_notes(200000);
  sql("UPDATE notes SET note = 'mail jane.doe@example.com' WHERE id = 200000");
  auto r = run_checks("      - name: notes\n        pii_scan: {relations: [notes], column_patterns: []}\n");
  const auto& check = r["notes"];
  EXPECT_EQ(check["status"], "fail") << last_.out << last_.err;
  EXPECT_NE(check["message"].get<std::string>().find("200,000 of 200,000 rows, 2 columns (not read, not text: id, created)"),
            std::string::npos) << check["message"];
  EXPECT_NE(evidence(check).find("notes.note: email in 1 of 200,000 values read, e.g. \"mail j***@example.com\""),
            std::string::npos) << evidence(check);
  EXPECT_EQ((last_.out + last_.err).find("jane.doe@example.com"), std::string::npos);

  sql("UPDATE notes SET note = 'clean' WHERE id = 200000");
  r = run_checks("      - name: notes\n        pii_scan: {relations: [notes], column_patterns: []}\n");
  EXPECT_EQ(r["notes"]["status"], "pass");
  EXPECT_EQ(r["notes"]["message"],
            "no personal data found: 200,000 of 200,000 rows, 2 columns (not read, not text: id, created), 0 findings");
}

TEST_F(PiiScanTest, ASampledPassStatesTheSampleAndItsClaim) {
  make_notes(200000);
  auto r = run_checks(
      "      - name: one percent\n        pii_scan: {relations: [notes], sample: 1%}\n"
      "      - name: five thousand\n        pii_scan: {relations: [notes], sample: 5000, seed: 7}\n");
  const std::string percent = r["one percent"]["message"];
  EXPECT_EQ(r["one percent"]["status"], "pass") << percent;
  EXPECT_TRUE(percent.starts_with("no findings in a random sample of ")) << percent;
  EXPECT_NE(percent.find("(TABLESAMPLE BERNOULLI (1) REPEATABLE (1)) of ~200,000 rows, 2 columns (not read, not text: id, created)"),
            std::string::npos)
      << percent;
  EXPECT_NE(percent.find(": with 95% confidence fewer than "), std::string::npos) << percent;
  EXPECT_NE(percent.find("of rows hold personal data (rule of three: 3/"), std::string::npos) << percent;
  EXPECT_NE(percent.find("only a full scan (no 'sample') shows there is none"), std::string::npos) << percent;

  const std::string rows = r["five thousand"]["message"];
  EXPECT_NE(rows.find("(TABLESAMPLE BERNOULLI (2.5) REPEATABLE (7))"), std::string::npos) << rows;
  // The same seed draws the same sample: the message is repeatable.
  EXPECT_EQ(run_checks("      - name: five thousand\n        pii_scan: {relations: [notes], sample: 5000, seed: 7}\n")
                ["five thousand"]["message"],
            rows);
}

TEST_F(PiiScanTest, ViewsAreScannedThroughTheirOutputAndSampledBySeed) {
  make_notes(20000);
  sql("UPDATE notes SET city = '+44 20 7946 0958' WHERE id = 19999;"
      "CREATE VIEW note_cities AS SELECT id, upper(city) AS town FROM notes");
  auto r = run_checks("      - name: view\n        pii_scan: {relations: [note_cities], column_patterns: []}\n"
                      "      - name: sampled view\n        pii_scan: {relations: [note_cities], sample: 10%}\n");
  EXPECT_EQ(r["view"]["status"], "fail");
  EXPECT_NE(evidence(r["view"]).find("note_cities.town: phone in 1 of 20,000 values read, e.g. \"+** ** **** **58\""),
            std::string::npos) << evidence(r["view"]);
  EXPECT_NE(r["sampled view"]["message"].get<std::string>().find("random() < 0.1 after setseed(1)"), std::string::npos)
      << r["sampled view"]["message"];
}

TEST_F(PiiScanTest, ATimeoutFailsAndSaysHowFarItGot) {
  make_notes(200000);
  sql("CREATE TABLE more_notes AS SELECT * FROM notes");
  auto r = run_checks("      - name: slow\n        timeout: 1ms\n        pii_scan: {relations: [notes, more_notes]}\n");
  const std::string message = r["slow"]["message"];
  EXPECT_EQ(r["slow"]["status"], "fail") << message;
  EXPECT_TRUE(message.starts_with("timed out after 1ms having read ")) << message;
  EXPECT_NE(message.find("what was not read is not certified"), std::string::npos) << message;
}

TEST_F(PiiScanTest, RejectsABadSampleAndAnUnknownPhoneRegion) {
  make_notes(10);
  auto plan = work_dir_ / "bad.yaml";
  write_text(plan, "suites:\n  - name: s\n    checks:\n      - pii_scan: {relations: [notes], sample: 0%}\n");
  Completed c = run_pgcertify({"run", plan.string(), "--dsn", dsn()});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("invalid 'sample' '0%'"), std::string::npos) << c.err;
  write_text(plan, "suites:\n  - name: s\n    checks:\n      - pii_scan: {relations: [notes], phone_regions: [GB, UK]}\n");
  c = run_pgcertify({"run", plan.string(), "--dsn", dsn()});
  EXPECT_EQ(c.exit_code, 2);
  EXPECT_NE(c.err.find("unknown phone region 'UK'"), std::string::npos) << c.err;
}

// 24 formats from 12 countries, each quoted by a failing `query` check: none may reach the
// console, JSON, JUnit or TAP whole.
const std::vector<std::string> kPhones = {
    "+1 212-555-0123",  "(212) 555-0123",    "+1 416-555-0199",   "+44 20 7946 0958", "020 7946 0958",
    "+44 7911 123456",  "+49 30 901820",     "030 901820",        "+33 1 42 68 53 00", "01 42 68 53 00",
    "+34 912 345 678",  "912 345 678",       "+39 06 6982 1234",  "06 6982 1234",      "+31 20 123 4567",
    "+91 98765 43210",  "+61 2 9374 4000",   "(02) 9374 4000",    "+55 11 98765-4321", "(11) 98765-4321",
    "+81 3-1234-5678",  "03-1234-5678",      "+4930901820",       "07911 123456",
};

TEST_F(PiiScanTest, PhoneNumbersOfTwelveCountriesAreRedactedInEveryReport) {
  sql("CREATE TABLE contacts (id int, phone text)");
  std::string checks;
  for (size_t i = 0; i < kPhones.size(); ++i) {
    sql("INSERT INTO contacts VALUES (" + std::to_string(i) + ", " + admin().quote_literal(kPhones[i]) + ")");
    checks += "      - name: phone " + std::to_string(i) + "\n        query:\n          sql: SELECT phone FROM contacts WHERE id = " +
              std::to_string(i) + "\n          expect: {value: nobody}\n";
  }
  const auto junit = work_dir_ / "report.xml", tap = work_dir_ / "report.tap";
  auto r = run_checks(checks, {"--report", "junit=" + junit.string() + ",tap=" + tap.string()});
  const std::string json = read_text(work_dir_ / "report.json");
  const std::string reports[] = {last_.out + last_.err, json, read_text(junit), read_text(tap)};
  for (size_t i = 0; i < kPhones.size(); ++i) {
    const auto& check = r["phone " + std::to_string(i)];
    EXPECT_EQ(check["status"], "fail") << kPhones[i];
    const std::string shown = check["message"].get<std::string>() + evidence(check);
    // The message quotes the value redacted: its last two digits, no more.
    EXPECT_NE(shown.find(kPhones[i].substr(kPhones[i].size() - 2)), std::string::npos) << shown;
    for (const auto& report : reports) EXPECT_EQ(report.find(kPhones[i]), std::string::npos) << kPhones[i];
  }
}

}  // namespace
}  // namespace pgcertify::testing
