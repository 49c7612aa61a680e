#include "checks/security/pii_relation_scan.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>

#include "common/strings.hpp"
#include "pg/copy_reader.hpp"

namespace pgcertify::checks {
namespace {
constexpr size_t kExampleLength = 80;

/// A column worth reading: text-like types, network addresses, JSON/XML and arrays of those.
/// Numbers, dates and times, booleans, UUIDs and bytea cannot hold an address or a formatted
/// phone number (a bare digit string is not read as one anyway).
bool readable(std::string_view type, std::string_view category, std::string_view element_category) {
  if (type == "uuid" || type == "bytea" || type == "_uuid" || type == "_bytea") return false;
  auto textual = [](std::string_view c) { return c == "S" || c == "I" || c == "U"; };
  return textual(category) || (category == "A" && textual(element_category));
}

/// A progress line on stderr for scans longer than a second, only on a terminal.
class Progress {
 public:
  explicit Progress(const Coverage& coverage)
      : coverage_(coverage), out_(isatty(fileno(stderr)) ? stderr : nullptr), started_(pg::Clock::now()) {}
  ~Progress() {
    if (shown_) std::fprintf(out_, "\r\033[K");
  }
  void tick() {
    if (!out_ || (coverage_.rows_read & 0xffff) != 0) return;
    const auto now = pg::Clock::now();
    if (now - started_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    const std::string of = coverage_.rows_total ? " of ~" + grouped(*coverage_.rows_total) : "";
    std::fprintf(out_, "\r\033[Kpii_scan %s: %s%s rows", coverage_.relation.c_str(), grouped(coverage_.rows_read).c_str(),
                 of.c_str());
    std::fflush(out_);
  }

 private:
  const Coverage& coverage_;
  std::FILE* out_;
  pg::Clock::time_point started_, last_{};
  bool shown_ = false;
};

struct Shape {
  char relkind = 'r';
  double reltuples = -1;
  std::vector<std::string> read;  // quoted names of the columns read
};

Shape shape_of(Context& context, const std::string& relation, Coverage& coverage, std::vector<std::string>& names) {
  Shape shape;
  const pg::Param params[] = {relation};
  const pg::Result rel = context.connection().exec(
      "SELECT relkind::text, reltuples::float8 FROM pg_catalog.pg_class WHERE oid = $1::regclass", params,
      context.limits());
  shape.relkind = rel.value(0, 0)[0];
  shape.reltuples = std::stod(std::string(rel.value(0, 1)));
  const pg::Result columns = context.connection().exec(
      "SELECT a.attname, t.typname, t.typcategory::text, coalesce(e.typcategory::text, '') "
      "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid "
      "LEFT JOIN pg_catalog.pg_type e ON e.oid = t.typelem AND t.typcategory = 'A' "
      "WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum",
      params, context.limits());
  for (int i = 0; i < columns.rows(); ++i) {
    const std::string name(columns.value(i, 0));
    names.push_back(name);
    if (readable(columns.value(i, 1), columns.value(i, 2), columns.value(i, 3))) {
      shape.read.push_back(context.connection().quote_identifier(name));
    } else {
      coverage.columns_skipped.push_back(name);
    }
  }
  coverage.columns_read = static_cast<int>(shape.read.size());
  return shape;
}

std::string format_percent(double p) { return fmt::format("{:.6g}", p); }

/// The SELECT that yields the rows to read, and what it reads (for the message).
std::string select_rows(Context& context, const std::string& relation, const Shape& shape, const SampleSpec& sample,
                        Coverage& coverage) {
  std::string columns;
  for (const auto& c : shape.read) columns += (columns.empty() ? "" : ", ") + c;
  const bool samplable = shape.relkind == 'r' || shape.relkind == 'm' || shape.relkind == 'p';
  if (samplable && shape.reltuples >= 0) {
    coverage.rows_total = static_cast<long long>(shape.reltuples);
    coverage.total_estimated = true;
  }
  double percent = sample.amount;
  if (sample.kind == SampleSpec::Kind::kRows) {
    if (!coverage.rows_total || *coverage.rows_total <= 0) {
      // Never analysed, or a view: count the rows (one pass on the server) to size the sample.
      const pg::Result n = context.connection().exec("SELECT count(*) FROM " + relation, {}, context.limits());
      coverage.rows_total = std::stoll(std::string(n.value(0, 0)));
      coverage.total_estimated = false;
    }
    percent = *coverage.rows_total > 0 ? 100.0 * sample.amount / static_cast<double>(*coverage.rows_total) : 100.0;
  }
  const bool all = sample.kind == SampleSpec::Kind::kAll || percent >= 100.0;
  if (all) {
    coverage.rows_total.reset();  // a full scan's total is what it read
    return fmt::format("SELECT {} FROM {}", columns, relation);
  }
  if (samplable) {
    coverage.sample_method = fmt::format("TABLESAMPLE BERNOULLI ({}) REPEATABLE ({})", format_percent(percent), sample.seed);
    return fmt::format("SELECT {} FROM {} {}", columns, relation, *coverage.sample_method);
  }
  // A view cannot be TABLESAMPLEd: the same Bernoulli draw over its output, seeded.
  const double seed = std::fmod(static_cast<double>(sample.seed), 1000003.0) / 1000003.0;
  const pg::Param params[] = {fmt::format("{:.9f}", seed)};
  context.connection().exec("SELECT setseed($1::float8)", params, context.limits());
  coverage.sample_method = fmt::format("random() < {} after setseed({}), a Bernoulli draw over the view's rows",
                                       format_percent(percent / 100.0), sample.seed);
  return fmt::format("SELECT {} FROM {} WHERE random() < {}", columns, relation, format_percent(percent / 100.0));
}
}  // namespace

SampleSpec SampleSpec::read(const plan::Node& options) {
  SampleSpec spec;
  if (auto seed = options.get("seed")) spec.seed = seed->as_integer("an integer seed");
  const auto node = options.get("sample");
  if (!node) return spec;
  const std::string text = trim(node->as_string("a number of rows, or a percentage such as \"1%\""));
  try {
    size_t used = 0;
    if (text.ends_with('%')) {
      spec.kind = Kind::kPercent;
      spec.amount = std::stod(text.substr(0, text.size() - 1), &used);
      if (used != text.size() - 1 || !(spec.amount > 0 && spec.amount <= 100)) throw std::invalid_argument(text);
    } else {
      spec.kind = Kind::kRows;
      spec.amount = static_cast<double>(std::stoll(text, &used));
      if (used != text.size() || spec.amount < 1) throw std::invalid_argument(text);
    }
  } catch (const std::exception&) {
    throw node->error("invalid 'sample' '" + text +
                      "' (expected a number of rows such as 10000, or a percentage above 0 such as \"1%\")");
  }
  return spec;
}

void scan_relation(Context& context, const privacy::Scanner& scanner, const std::string& relation,
                   const SampleSpec& sample, Coverage& coverage, std::vector<std::string>& names,
                   std::vector<ValueHits>& hits) {
  const Shape shape = shape_of(context, relation, coverage, names);
  if (shape.read.empty()) {
    coverage.complete = true;
    return;
  }
  const std::string select = select_rows(context, relation, shape, sample, coverage);
  std::map<std::pair<size_t, privacy::Detector>, size_t> index;  // (column, detector) -> hits position
  std::vector<std::optional<std::string>> values;
  std::vector<std::string> column_names;
  for (const auto& name : names)
    if (std::find(coverage.columns_skipped.begin(), coverage.columns_skipped.end(), name) == coverage.columns_skipped.end())
      column_names.push_back(name);
  Progress progress(coverage);
  pg::CopyReader reader(context.connection(), "COPY (" + select + ") TO STDOUT", context.limits());
  while (const auto row = reader.next()) {
    ++coverage.rows_read;
    progress.tick();
    if (!scanner.may_match(*row)) continue;
    pg::split_copy_row(*row, values);
    for (size_t c = 0; c < values.size() && c < column_names.size(); ++c) {
      if (!values[c]) continue;
      const auto matches = scanner.find(*values[c]);
      for (const auto d : privacy::all_detectors()) {
        if (std::none_of(matches.begin(), matches.end(), [d](const privacy::Match& m) { return m.detector == d; }))
          continue;
        auto [at, fresh] = index.try_emplace({c, d}, hits.size());
        if (fresh) {
          std::string example = scanner.redact(*values[c]);
          if (example.size() > kExampleLength) example = example.substr(0, kExampleLength - 3) + "...";
          hits.push_back({column_names[c], d, 0, std::move(example)});
        }
        ++hits[at->second].values;
      }
    }
  }
  coverage.complete = true;
  if (!coverage.sample_method) coverage.rows_total = coverage.rows_read;
}

std::string grouped(long long n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

}  // namespace pgcertify::checks
