// `pii_scan`: personal data where it must not be: column names that say name, email, phone…,
// and values that hold an email, phone number, IP address, payment card or SSN. Reads every
// row of every relation in scope by default (streamed, constant memory); `sample` reads a
// seeded random sample and says what a clean sample can claim. Examples are redacted.

#include <fmt/format.h>

#include "checks/registry.hpp"
#include "checks/row_visibility.hpp"
#include "checks/row_rule.hpp"
#include "checks/security/pii_relation_scan.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"
#include "plan/units.hpp"
#include "privacy/detectors.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"relations",     "schema", "column_patterns", "content_patterns", "phone_regions",
                                        "sample",        "seed",   "allow_columns",   "max"};
const std::vector<std::string> kDefaultColumnPatterns = {"name", "email", "phone", "address", "birth", "ssn"};

/// A column name matches a pattern when one of its words (split at '_') starts with it:
/// `email`, `parent_email_address`, `first_name` and `phone_number` match; `lesson_id` does not.
bool column_matches(std::string_view column, const std::string& pattern) {
  for (const auto& word : split(to_lower(column), '_'))
    if (word.starts_with(pattern)) return true;
  return false;
}

std::vector<privacy::Detector> read_detectors(const plan::Node& options) {
  const auto n = options.get("content_patterns");
  if (!n) return privacy::all_detectors();
  std::vector<privacy::Detector> detectors;
  for (const auto& item : n->is_sequence() ? n->items() : std::vector<plan::Node>{*n}) {
    const std::string name = item.as_string("a detector name");
    const auto d = privacy::parse_detector(name);
    if (!d) throw item.error("unknown detector '" + name + "' (expected email, phone, ipv4, ipv6, credit_card or ssn)");
    detectors.push_back(*d);
  }
  return detectors;
}

std::vector<std::string> read_regions(const plan::Node& options) {
  const auto n = options.get("phone_regions");
  if (!n) return privacy::default_phone_regions();
  std::vector<std::string> regions;
  for (const auto& item : n->is_sequence() ? n->items() : std::vector<plan::Node>{*n}) {
    std::string region = item.as_string("a two-letter region code");
    for (auto& ch : region) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (!privacy::is_phone_region(region))
      throw item.error("unknown phone region '" + region + "' (expected an ISO 3166 code such as US, GB or DE; " +
                       (region == "UK" ? "the United Kingdom is GB)" : "see libphonenumber's list)"));
    regions.push_back(region);
  }
  return regions;
}

/// "1 of 1 relations": what was read, for every message.
struct Totals {
  long long rows = 0;
  int columns = 0;
  size_t relations = 0;
  long long smallest_sample = -1;  // rows in the smallest sample, for the claim
};

Totals total(const std::vector<Coverage>& coverage) {
  Totals t;
  for (const auto& c : coverage) {
    t.rows += c.rows_read;
    t.columns += c.columns_read;
    ++t.relations;
    if (c.sample_method && (t.smallest_sample < 0 || c.rows_read < t.smallest_sample)) t.smallest_sample = c.rows_read;
  }
  return t;
}

/// "12,345 of 12,345 rows, 3 columns", or the sample and how it was drawn.
std::string describe(const Coverage& c, bool named = true) {
  std::string out = named ? c.relation + ": " : "";
  if (c.sample_method) {
    out += fmt::format("a random sample of {} rows ({})", grouped(c.rows_read), *c.sample_method);
    if (c.rows_total) out += fmt::format(" of {}{} rows", c.total_estimated ? "~" : "", grouped(*c.rows_total));
  } else {
    out += fmt::format("{} of {} rows", grouped(c.rows_read), grouped(c.rows_read));
  }
  out += fmt::format(", {} columns", c.columns_read);
  if (!c.columns_skipped.empty()) {
    std::string skipped;
    for (size_t i = 0; i < c.columns_skipped.size() && i < 5; ++i) skipped += (i ? ", " : "") + c.columns_skipped[i];
    if (c.columns_skipped.size() > 5) skipped += fmt::format(" and {} more", c.columns_skipped.size() - 5);
    out += " (not read, not text: " + skipped + ")";
  }
  return out;
}

/// The rule of three: no event in n independent draws bounds its rate below 3/n at 95%.
std::string claim(long long n) {
  if (n <= 0) return "the sample was empty, so it shows nothing";
  return fmt::format("with 95% confidence fewer than {:.3g}% of rows hold personal data (rule of three: 3/{})",
                     300.0 / static_cast<double>(n), grouped(n));
}

class PiiScanCheck final : public Check {
 public:
  explicit PiiScanCheck(const plan::Node& options) {
    options.require_map("pii_scan options (relations or schema, column_patterns, content_patterns, sample)");
    options.check_keys(kKeys);
    if (auto n = options.get("relations")) relations_ = n->as_string_list("a relation or a list of relations");
    if (auto n = options.get("schema")) schema_ = n->as_string("a schema name");
    if (relations_.empty() == !schema_)
      throw options.error("'pii_scan' takes either 'relations' (a list) or 'schema' (every table and view in it)");
    column_patterns_ = kDefaultColumnPatterns;
    if (auto n = options.get("column_patterns")) column_patterns_ = n->as_string_list("a list of name patterns");
    for (auto& p : column_patterns_) p = to_lower(p);
    scanner_ = std::make_unique<privacy::Scanner>(read_detectors(options), read_regions(options));
    sample_ = SampleSpec::read(options);
    if (auto n = options.get("allow_columns")) allow_ = n->as_string_list("a list of column names");
    tolerance_ = Tolerance::read(options);
  }

  std::string default_name() const override {
    return "no personal data in " + (schema_ ? "schema " + *schema_ : std::to_string(relations_.size()) + " relations");
  }

  std::vector<Outcome> run(Context& context) const override {
    std::vector<std::string> findings;
    std::vector<Coverage> coverage;
    Transaction tx(context, TransactionMode::kReadOnly, {});
    const auto relations = relations_to_scan(context, tx);
    // "No personal data" read through row-level security would certify only the rows this role
    // may see (issue 27): an error, before anything is scanned.
    for (const auto& [shown, quoted] : relations)
      if (auto hidden = rows_hidden_by_rls(tx, quoted, shown)) return {Outcome::error(*hidden)};
    try {
      for (const auto& [shown, quoted] : relations) {
        coverage.emplace_back();
        scan(context, shown, quoted, coverage.back(), findings);
      }
    } catch (const Error& e) {
      if (e.kind != ErrorKind::kTimeout) throw;
      return {timed_out(context, coverage, relations.size(), findings)};
    }
    return {judge(coverage, findings)};
  }

 private:
  /// (as shown in findings, as quoted in SQL).
  std::vector<std::pair<std::string, std::string>> relations_to_scan(Context& context, Transaction& tx) const {
    std::vector<std::pair<std::string, std::string>> names;
    if (!schema_) {
      for (const auto& r : relations_) names.emplace_back(r, quote_qualified(context.connection(), r));
      return names;
    }
    const pg::Param params[] = {*schema_};
    const pg::Result r = tx.exec(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname",
        params);
    for (int i = 0; i < r.rows(); ++i) names.emplace_back(r.value(i, 0), r.value(i, 0));
    return names;
  }

  bool allowed(std::string_view column) const {
    return std::find(allow_.begin(), allow_.end(), column) != allow_.end();
  }

  void scan(Context& context, const std::string& relation, const std::string& quoted, Coverage& coverage,
            std::vector<std::string>& findings) const {
    std::vector<std::string> names;
    std::vector<ValueHits> hits;
    coverage.relation = relation;
    scan_relation(context, *scanner_, quoted, sample_, coverage, names, hits);
    for (const auto& column : names) {
      if (allowed(column)) continue;
      for (const auto& pattern : column_patterns_) {
        if (!column_matches(column, pattern)) continue;
        findings.push_back(fmt::format("{}.{}: the column name matches '{}'", relation, column, pattern));
        break;
      }
    }
    for (const auto& hit : hits) {
      if (allowed(hit.column)) continue;
      findings.push_back(fmt::format("{}.{}: {} in {} of {} values read, e.g. \"{}\"", relation, hit.column,
                                     privacy::detector_name(hit.detector), grouped(hit.values),
                                     grouped(coverage.rows_read), hit.example));
    }
  }

  Outcome judge(const std::vector<Coverage>& coverage, const std::vector<std::string>& findings) const {
    const Totals t = total(coverage);
    Outcome out;
    out.measurements.push_back({"findings", std::to_string(findings.size()), tolerance_.describe()});
    out.measurements.push_back({"rows_read", std::to_string(t.rows), ""});
    out.measurements.push_back({"columns_read", std::to_string(t.columns), ""});
    const bool sampled = t.smallest_sample >= 0;
    std::string read;
    if (t.relations == 1) {
      read = describe(coverage.front(), false);
    } else {
      read = sampled ? fmt::format("{} relations, {} rows read in random samples, {} columns", t.relations,
                                   grouped(t.rows), t.columns)
                     : fmt::format("{} relations, {} of {} rows, {} columns", t.relations, grouped(t.rows),
                                   grouped(t.rows), t.columns);
    }
    if (tolerance_.allows(static_cast<long long>(findings.size()), 0)) {
      if (findings.empty() && sampled) {
        out.message = fmt::format("no findings in {}: {}; only a full scan (no 'sample') shows there is none", read,
                                  claim(t.smallest_sample));
      } else {
        out.message = fmt::format("{}: {}, {} findings",
                                  findings.empty() ? "no personal data found" : "within " + tolerance_.describe(),
                                  read, findings.size());
      }
      out.evidence = findings;
      for (const auto& c : coverage)
        if (out.evidence.size() < kMaxEvidence && (sampled || t.relations > 1)) out.evidence.push_back(describe(c));
      return out;
    }
    out.status = Status::kFail;
    out.message = fmt::format("{} places hold or name personal data ({}): {}", findings.size(), read, findings.front());
    for (size_t i = 0; i < findings.size() && i < kMaxEvidence; ++i) out.evidence.push_back(findings[i]);
    if (findings.size() > kMaxEvidence) out.evidence.back() = fmt::format("… and {} more", findings.size() - kMaxEvidence + 1);
    return out;
  }

  Outcome timed_out(Context& context, const std::vector<Coverage>& coverage, size_t relations,
                    const std::vector<std::string>& findings) const {
    const Coverage& at = coverage.back();
    const std::string before =
        coverage.size() > 1 ? fmt::format(" after reading {} relations in full", coverage.size() - 1) : "";
    Outcome out = Outcome::fail(fmt::format(
        "timed out after {} having read {} rows of {} (relation {} of {}){}; what was not read is not certified",
        plan::format_duration(context.timeout()), grouped(at.rows_read), at.relation, coverage.size(), relations,
        before));
    out.measurements.push_back({"findings", std::to_string(findings.size()), tolerance_.describe()});
    out.measurements.push_back({"rows_read", std::to_string(total(coverage).rows), ""});
    for (size_t i = 0; i < findings.size() && i < kMaxEvidence; ++i) out.evidence.push_back(findings[i]);
    return out;
  }

  std::vector<std::string> relations_;
  std::optional<std::string> schema_;
  std::vector<std::string> column_patterns_;
  std::unique_ptr<privacy::Scanner> scanner_;
  SampleSpec sample_;
  std::vector<std::string> allow_;
  Tolerance tolerance_;
};
}  // namespace

CheckKind pii_scan_kind() {
  return kind_of<PiiScanCheck>("pii_scan",
                               "column names and values (every row, or a random sample) that hold personal data");
}

}  // namespace pgcertify::checks
