#pragma once
// The server says what a type name or an expression means, so that a plan may write `int4`
// for `integer`, `varchar(255)` for `character varying(255)`, or `x BETWEEN 4 AND 6` for the
// catalog's `x >= 4 AND x <= 6`. Answers are cached for the run; each call asks the server
// at most one batch, for whatever is not cached yet.

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "catalog/catalog.hpp"

namespace pgcertify::checks {

class Context;

/// What the server made of one written type or expression: its canonical text, or why not.
struct Normalised {
  std::string text;       // format_type(oid, typmod), or the planner's deparsed expression
  std::string bare_type;  // types only: format_type(oid, NULL), as function signatures print it
  std::string error;      // the server's complaint, when it rejected the text
  bool ok() const { return error.empty(); }
};

/// Rejects what cannot be a type name, so that only a type is ever spliced after `NULL::`:
/// words, dots, quoted identifiers, `(digits, digits)` modifiers and `[]`; no operators.
bool plausible_type_name(std::string_view text);

class Normaliser {
 public:
  /// Asks the server for every type in `written` not yet known: `SELECT NULL::t1, NULL::t2 …`
  /// (the result's column types and modifiers) and then `format_type` of each.
  void resolve_types(Context& context, std::span<const std::string> written);
  /// nullptr when resolve_types was not asked about it.
  const Normalised* type(const std::string& written) const;

  /// An expression to normalise in the scope of a table, optionally cast to a type first.
  struct Expression {
    std::string text;
    std::string cast;  // "" for none; a default is cast to its column's type
    auto operator<=>(const Expression&) const = default;
  };
  /// One `EXPLAIN (VERBOSE, FORMAT JSON) SELECT (e1)::cast1, (e2) … FROM ONLY table`: the
  /// planner's Output is each expression as the server deparses it. Nothing is executed.
  void resolve_expressions(Context& context, const catalog::QualifiedName& table, std::span<const Expression> exprs);
  const Normalised* expression(const catalog::QualifiedName& table, const Expression& expr) const;

 private:
  std::map<std::string, Normalised> types_;
  std::map<std::pair<catalog::QualifiedName, Expression>, Normalised> expressions_;
};

}  // namespace pgcertify::checks
