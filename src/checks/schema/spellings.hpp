#pragma once
// How the pure comparison code (table_compare, …) asks what the server made of a spelling,
// without talking to the server itself: the check answers from the Normaliser, a unit test
// from a map. A lookup that is not answered yet is recorded, so the check can ask the server
// for all of them in one batch and compare again.

#include <functional>
#include <set>
#include <string>

#include "checks/normaliser.hpp"

namespace pgcertify::checks {

class Spellings {
 public:
  using TypeLookup = std::function<const Normalised*(const std::string&)>;
  using ExpressionLookup = std::function<const Normalised*(const Normaliser::Expression&)>;
  Spellings(TypeLookup types, ExpressionLookup expressions)
      : types_(std::move(types)), expressions_(std::move(expressions)) {}

  /// True when `expected` names the type the catalog prints as `actual`.
  bool same_type(const std::string& expected, const std::string& actual) const;
  /// Same, ignoring type modifiers (function arguments have none): compares format_type(oid, NULL).
  bool same_bare_type(const std::string& expected, const std::string& actual) const;
  /// True when both expressions deparse to the same text (optionally cast to `cast` first).
  bool same_expression(const std::string& expected, const std::string& actual, const std::string& cast = {}) const;
  /// The server's complaint about a type name, or "".
  std::string type_error(const std::string& expected) const;
  std::string expression_error(const std::string& expected, const std::string& cast = {}) const;

  /// Lookups that found nothing since the last clear: what to ask the server.
  const std::set<std::string>& missing_types() const { return missing_types_; }
  const std::set<Normaliser::Expression>& missing_expressions() const { return missing_expressions_; }
  void clear_missing() {
    missing_types_.clear();
    missing_expressions_.clear();
  }

 private:
  const Normalised* type(const std::string& t) const;
  const Normalised* expression(const Normaliser::Expression& e) const;

  TypeLookup types_;
  ExpressionLookup expressions_;
  mutable std::set<std::string> missing_types_;
  mutable std::set<Normaliser::Expression> missing_expressions_;
};

}  // namespace pgcertify::checks
