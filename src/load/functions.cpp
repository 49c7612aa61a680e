// The functions and operators of pgbench's expression language, as data: one table row each.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "common/error.hpp"
#include "load/expr.hpp"
#include "load/hash.hpp"

namespace pgcertify::load {
namespace {
using Args = std::span<const Value>;

Error eval_error(std::string message) { return Error(ErrorKind::kPlan, std::move(message)); }

bool both_int(Args a) { return is_int(a[0]) && is_int(a[1]); }

std::int64_t checked(bool overflow, std::int64_t result) {
  if (overflow) throw eval_error("bigint out of range");
  return result;
}

Value add(Args a, EvalContext&) {
  if (both_int(a)) {
    std::int64_t r = 0;
    const bool overflow = __builtin_add_overflow(std::get<std::int64_t>(a[0]), std::get<std::int64_t>(a[1]), &r);
    return checked(overflow, r);
  }
  return to_double(a[0]) + to_double(a[1]);
}
Value sub(Args a, EvalContext&) {
  if (both_int(a)) {
    std::int64_t r = 0;
    const bool overflow = __builtin_sub_overflow(std::get<std::int64_t>(a[0]), std::get<std::int64_t>(a[1]), &r);
    return checked(overflow, r);
  }
  return to_double(a[0]) - to_double(a[1]);
}
Value mul(Args a, EvalContext&) {
  if (both_int(a)) {
    std::int64_t r = 0;
    const bool overflow = __builtin_mul_overflow(std::get<std::int64_t>(a[0]), std::get<std::int64_t>(a[1]), &r);
    return checked(overflow, r);
  }
  return to_double(a[0]) * to_double(a[1]);
}
Value div(Args a, EvalContext&) {
  if (both_int(a)) {
    const auto x = std::get<std::int64_t>(a[0]), y = std::get<std::int64_t>(a[1]);
    if (y == 0) throw eval_error("division by zero");
    if (y == -1) return checked(x == std::numeric_limits<std::int64_t>::min(), -x);
    return x / y;
  }
  const double y = to_double(a[1]);
  if (y == 0.0) throw eval_error("division by zero");
  return to_double(a[0]) / y;
}
Value mod(Args a, EvalContext&) {
  const auto x = to_int(a[0]), y = to_int(a[1]);
  if (y == 0) throw eval_error("division by zero");
  if (y == -1) return std::int64_t{0};
  return x % y;
}
Value negate(Args a, EvalContext&) {
  if (is_int(a[0])) return checked(std::get<std::int64_t>(a[0]) == std::numeric_limits<std::int64_t>::min(), -std::get<std::int64_t>(a[0]));
  return -to_double(a[0]);
}
Value bit_and(Args a, EvalContext&) { return to_int(a[0]) & to_int(a[1]); }
Value bit_or(Args a, EvalContext&) { return to_int(a[0]) | to_int(a[1]); }
Value bit_xor(Args a, EvalContext&) { return to_int(a[0]) ^ to_int(a[1]); }
Value bit_not(Args a, EvalContext&) { return ~to_int(a[0]); }
Value shift_left(Args a, EvalContext&) {
  return static_cast<std::int64_t>(static_cast<std::uint64_t>(to_int(a[0])) << (to_int(a[1]) & 63));
}
Value shift_right(Args a, EvalContext&) { return to_int(a[0]) >> (to_int(a[1]) & 63); }

/// -1, 0, 1: integers compare as integers, anything else as doubles (booleans by truth).
int compare(Args a) {
  if (is_bool(a[0]) && is_bool(a[1])) return static_cast<int>(truth(a[0])) - static_cast<int>(truth(a[1]));
  if (both_int(a)) {
    const auto x = std::get<std::int64_t>(a[0]), y = std::get<std::int64_t>(a[1]);
    return (x > y) - (x < y);
  }
  const double x = to_double(a[0]), y = to_double(a[1]);
  return (x > y) - (x < y);
}
Value eq(Args a, EvalContext&) { return compare(a) == 0; }
Value ne(Args a, EvalContext&) { return compare(a) != 0; }
Value lt(Args a, EvalContext&) { return compare(a) < 0; }
Value le(Args a, EvalContext&) { return compare(a) <= 0; }
Value gt(Args a, EvalContext&) { return compare(a) > 0; }
Value ge(Args a, EvalContext&) { return compare(a) >= 0; }
Value logical_not(Args a, EvalContext&) { return !truth(a[0]); }
Value is_null_op(Args a, EvalContext&) { return is_null(a[0]); }
Value is_not_null_op(Args a, EvalContext&) { return !is_null(a[0]); }
Value is_true_op(Args a, EvalContext&) { return !is_null(a[0]) && truth(a[0]); }
Value is_false_op(Args a, EvalContext&) { return !is_null(a[0]) && !truth(a[0]); }

Value fn_abs(Args a, EvalContext& c) {
  if (is_int(a[0])) return std::get<std::int64_t>(a[0]) < 0 ? negate(a, c) : a[0];
  return std::fabs(to_double(a[0]));
}
Value fn_debug(Args a, EvalContext&) {
  std::fprintf(stderr, "debug: %s\n", describe(a[0]).c_str());
  return a[0];
}
Value fn_double(Args a, EvalContext&) { return to_double(a[0]); }
Value fn_int(Args a, EvalContext&) { return to_int(a[0]); }
Value fn_exp(Args a, EvalContext&) { return std::exp(to_double(a[0])); }
Value fn_ln(Args a, EvalContext&) { return std::log(to_double(a[0])); }
Value fn_sqrt(Args a, EvalContext&) { return std::sqrt(to_double(a[0])); }
Value fn_pow(Args a, EvalContext&) { return std::pow(to_double(a[0]), to_double(a[1])); }
Value fn_pi(Args, EvalContext&) { return M_PI; }

/// greatest/least: integers when every argument is one, else doubles.
template <bool kGreatest>
Value extreme(Args a, EvalContext&) {
  const bool all_int = std::all_of(a.begin(), a.end(), [](const Value& v) { return is_int(v); });
  if (all_int) {
    std::int64_t best = std::get<std::int64_t>(a[0]);
    for (const auto& v : a) best = kGreatest ? std::max(best, std::get<std::int64_t>(v)) : std::min(best, std::get<std::int64_t>(v));
    return best;
  }
  double best = to_double(a[0]);
  for (const auto& v : a) best = kGreatest ? std::max(best, to_double(v)) : std::min(best, to_double(v));
  return best;
}

Value fn_hash_murmur2(Args a, EvalContext&) { return hash_murmur2(to_int(a[0]), to_int(a[1])); }
Value fn_hash_fnv1a(Args a, EvalContext&) { return hash_fnv1a(to_int(a[0]), to_int(a[1])); }
Value fn_permute(Args a, EvalContext&) {
  const std::int64_t size = to_int(a[1]);
  if (size <= 0) throw eval_error("permute size parameter must be greater than zero");
  return permute(to_int(a[0]), size, to_int(a[2]));
}
Value fn_random(Args a, EvalContext& c) { return random_uniform(c.rng, to_int(a[0]), to_int(a[1])); }
Value fn_random_exponential(Args a, EvalContext& c) {
  return random_exponential(c.rng, to_int(a[0]), to_int(a[1]), to_double(a[2]));
}
Value fn_random_gaussian(Args a, EvalContext& c) {
  return random_gaussian(c.rng, to_int(a[0]), to_int(a[1]), to_double(a[2]));
}
Value fn_random_zipfian(Args a, EvalContext& c) {
  return random_zipfian(c.rng, to_int(a[0]), to_int(a[1]), to_double(a[2]));
}

// hash/hash_fnv1a/hash_murmur2/permute get :default_seed appended by the parser when the seed
// argument is left out, so here they always have all their arguments.
constexpr Function kFunctions[] = {
    {"abs", 1, 1, true, fn_abs},
    {"debug", 1, 1, false, fn_debug},
    {"double", 1, 1, true, fn_double},
    {"exp", 1, 1, true, fn_exp},
    {"greatest", 1, -1, true, extreme<true>},
    {"hash", 2, 2, true, fn_hash_murmur2},
    {"hash_fnv1a", 2, 2, true, fn_hash_fnv1a},
    {"hash_murmur2", 2, 2, true, fn_hash_murmur2},
    {"int", 1, 1, true, fn_int},
    {"least", 1, -1, true, extreme<false>},
    {"ln", 1, 1, true, fn_ln},
    {"mod", 2, 2, true, mod},
    {"permute", 3, 3, true, fn_permute},
    {"pi", 0, 0, true, fn_pi},
    {"pow", 2, 2, true, fn_pow},
    {"power", 2, 2, true, fn_pow},
    {"random", 2, 2, true, fn_random},
    {"random_exponential", 3, 3, true, fn_random_exponential},
    {"random_gaussian", 3, 3, true, fn_random_gaussian},
    {"random_zipfian", 3, 3, true, fn_random_zipfian},
    {"sqrt", 1, 1, true, fn_sqrt},
};

constexpr Function kOperators[] = {
    {"+", 2, 2, true, add},           {"-", 2, 2, true, sub},          {"*", 2, 2, true, mul},
    {"/", 2, 2, true, div},           {"%", 2, 2, true, mod},          {"u-", 1, 1, true, negate},
    {"&", 2, 2, true, bit_and},       {"|", 2, 2, true, bit_or},       {"#", 2, 2, true, bit_xor},
    {"~", 1, 1, true, bit_not},       {"<<", 2, 2, true, shift_left},  {">>", 2, 2, true, shift_right},
    {"=", 2, 2, true, eq},            {"<>", 2, 2, true, ne},          {"!=", 2, 2, true, ne},
    {"<", 2, 2, true, lt},            {"<=", 2, 2, true, le},          {">", 2, 2, true, gt},
    {">=", 2, 2, true, ge},           {"not", 1, 1, true, logical_not}, {"is null", 1, 1, false, is_null_op},
    {"is not null", 1, 1, false, is_not_null_op}, {"is true", 1, 1, false, is_true_op},
    {"is false", 1, 1, false, is_false_op},
};

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return std::tolower(x) == std::tolower(y); });
}
}  // namespace

const Function* find_function(std::string_view name) {
  for (const auto& f : kFunctions)
    if (same_name(f.name, name)) return &f;
  return nullptr;
}

const Function* find_operator(std::string_view symbol) {
  for (const auto& f : kOperators)
    if (f.name == symbol) return &f;
  return nullptr;
}

std::vector<std::string> function_names() {
  std::vector<std::string> names;
  for (const auto& f : kFunctions) names.emplace_back(f.name);
  return names;
}

}  // namespace pgcertify::load
