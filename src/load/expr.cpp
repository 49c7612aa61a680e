#include "load/expr.hpp"

#include <array>

namespace pgcertify::load {
namespace {
/// SQL's three-valued AND/OR, evaluating the right side only when it can matter.
Value evaluate_logic(const Expr& expr, EvalContext& context) {
  const bool is_and = expr.kind == Expr::Kind::kAnd;
  const Value left = evaluate(expr.args[0], context);
  if (!is_null(left) && truth(left) != is_and) return !is_and;
  const Value right = evaluate(expr.args[1], context);
  if (!is_null(right) && truth(right) != is_and) return !is_and;
  if (is_null(left) || is_null(right)) return Null{};
  return is_and;
}

Value evaluate_case(const Expr& expr, EvalContext& context) {
  const size_t pairs = expr.args.size() / 2;
  for (size_t i = 0; i < pairs; ++i)
    if (truth(evaluate(expr.args[2 * i], context))) return evaluate(expr.args[2 * i + 1], context);
  return evaluate(expr.args.back(), context);
}
}  // namespace

Value evaluate(const Expr& expr, EvalContext& context) {
  switch (expr.kind) {
    case Expr::Kind::kConstant: return expr.constant;
    case Expr::Kind::kVariable: return context.variables.value(expr.variable);
    case Expr::Kind::kAnd:
    case Expr::Kind::kOr: return evaluate_logic(expr, context);
    case Expr::Kind::kCase: return evaluate_case(expr, context);
    case Expr::Kind::kCall: break;
  }
  // Up to 8 arguments on the stack; greatest/least with more use the heap.
  std::array<Value, 8> small;
  std::vector<Value> large;
  std::span<Value> args;
  if (expr.args.size() <= small.size()) {
    args = std::span<Value>(small.data(), expr.args.size());
  } else {
    large.resize(expr.args.size());
    args = large;
  }
  bool any_null = false;
  for (size_t i = 0; i < expr.args.size(); ++i) {
    args[i] = evaluate(expr.args[i], context);
    any_null = any_null || is_null(args[i]);
  }
  if (any_null && expr.function->null_in_null_out) return Null{};
  return expr.function->apply(args, context);
}

}  // namespace pgcertify::load
