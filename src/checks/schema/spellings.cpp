#include "checks/schema/spellings.hpp"

#include "catalog/identifiers.hpp"

namespace pgcertify::checks {

const Normalised* Spellings::type(const std::string& t) const {
  const Normalised* n = types_ ? types_(t) : nullptr;
  if (!n) missing_types_.insert(t);
  return n;
}

const Normalised* Spellings::expression(const Normaliser::Expression& e) const {
  const Normalised* n = expressions_ ? expressions_(e) : nullptr;
  if (!n) missing_expressions_.insert(e);
  return n;
}

bool Spellings::same_type(const std::string& expected, const std::string& actual) const {
  if (expected == actual) return true;
  const Normalised* n = type(expected);
  return n && n->ok() && n->text == actual;
}

bool Spellings::same_bare_type(const std::string& expected, const std::string& actual) const {
  if (expected == actual) return true;
  const Normalised* n = type(expected);
  return n && n->ok() && n->bare_type == actual;
}

bool Spellings::same_expression(const std::string& expected, const std::string& actual, const std::string& cast) const {
  if (expected == actual || catalog::squeeze_spaces(expected) == catalog::squeeze_spaces(actual)) return true;
  // Two column names need no server: they are the same column or not.
  const auto e_name = catalog::parse_identifier(expected), a_name = catalog::parse_identifier(actual);
  if (e_name && a_name && cast.empty()) return *e_name == *a_name;
  const Normalised* e = expression({expected, cast});
  const Normalised* a = expression({actual, cast});
  return e && a && e->ok() && a->ok() && e->text == a->text;
}

std::string Spellings::type_error(const std::string& expected) const {
  const Normalised* n = types_ ? types_(expected) : nullptr;
  return n ? n->error : "";
}

std::string Spellings::expression_error(const std::string& expected, const std::string& cast) const {
  const Normalised* n = expressions_ ? expressions_({expected, cast}) : nullptr;
  return n ? n->error : "";
}

}  // namespace pgcertify::checks
