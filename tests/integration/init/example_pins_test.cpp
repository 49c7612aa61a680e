// The reference databases' pinned schemas: examples/<name>/schema.yaml was written by
// `pgcertify init` against the example's migrated database and reviewed. Each test applies the
// example's migrations to a fresh database and runs the pin, so a migration that changes a fact
// without updating the pin fails here. To re-pin after a deliberate change, run
//   PGCERTIFY_UPDATE_PINS=1 build/tests/integration_tests --gtest_filter='ExamplePins*'
// and review the diff of schema.yaml.

#include <gtest/gtest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "support/fixture.hpp"

namespace pgcertify::testing {
namespace {
namespace fs = std::filesystem;

class ExamplePinsTest : public DatabaseTest {
 protected:
  void pin_holds(const std::string& example) {
    apply_example(example);
    const fs::path pin = source_dir() + "/examples/" + example + "/schema.yaml";
    if (std::getenv("PGCERTIFY_UPDATE_PINS")) {
      const Completed init = run_pgcertify({"init", "--dsn", dsn()});
      ASSERT_EQ(init.exit_code, 0) << init.err;
      // The header and title name this run's throwaway database: say what the pin is instead.
      std::string yaml = init.out.substr(init.out.find("\nplan: ") + 1);
      yaml = yaml.substr(yaml.find('\n'));
      write_text(pin, "# Written by pgcertify init against examples/" + example + "'s migrations (re-pin: see\n" +
                          "# tests/integration/init/example_pins_test.cpp) and reviewed. Run: pgcertify run schema.yaml --dsn URL\n" +
                          "plan: Schema of examples/" + example + yaml);
    }
    ASSERT_TRUE(fs::exists(pin)) << pin;
    const fs::path report = work_dir_ / "r.json";
    const Completed run = run_pgcertify({"run", pin.string(), "--dsn", dsn(), "--report", "json=" + report.string()});
    std::string failures;
    if (fs::exists(report))
      for (const auto& r : nlohmann::json::parse(read_text(report))["results"])
        if (r["status"] != "pass") {
          failures += r["message"].get<std::string>() + "\n";
          for (const auto& e : r["evidence"]) failures += "  " + e.get<std::string>() + "\n";
        }
    EXPECT_EQ(run.exit_code, 0) << failures << run.out << run.err;
  }
};

TEST_F(ExamplePinsTest, HeroesMigrationsMatchTheirPin) { pin_holds("heroes"); }
TEST_F(ExamplePinsTest, YtempireMigrationsMatchTheirPin) { pin_holds("ytempire"); }

}  // namespace
}  // namespace pgcertify::testing
