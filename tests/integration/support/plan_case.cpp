#include "support/plan_case.hpp"

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <thread>

#include "common/error.hpp"
#include "plan/sql_file.hpp"
#include "runner/setup.hpp"

namespace pgcertify::testing {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

const std::set<std::string> kCaseKeys = {"about", "target", "steps", "after", "variants"};
const std::set<std::string> kVariantKeys = {
    "about", "steps", "args", "exit_code", "counts", "checks", "other_checks", "output_contains", "never_appears"};
const std::set<std::string> kCheckKeys = {"status",      "id",           "source",   "message",
                                          "measurement", "measurements", "evidence", "evidence_contains"};

/// "unknown key 'x' in WHERE (expected a, b, …)" for the first key of `object` not in `known`.
std::string unknown_key(const Json& object, const std::set<std::string>& known, const std::string& where) {
  if (!object.is_object()) return where + " must be an object";
  for (const auto& [key, value] : object.items()) {
    if (known.count(key)) continue;
    std::string list;
    for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
    return "unknown key '" + key + "' in " + where + " (expected " + list + ")";
  }
  return "";
}

std::string validate_variant(const Json& v, const std::string& where, std::set<std::string> known = kVariantKeys) {
  if (std::string problem = unknown_key(v, known, where); !problem.empty()) return problem;
  if (v.contains("checks"))
    for (const auto& [name, check] : v["checks"].items())
      if (std::string problem = unknown_key(check, kCheckKeys, where + ".checks[\"" + name + "\"]"); !problem.empty())
        return problem;
  if (v.contains("other_checks")) return unknown_key(v["other_checks"], kCheckKeys, where + ".other_checks");
  return "";
}

Json concat(Json a, const Json& b) {
  if (!a.is_array()) a = Json::array();
  if (b.is_array())
    for (const auto& step : b) a.push_back(step);
  return a;
}

/// The variants of one folder; one variant carrying `problem` when expected.json is unusable.
std::vector<PlanCase> cases_in(const fs::path& dir) {
  PlanCase base;
  base.folder = dir.filename().string();
  base.dir = dir;
  const fs::path file = dir / "expected.json";
  if (!fs::exists(file)) {
    base.problem = file.string() + " is missing: every case folder says what its report must be";
    return {base};
  }
  const Json doc = Json::parse(read_text(file), nullptr, false);
  if (doc.is_discarded())
    base.problem = file.string() + ": not valid JSON";
  else if (doc.contains("variants"))
    base.problem = unknown_key(doc, kCaseKeys, "expected.json");
  else {
    std::set<std::string> known = kVariantKeys;
    known.insert({"target", "after"});
    base.problem = validate_variant(doc, "expected.json", known);
  }
  if (base.problem.empty() && doc.value("target", "database") != "database" && doc.value("target", "") != "ephemeral")
    base.problem = "expected.json: 'target' is \"database\" or \"ephemeral\"";
  if (!base.problem.empty()) return {base};

  base.ephemeral = doc.value("target", "database") == "ephemeral";
  base.after = doc.value("after", Json::array());
  if (!doc.contains("variants")) {
    base.expect = doc;
    base.steps = doc.value("steps", Json::array());
    return {base};
  }
  std::vector<PlanCase> out;
  for (const auto& [name, v] : doc["variants"].items()) {
    PlanCase c = base;
    c.variant = name;
    c.problem = validate_variant(v, "expected.json: variants." + name);
    c.expect = v;
    c.steps = concat(doc.value("steps", Json::array()), v.value("steps", Json::array()));
    out.push_back(c);
  }
  return out;
}

}  // namespace

std::string PlanCase::test_name() const {
  std::string name = variant.empty() ? folder : folder + "_" + variant;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

void PrintTo(const PlanCase& c, std::ostream* out) {
  *out << "tests/plans/" << c.folder << (c.variant.empty() ? "" : " variant " + c.variant);
}

std::vector<PlanCase> discover_plan_cases() {
  // A folder holding a plan.yaml is a case; one without is a group of cases (false_pass/).
  const fs::path root = source_dir() + "/tests/plans";
  std::vector<fs::path> folders;
  for (const auto& e : fs::recursive_directory_iterator(root))
    if (e.is_directory() && fs::exists(e.path() / "plan.yaml")) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  std::vector<PlanCase> out;
  for (const auto& folder : folders) {
    if (fs::exists(folder.parent_path() / "plan.yaml")) continue;  // a case's own sub-folder (migrations, …)
    for (auto& c : cases_in(folder)) {
      c.folder = fs::relative(folder, root).string();
      out.push_back(std::move(c));
    }
  }
  return out;
}

PlanCase plan_case(const std::string& folder, const std::string& variant) {
  for (auto& c : cases_in(source_dir() + "/tests/plans/" + folder))
    if (c.variant == variant) {
      c.folder = folder;
      EXPECT_EQ(c.problem, "");
      return c;
    }
  ADD_FAILURE() << "tests/plans/" << folder << " has no variant '" << variant << "'";
  return {};
}

namespace {

void apply_file(pg::Connection& db, const fs::path& file, bool autocommit) {
  const plan::SqlFile sql = plan::load_sql_file(file, file.filename().string());
  if (!autocommit) return runner::apply_sql_file(db, sql);
  for (const auto& statement : sql.statements) db.exec_simple(statement.text);  // VACUUM cannot run in a transaction
}

std::string scalar(pg::Connection& db, const std::string& query) {
  const pg::Result r = db.exec(query);
  return r.rows() > 0 && !r.is_null(0, 0) ? std::string(r.value(0, 0)) : "";
}

/// Polls `query` until it returns `expected` (statistics reach the shared view asynchronously).
bool wait_for(pg::Connection& db, const std::string& query, const std::string& expected) {
  std::string value;
  for (int i = 0; i < 200 && value != expected; ++i) {
    scalar(db, "SELECT pg_stat_clear_snapshot()");
    value = scalar(db, query);
    if (value != expected) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_EQ(value, expected) << "waited 4 s for: " << query;
  return value == expected;
}

void apply_step(pg::Connection& db, const fs::path& dir, const Json& step) {
  if (step.is_string()) return apply_file(db, dir / step.get<std::string>(), false);
  if (step.contains("file"))
    return apply_file(db, dir / step["file"].get<std::string>(), step.value("autocommit", false));
  if (step.contains("sql")) {
    db.exec_simple(step["sql"].get<std::string>());
    return;
  }
  if (step.contains("migrations")) {
    std::vector<fs::path> ups;
    for (const auto& e : fs::directory_iterator(dir / step["migrations"].get<std::string>()))
      if (e.path().extension() == ".sql" && !e.path().filename().string().ends_with(".down.sql"))
        ups.push_back(e.path());
    std::sort(ups.begin(), ups.end());
    for (const auto& up : ups) apply_file(db, up, false);
    return;
  }
  if (step.contains("wait_for")) {
    if (!wait_for(db, step["wait_for"].get<std::string>(), step.value("equals", "")))
      throw Error(ErrorKind::kTarget, "timed out");
    return;
  }
  throw Error(ErrorKind::kPlan, "a step is a file name or an object with file, sql, migrations or wait_for");
}

}  // namespace

bool apply_steps(pg::Connection& db, const PlanCase& c, const Json& steps) {
  for (const auto& step : steps) {
    try {
      apply_step(db, c.dir, step);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "tests/plans/" << c.folder << ": step " << step.dump() << " failed: " << e.what();
      return false;
    }
  }
  return true;
}

}  // namespace pgcertify::testing

namespace pgcertify::testing {
namespace {

/// A text expectation: "exact", null (any text), {"starts_with" | "contains" | "matches": "…"}.
bool matches(const Json& want, const std::string& actual) {
  if (want.is_null()) return true;
  if (want.is_string()) return actual == want.get<std::string>();
  if (want.contains("starts_with")) return actual.starts_with(want["starts_with"].get<std::string>());
  if (want.contains("contains")) return actual.find(want["contains"].get<std::string>()) != std::string::npos;
  if (want.contains("matches")) return std::regex_search(actual, std::regex(want["matches"].get<std::string>()));
  return false;
}

std::string text_of(const nlohmann::json& value) {
  return value.is_string() ? value.get<std::string>() : value.is_null() ? "" : value.dump();
}

struct Diff {
  std::vector<std::string> lines;
  int compared = 0;

  void expect(bool ok, const std::string& what, const std::string& want, const std::string& got) {
    ++compared;
    if (!ok) lines.push_back(what + ": expected " + want + ", got " + got);
  }
  void text(const std::string& what, const Json& want, const nlohmann::json& got) {
    expect(matches(want, text_of(got)), what, want.dump(),
           got.is_null() ? "nothing" : nlohmann::json(text_of(got)).dump());
  }
};

void compare_check(Diff& d, const std::string& name, const Json& want, const nlohmann::json& got,
                   const std::string& dir) {
  const std::string at = "\"" + name + "\" ";
  for (const char* field : {"status", "id", "message"})
    if (want.contains(field)) d.text(at + field, want[field], got[field]);
  if (want.contains("source")) {
    std::string source = text_of(got["source"]);
    if (source.starts_with(dir)) source.erase(0, dir.size());
    d.text(at + "source", want["source"], source);
  }
  const auto& measured = got["measurements"];
  if (want.contains("measurement"))
    d.text(at + "measurement", want["measurement"], measured.empty() ? nlohmann::json() : measured[0]["value"]);
  if (want.contains("measurements"))
    for (const auto& [m, value] : want["measurements"].items()) {
      nlohmann::json actual;
      for (const auto& each : measured)
        if (each["name"] == m) actual = each["value"];
      if (value.is_null())
        d.expect(actual.is_null(), at + "measurement " + m, "none", actual.dump());
      else
        d.text(at + "measurement " + m, value, actual);
    }
  const auto& evidence = got["evidence"];
  if (want.contains("evidence")) {
    const auto& lines = want["evidence"];
    d.expect(lines.size() == evidence.size(), at + "evidence", std::to_string(lines.size()) + " lines",
             std::to_string(evidence.size()) + ":\n      " + evidence.dump(6));
    for (size_t i = 0; i < std::min(lines.size(), evidence.size()); ++i)
      d.text(at + "evidence[" + std::to_string(i) + "]", lines[i], evidence[i]);
  }
  if (want.contains("evidence_contains"))
    for (const auto& piece : want["evidence_contains"]) {
      bool found = false;
      for (const auto& line : evidence)
        found = found || text_of(line).find(piece.get<std::string>()) != std::string::npos;
      d.expect(found, at + "evidence", "a line containing " + piece.dump(), evidence.dump(6));
    }
}

}  // namespace

namespace {
/// want[key], or an empty value: a named reference, not a temporary, to loop over.
const Json& member(const Json& want, const char* key) {
  static const Json kEmpty = Json::array();
  return want.contains(key) ? want[key] : kEmpty;
}
}  // namespace

std::vector<std::string> differences(const PlanCase& c, const PlanRun& run, int& compared) {
  Diff d;
  const Json& want = c.expect;
  if (want.contains("exit_code"))
    d.expect(run.exit_code == want["exit_code"].get<int>(), "exit code", want["exit_code"].dump(),
             std::to_string(run.exit_code));
  for (const auto& piece : member(want, "output_contains"))
    d.expect(run.output().find(piece.get<std::string>()) != std::string::npos, "output", "to contain " + piece.dump(),
             "none");
  const std::string written = run.everything_written();
  for (const auto& piece : member(want, "never_appears"))
    d.expect(written.find(piece.get<std::string>()) == std::string::npos, "reports and output",
             "never to contain " + piece.dump(),
             "it at offset " + std::to_string(written.find(piece.get<std::string>())));
  if (run.report.is_null()) {
    d.lines.push_back("no JSON report was written");
    compared += d.compared;
    return d.lines;
  }
  for (const auto& [key, value] : member(want, "counts").items())
    d.expect(run.report["counts"][key] == value, "counts." + key, value.dump(), run.report["counts"][key].dump());

  const auto& results = run.report["results"];
  const std::string dir = c.dir.string() + "/";
  std::vector<bool> listed(results.size(), false);
  size_t last = 0;
  std::string last_name;
  for (const auto& [name, check] : member(want, "checks").items()) {
    std::vector<size_t> found;
    for (size_t i = 0; i < results.size(); ++i)
      if (results[i]["id"] == name || results[i]["name"] == name) found.push_back(i);
    if (found.size() != 1) {
      d.lines.push_back("\"" + name + "\": " +
                        (found.empty() ? "not in the report" : "names several checks; use its id (suite/name)"));
      continue;
    }
    listed[found[0]] = true;
    d.expect(found[0] >= last, "\"" + name + "\" order", "after \"" + last_name + "\" as in expected.json",
             "before it");
    last = found[0];
    last_name = name;
    compare_check(d, name, check, results[found[0]], dir);
  }
  for (size_t i = 0; i < results.size(); ++i) {
    if (listed[i]) continue;
    const std::string name = results[i]["name"];
    if (want.contains("other_checks"))
      compare_check(d, name, want["other_checks"], results[i], dir);
    else
      d.lines.push_back("\"" + name + "\": in the report (" + text_of(results[i]["status"]) +
                        ") but not in expected.json: list it, or give 'other_checks'");
  }
  compared += d.compared;
  return d.lines;
}

}  // namespace pgcertify::testing
