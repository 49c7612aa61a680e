#pragma once
// pgbench's \set expressions: a tree of constants, variables, operators and function calls,
// evaluated against one client's variables and random stream.

#include <span>
#include <string_view>
#include <vector>

#include "load/random.hpp"
#include "load/value.hpp"
#include "load/variables.hpp"

namespace pgcertify::load {

struct EvalContext {
  Variables& variables;
  Prng& rng;
};

/// A built-in function or operator. Operators are functions named by their symbol ("+", "<=").
struct Function {
  std::string_view name;
  int min_args;
  int max_args;  // -1: any number
  /// False for functions that see NULL arguments (debug, IS NULL); others return NULL for them.
  bool null_in_null_out;
  Value (*apply)(std::span<const Value> args, EvalContext& context);
};

/// Looks a function or operator up by name (case-insensitive for names).
const Function* find_function(std::string_view name);
/// An operator by its symbol ("+", "<=", "u-" for unary minus, "is null").
const Function* find_operator(std::string_view symbol);
/// All function names, for "did you mean".
std::vector<std::string> function_names();

struct Expr {
  enum class Kind { kConstant, kVariable, kCall, kAnd, kOr, kCase };
  Kind kind = Kind::kConstant;
  Value constant;
  int variable = -1;
  const Function* function = nullptr;
  /// kCall: the arguments; kAnd/kOr: two operands; kCase: when, then, when, then, …, else.
  std::vector<Expr> args;
};

/// Throws Error (kPlan) for run-time errors: division by zero, undefined variable, bad range.
Value evaluate(const Expr& expr, EvalContext& context);

}  // namespace pgcertify::load
