#pragma once
// The load tests' fixture: run `pgcertify load` (and, side by side, the real pgbench) against
// this test's database and read the JSON summary.

#include <nlohmann/json.hpp>

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "support/fixture.hpp"

namespace pgcertify::testing {

inline const std::filesystem::path kPgbench = "/usr/lib/postgresql/15/bin/pgbench";

class LoadTest : public DatabaseTest {
 protected:
  /// Runs `pgcertify load ARGS… --json F DSN` and returns the JSON summary.
  nlohmann::json load(std::vector<std::string> args, int expected_exit = 0) {
    const std::filesystem::path json = work_dir_ / "load.json";
    std::filesystem::remove(json);
    args.insert(args.begin(), "load");
    args.push_back("--json");
    args.push_back(json.string());
    args.push_back(dsn());
    last_ = run_pgcertify(args);
    EXPECT_EQ(last_.exit_code, expected_exit) << last_.out << last_.err;
    if (!std::filesystem::exists(json)) return {};
    return nlohmann::json::parse(read_text(json));
  }
  /// Runs the real pgbench with ARGS and this test's database; empty when it is not installed.
  std::optional<Completed> pgbench(const std::vector<std::string>& args) {
    if (!std::filesystem::exists(kPgbench)) return std::nullopt;
    std::string cmd = kPgbench.string();
    for (const auto& a : args) cmd += " '" + a + "'";
    const auto out = work_dir_ / "pgbench.out", err = work_dir_ / "pgbench.err";
    cmd += " '" + dsn() + "' > " + out.string() + " 2> " + err.string();
    const int status = std::system(cmd.c_str());
    return Completed{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(out), read_text(err)};
  }
  std::filesystem::path script(const std::string& name, const std::string& text) {
    write_text(work_dir_ / name, text);
    return work_dir_ / name;
  }
  Completed last_;
};

}  // namespace pgcertify::testing
