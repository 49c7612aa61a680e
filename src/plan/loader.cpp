#include "plan/loader.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "common/files.hpp"
#include "common/strings.hpp"
#include "plan/yaml_shape.hpp"

namespace pgcertify::plan {
namespace {
const std::vector<std::string> kRootKeys = {"plan", "target", "setup", "defaults", "suites"};
const std::vector<std::string> kTargetKeys = {"dsn", "settings", "pgbouncer"};
const std::vector<std::string> kSetupKeys = {"extensions", "migrations", "sql", "data", "pgbouncer"};
const std::vector<std::string> kDefaultsKeys = {"timeout"};
const std::vector<std::string> kSuiteKeys = {"name", "tags", "checks"};
const std::vector<std::string> kCommonCheckKeys = {"name", "timeout", "skip", "tags", "severity"};

/// Replaces ${VAR} in every scalar value (not in keys), keeping positions. An alias shares its
/// anchor's node, so each node is expanded once (`done`: the positions already expanded), or
/// `$$` would become `$` on the first visit and be read again on the second.
void expand_tree(YAML::Node node, const Node& context, const EnvLookup& env, std::set<int>& done) {
  if (node.IsScalar()) {
    const std::string& text = node.Scalar();
    if (text.find('$') == std::string::npos) return;
    if (!done.insert(node.Mark().pos).second) return;
    size_t column = 0;
    try {
      node = expand_env(text, env, &column);
    } catch (Error& e) {
      Node at(node, context.source());
      SourceLocation loc = at.location();
      // Point at the "${" itself when the scalar sits on one line.
      if (text.find('\n') == std::string::npos && loc.column > 0) {
        const std::string line = line_of(context.source()->text, loc.line);
        const size_t found = line.find(text.substr(column, 2), static_cast<size_t>(loc.column - 1));
        if (found != std::string::npos) loc.column = static_cast<int>(found) + 1;
      }
      throw Error(ErrorKind::kPlan, e.what()).at(loc, line_of(context.source()->text, loc.line));
    }
  } else if (node.IsSequence()) {
    for (auto item : node) expand_tree(item, context, env, done);
  } else if (node.IsMap()) {
    for (auto kv : node) expand_tree(kv.second, context, env, done);
  }
}

/// A check's budget: zero would fail every check at its first statement.
Duration positive_timeout(const Node& node) {
  const Duration timeout = node.as_duration();
  if (timeout <= Duration::zero()) throw node.error("a timeout must be longer than 0 (e.g. 30s)");
  return timeout;
}

std::string display(const std::filesystem::path& dir, const std::string& relative) {
  return (dir / relative).lexically_normal().string();
}

class Loader {
 public:
  Loader(std::filesystem::path dir, std::span<const std::string> kinds) : dir_(std::move(dir)), kinds_(kinds) {}

  Plan load(const Node& root) {
    root.require_map("a plan");
    root.check_keys(kRootKeys);
    Plan plan;
    plan.dir = dir_;
    if (auto title = root.get("plan")) plan.title = title->as_string("the plan's title");
    if (auto target = root.get("target")) plan.target = read_target(*target);
    if (auto setup = root.get("setup")) plan.setup = read_setup(*setup);
    if (auto defaults = root.get("defaults")) {
      if (!defaults->is_null()) {
        defaults->require_map("defaults");
        defaults->check_keys(kDefaultsKeys);
        if (auto t = defaults->get("timeout")) plan.defaults.timeout = positive_timeout(*t);
      }
    }
    const auto suites = root.get("suites");
    if ((!suites || suites->is_null()) && !plan.setup.data) throw root.error("the plan has no 'suites' (a list of suites with checks)");
    if (!suites || suites->is_null()) return plan;  // a data-only plan, for `pgcertify generate`
    if (!suites->is_sequence()) throw suites->error("expected 'suites' to be a list of suites");
    for (const auto& suite : suites->items()) plan.suites.push_back(read_suite(suite));
    return plan;
  }

 private:
  Target read_target(const Node& node) {
    Target target;
    target.where = node.location();
    if (node.is_null()) return target;
    node.require_map("a target");
    node.check_keys(kTargetKeys);
    if (auto dsn = node.get("dsn")) {
      const std::string value = dsn->as_string("a connection string");
      // An unset ${DATABASE_URL} must not quietly certify a throwaway cluster instead.
      if (trim(value).empty())
        throw dsn->error("'dsn' is empty (an unset environment variable?); give a connection string, or remove "
                         "'dsn' to run on an ephemeral cluster");
      target.dsn = value;
    }
    if (auto settings = node.get("settings")) {
      for (const auto& [key, value] : settings->entries()) target.settings[key.as_string("a setting name")] = value.as_string("a setting value");
    }
    if (auto pgbouncer = node.get("pgbouncer")) {
      const std::string value = pgbouncer->as_string("a connection string through PgBouncer");
      if (!trim(value).empty()) target.pgbouncer = value;
    }
    if (target.dsn && !target.settings.empty())
      throw node.require("settings").error("'settings' applies to the ephemeral cluster only, not to a 'dsn' target");
    return target;
  }

  Setup read_setup(const Node& node) {
    Setup setup;
    if (node.is_null()) return setup;
    node.require_map("setup");
    node.check_keys(kSetupKeys);
    if (auto ext = node.get("extensions")) setup.extensions = ext->as_string_list("a list of extension names");
    if (auto migrations = node.get("migrations")) read_migrations(*migrations, setup);
    if (auto sql = node.get("sql")) {
      const std::vector<Node> files = sql->is_sequence() ? sql->items() : std::vector<Node>{*sql};
      for (const auto& file : files) {
        const std::string relative = file.as_string("a SQL file path");
        const auto path = dir_ / relative;
        std::error_code ec;
        if (std::filesystem::is_directory(path, ec))
          throw file.error("SQL file '" + display(dir_, relative) +
                           "' is a folder; name its files (setup.sql takes a file or a list of files)");
        if (!std::filesystem::exists(path, ec))
          throw file.error("SQL file '" + display(dir_, relative) + "' does not exist");
        if (!std::filesystem::is_regular_file(path, ec))
          throw file.error("SQL file '" + display(dir_, relative) + "' is not a regular file");
        setup.sql.push_back(load_sql_file(path, display(dir_, relative)));
      }
    }
    if (auto data = node.get("data")) setup.data = read_data_setup(*data);
    if (auto pgbouncer = node.get("pgbouncer")) setup.pgbouncer = read_pgbouncer(*pgbouncer);
    return setup;
  }

  /// The seeds' pgbouncer.ini keys; values are checked here so PgBouncer never sees a bad one.
  static PgBouncerSetup read_pgbouncer(const Node& node) {
    static const std::vector<std::string> kCounts = {"max_client_conn",   "default_pool_size",  "min_pool_size",
                                                     "reserve_pool_size", "max_db_connections", "max_user_connections"};
    static const std::vector<std::string> kPoolModes = {"session", "transaction", "statement"};
    std::vector<std::string> keys = kCounts;
    keys.insert(keys.end(), {"pool_mode", "reserve_pool_timeout"});
    PgBouncerSetup setup;
    setup.where = node.location();
    if (node.is_null()) return setup;
    node.require_map("setup.pgbouncer: {pool_mode, max_client_conn, default_pool_size, …}");
    node.check_keys(keys);
    for (const auto& [key_node, value] : node.entries()) {
      const std::string key = key_node.as_string();
      if (key == "pool_mode") {
        const std::string mode = value.as_string("session, transaction or statement");
        if (std::find(kPoolModes.begin(), kPoolModes.end(), mode) == kPoolModes.end())
          throw value.error("invalid pool_mode '" + mode + "' (expected session, transaction or statement)" +
                            did_you_mean(mode, kPoolModes));
        setup.settings.emplace_back(key, mode);
      } else if (key == "reserve_pool_timeout") {
        // Seconds, as in pgbouncer.ini ("3"), or a duration ("3s", "500ms").
        const std::string text = value.as_string("seconds or a duration");
        const bool bare = text.find_first_not_of("0123456789.") == std::string::npos;
        const double seconds = bare ? value.as_number("seconds") : static_cast<double>(value.as_duration().count()) / 1e6;
        if (seconds < 0) throw value.error("reserve_pool_timeout cannot be negative");
        setup.settings.emplace_back(key, fmt::format("{:g}", seconds));
      } else {
        const long long n = value.as_integer("a whole number");
        if (n < 0 || (key == "max_client_conn" && n < 1)) throw value.error("'" + key + "' must be at least " + (key == "max_client_conn" ? "1" : "0"));
        setup.settings.emplace_back(key, std::to_string(n));
      }
    }
    return setup;
  }

  void read_migrations(const Node& node, Setup& setup) {
    const std::string relative = node.as_string("a migrations folder");
    const auto folder = dir_ / relative;
    if (!std::filesystem::is_directory(folder))
      throw node.error("migrations folder '" + display(dir_, relative) + "' does not exist");
    setup.migrations_dir = folder;
    static const std::regex kName(R"(^(\d+)_.+\.sql$)");
    std::vector<std::pair<long long, std::filesystem::path>> found;
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || !name.ends_with(".sql") || name.ends_with(".down.sql")) continue;
      std::smatch m;
      if (!std::regex_match(name, m, kName))
        throw node.error("migration file '" + display(dir_, relative + "/" + name) +
                         "' is not named VERSION_description.sql (e.g. 001_create_users.sql)");
      found.emplace_back(std::stoll(m[1].str()), entry.path());
    }
    std::sort(found.begin(), found.end());
    for (size_t i = 1; i < found.size(); ++i)
      if (found[i].first == found[i - 1].first)
        throw node.error("migrations '" + found[i - 1].second.filename().string() + "' and '" +
                         found[i].second.filename().string() + "' have the same version " +
                         std::to_string(found[i].first));
    for (const auto& [version, path] : found) {
      const std::string name = path.filename().string();
      setup.migrations.push_back(
          {name.substr(0, name.find('_')), load_sql_file(path, display(dir_, relative + "/" + name))});
    }
  }

  Suite read_suite(const Node& node) {
    node.require_map("a suite with 'name' and 'checks'");
    node.check_keys(kSuiteKeys);
    Suite suite;
    suite.where = node.location();
    suite.name = node.require("name").as_string("the suite's name");
    if (auto tags = node.get("tags")) suite.tags = tags->as_string_list("a list of tags");
    const Node checks = node.require("checks");
    if (!checks.is_sequence()) throw checks.error("expected 'checks' to be a list of checks");
    for (const auto& check : checks.items()) suite.checks.push_back(read_check(check));
    return suite;
  }

  CheckSpec read_check(const Node& node) {
    node.require_map("a check (a mapping with one kind key, such as 'query')");
    std::vector<std::string> allowed = kCommonCheckKeys;
    allowed.insert(allowed.end(), kinds_.begin(), kinds_.end());
    node.check_keys(allowed);
    std::optional<std::pair<Node, Node>> kind_entry;
    for (const auto& [key, value] : node.entries()) {
      const std::string name = key.as_string();
      if (std::find(kinds_.begin(), kinds_.end(), name) == kinds_.end()) continue;
      if (kind_entry)
        throw key.error("a check has exactly one kind, but this one has both '" + kind_entry->first.as_string() +
                        "' and '" + name + "'");
      kind_entry.emplace(key, value);
    }
    if (!kind_entry) {
      std::string list;
      for (const auto& k : kinds_) list += (list.empty() ? "" : ", ") + k;
      throw node.error("this check has no kind (expected one of: " + list + ")");
    }
    CheckSpec spec{.name = {},
                   .kind = kind_entry->first.as_string(),
                   .options = kind_entry->second,
                   .where = node.location(),
                   .timeout = {},
                   .skip = {},
                   .tags = {},
                   .severity = Severity::kError};
    if (auto name = node.get("name")) spec.name = name->as_string("the check's name");
    if (auto timeout = node.get("timeout")) spec.timeout = positive_timeout(*timeout);
    if (auto tags = node.get("tags")) spec.tags = tags->as_string_list("a list of tags");
    if (auto skip = node.get("skip")) {
      const std::string value = skip->as_string("true, false or a reason");
      const std::string lower = to_lower(value);
      if (lower == "true" || lower == "yes") spec.skip = "skipped by the plan";
      else if (lower != "false" && lower != "no") spec.skip = value;
    }
    if (auto severity = node.get("severity")) {
      const std::string value = severity->as_string("'error' or 'warn'");
      if (value == "warn") spec.severity = Severity::kWarn;
      else if (value != "error") {
        const std::vector<std::string> choices = {"error", "warn"};
        throw severity->error("invalid severity '" + value + "' (expected 'error' or 'warn')" + did_you_mean(value, choices));
      }
    }
    return spec;
  }

  std::filesystem::path dir_;
  std::span<const std::string> kinds_;
};
}  // namespace

DataSetup read_data_setup(const Node& node) {
  node.require_map("setup.data");
  node.check_keys(std::vector<std::string>{"seed", "triggers", "tables"});
  DataSetup data;
  data.where = node.location();
  if (auto seed = node.get("seed")) {
    const long long value = seed->as_integer("a seed (a non-negative integer)");
    if (value < 0) throw seed->error("seed must be >= 0");
    data.seed = static_cast<unsigned long long>(value);
  }
  if (auto triggers = node.get("triggers")) {
    const std::string value = triggers->as_string("fire or skip");
    if (value != "fire" && value != "skip") throw triggers->error("triggers must be fire or skip, not '" + value + "'");
    data.skip_triggers = value == "skip";
  }
  auto tables = node.get("tables");
  if (!tables || tables->is_null()) return data;
  tables->require_map("setup.data.tables (table name: {rows, columns})");
  for (const auto& [name, spec] : tables->entries()) {
    DataTable table;
    table.name = name.as_string("a table name");
    table.where = name.location();
    spec.require_map("a table's data: {rows: N, columns: {…}}");
    spec.check_keys(std::vector<std::string>{"rows", "columns"});
    const Node rows = spec.require("rows");
    table.rows = rows.as_integer("a row count");
    if (table.rows < 0) throw rows.error("rows must be >= 0");
    if (auto columns = spec.get("columns")) {
      columns->require_map("columns: {column: generator}");
      for (const auto& [column, generator] : columns->entries()) {
        column.as_string("a column name");
        table.columns.emplace_back(column, generator);
      }
    }
    data.tables.push_back(std::move(table));
  }
  return data;
}

Plan load_plan_text(const std::string& text, const std::string& display_path, const std::filesystem::path& dir,
                    std::span<const std::string> check_kinds, const EnvLookup& env) {
  auto source = std::make_shared<SourceText>(SourceText{display_path, text});
  YAML::Node root;
  try {
    const std::vector<YAML::Node> documents = YAML::LoadAll(text);
    if (documents.size() > 1) {
      const YAML::Mark second = documents[1].Mark();
      const int line = second.is_null() ? 0 : second.line + 1;
      throw Error(ErrorKind::kPlan, "the file holds more than one YAML document (a second '---'); a plan is one document")
          .at({display_path, line, 1}, line_of(text, line));
    }
    if (!documents.empty()) root = documents.front();
  } catch (const YAML::Exception& e) {
    const int line = e.mark.is_null() ? 0 : e.mark.line + 1;
    const int column = e.mark.is_null() ? 0 : e.mark.column + 1;
    throw Error(ErrorKind::kPlan, "YAML syntax error: " + e.msg).at({display_path, line, column}, line_of(text, line));
  }
  const Node root_node(root, source);
  if (root_node.is_null()) throw Error(ErrorKind::kPlan, "the plan is empty").at({display_path, 1, 1});
  check_yaml_shape(root, source);
  std::set<int> expanded;
  expand_tree(root, root_node, env, expanded);
  Loader loader(dir, check_kinds);
  Plan plan = loader.load(root_node);
  plan.file = display_path;
  return plan;
}

Plan load_plan(const std::filesystem::path& file, std::span<const std::string> check_kinds, const EnvLookup& env) {
  if (std::filesystem::is_directory(file))
    throw Error(ErrorKind::kPlan, "'" + file.string() + "' is a folder; give the plan file (e.g. " +
                                      (file / "plan.yaml").string() + ")");
  std::string text;
  try {
    text = read_file(file);
  } catch (const Error& e) {
    throw Error(ErrorKind::kPlan, e.what());
  }
  const std::filesystem::path dir = file.has_parent_path() ? file.parent_path() : ".";
  return load_plan_text(text, file.string(), dir, check_kinds, env);
}

}  // namespace pgcertify::plan
