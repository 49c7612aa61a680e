// `pii_scan`: personal data where it must not be: column names that say name, email, phone…,
// and values that look like an email, phone number, IP address, payment card or SSN, in a
// bounded sample of each relation. Examples in the report are redacted.

#include <fmt/format.h>

#include <map>

#include "checks/registry.hpp"
#include "checks/row_rule.hpp"
#include "checks/session.hpp"
#include "common/strings.hpp"
#include "privacy/detectors.hpp"

namespace pgcertify::checks {
namespace {
const std::vector<std::string> kKeys = {"relations", "schema", "column_patterns", "content_patterns", "sample",
                                        "allow_columns", "max"};
const std::vector<std::string> kDefaultColumnPatterns = {"name", "email", "phone", "address", "birth", "ssn"};

/// A column name matches a pattern when one of its words (split at '_') starts with it:
/// `email`, `parent_email_address`, `first_name` and `phone_number` match; `lesson_id` does not.
bool column_matches(std::string_view column, const std::string& pattern) {
  for (const auto& word : split(to_lower(column), '_'))
    if (word.starts_with(pattern)) return true;
  return false;
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
    detectors_ = privacy::all_detectors();
    if (auto n = options.get("content_patterns")) {
      detectors_.clear();
      for (const auto& item : n->is_sequence() ? n->items() : std::vector<plan::Node>{*n}) {
        const std::string name = item.as_string("a detector name");
        const auto d = privacy::parse_detector(name);
        if (!d) throw item.error("unknown detector '" + name + "' (expected email, phone, ipv4, ipv6, credit_card or ssn)");
        detectors_.push_back(*d);
      }
    }
    if (auto n = options.get("sample")) {
      sample_ = n->as_integer("a number of rows");
      if (sample_ < 1) throw n->error("'sample' must be at least 1");
    }
    if (auto n = options.get("allow_columns")) allow_ = n->as_string_list("a list of column names");
    tolerance_ = Tolerance::read(options);
  }

  std::string default_name() const override {
    return "no personal data in " + (schema_ ? "schema " + *schema_ : std::to_string(relations_.size()) + " relations");
  }

  std::vector<Outcome> run(Context& context) const override {
    std::vector<std::string> findings;
    Transaction tx(context, TransactionMode::kReadOnly, {});
    for (const auto& relation : relations_to_scan(tx)) scan(context, tx, relation, findings);
    Outcome out;
    out.measurements.push_back({"findings", std::to_string(findings.size()), tolerance_.describe()});
    if (tolerance_.allows(static_cast<long long>(findings.size()), 0)) {
      out.message = findings.empty() ? "no personal data found" : fmt::format("{} findings, within {}", findings.size(), tolerance_.describe());
      out.evidence = findings;
      return {out};
    }
    out.status = Status::kFail;
    out.message = fmt::format("{} places hold or name personal data: {}", findings.size(), findings.front());
    for (size_t i = 0; i < findings.size() && i < kMaxEvidence; ++i) out.evidence.push_back(findings[i]);
    if (findings.size() > kMaxEvidence) out.evidence.back() = fmt::format("… and {} more", findings.size() - kMaxEvidence + 1);
    return {out};
  }

 private:
  std::vector<std::string> relations_to_scan(Transaction& tx) const {
    if (!schema_) return relations_;
    std::vector<std::string> names;
    const pg::Param params[] = {*schema_};
    const pg::Result r = tx.exec(
        "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n "
        "ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm') ORDER BY c.relname",
        params);
    for (int i = 0; i < r.rows(); ++i) names.emplace_back(r.value(i, 0));
    return names;
  }

  bool allowed(std::string_view column) const {
    return std::find(allow_.begin(), allow_.end(), column) != allow_.end();
  }

  void scan(Context& context, Transaction& tx, const std::string& relation, std::vector<std::string>& findings) const {
    const std::string quoted = schema_ ? relation : quote_qualified(context.connection(), relation);
    const pg::Result r = tx.exec(fmt::format("SELECT * FROM {} LIMIT {}", quoted, sample_));
    for (int c = 0; c < r.columns(); ++c) {
      const std::string column(r.column_name(c));
      if (allowed(column)) continue;
      for (const auto& pattern : column_patterns_) {
        if (!column_matches(column, pattern)) continue;
        findings.push_back(fmt::format("{}.{}: the column name matches '{}'", relation, column, pattern));
        break;
      }
      std::map<privacy::Detector, std::pair<int, std::string>> hits;  // detector -> (count, example)
      for (int row = 0; row < r.rows(); ++row) {
        if (r.is_null(row, c)) continue;
        const std::string_view value = r.value(row, c);
        for (const auto d : privacy::detect(value, detectors_)) {
          auto& [count, example] = hits[d];
          if (count++ == 0) example = privacy::redact(abbreviate_sql(value, 80), detectors_);
        }
      }
      for (const auto& [d, hit] : hits)
        findings.push_back(fmt::format("{}.{}: {} in {} of {} sampled values, e.g. \"{}\"", relation, column,
                                       privacy::detector_name(d), hit.first, r.rows(), hit.second));
    }
  }

  std::vector<std::string> relations_;
  std::optional<std::string> schema_;
  std::vector<std::string> column_patterns_;
  std::vector<privacy::Detector> detectors_;
  long long sample_ = 1000;
  std::vector<std::string> allow_;
  Tolerance tolerance_;
};
}  // namespace

CheckKind pii_scan_kind() {
  return kind_of<PiiScanCheck>("pii_scan",
                               "column names and sampled values that hold personal data (redacted in the report)");
}

}  // namespace pgcertify::checks
