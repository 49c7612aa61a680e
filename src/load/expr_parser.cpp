// A Pratt parser with pgbench's precedence, lowest first: OR; AND; NOT; IS/ISNULL/NOTNULL;
// comparisons; | # & << >>; + -; * / %; unary - + ~.

#include "load/expr_parser.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdlib>
#include <string>

#include "common/error.hpp"
#include "common/strings.hpp"

namespace pgcertify::load {

bool is_variable_char(char c) {
  const auto u = static_cast<unsigned char>(c);
  return std::isalnum(u) || c == '_' || u >= 0x80;
}

namespace {
enum class Tok { kEnd, kInt, kDouble, kWord, kVariable, kSymbol };

struct Token {
  Tok type = Tok::kEnd;
  std::string text;  // lower-cased for words
  size_t position = 0;
};

class Parser {
 public:
  Parser(std::string_view text, int first_column, VariableNames& names)
      : text_(text), first_column_(first_column), names_(names) {
    advance();
  }

  Expr parse_all() {
    if (current_.type == Tok::kEnd) throw error_here("missing expression");
    Expr e = parse(0);
    if (current_.type != Tok::kEnd) throw error_here(fmt::format("syntax error at \"{}\"", current_.text));
    return e;
  }

 private:
  Error error_at(size_t position, std::string message) const {
    Error e(ErrorKind::kPlan, std::move(message));
    e.where.column = first_column_ + static_cast<int>(position);
    return e;
  }
  Error error_here(std::string message) const { return error_at(current_.position, std::move(message)); }

  void advance();
  Token lex_number(size_t start);
  Expr parse(int min_precedence);
  Expr parse_prefix();
  Expr parse_call(const Token& name);
  Expr parse_case();
  bool word(std::string_view w) const { return current_.type == Tok::kWord && current_.text == w; }
  bool symbol(std::string_view s) const { return current_.type == Tok::kSymbol && current_.text == s; }
  void expect_symbol(std::string_view s) {
    if (!symbol(s)) throw error_here(fmt::format("expected \"{}\"", s));
    advance();
  }
  /// The operands, moved in: a braced list would copy each (an initializer_list's elements are
  /// const), and copying the left operand at every step made a chain of n terms O(n²).
  static std::vector<Expr> operands(Expr a) {
    std::vector<Expr> out;
    out.push_back(std::move(a));
    return out;
  }
  static std::vector<Expr> operands(Expr a, Expr b) {
    std::vector<Expr> out;
    out.reserve(2);
    out.push_back(std::move(a));
    out.push_back(std::move(b));
    return out;
  }

  static Expr call(std::string_view op, std::vector<Expr> args) {
    Expr e;
    e.kind = Expr::Kind::kCall;
    e.function = find_operator(op);
    e.args = std::move(args);
    return e;
  }
  static Expr constant(Value v) {
    Expr e;
    e.constant = v;
    return e;
  }
  Expr variable(std::string_view name) {
    Expr e;
    e.kind = Expr::Kind::kVariable;
    e.variable = names_.intern(name);
    return e;
  }

  std::string_view text_;
  int first_column_;
  VariableNames& names_;
  size_t pos_ = 0;
  Token current_;
  static constexpr int kMaxDepth = 500;
  int depth_ = 0;
  /// Operators in the whole expression: a chain such as 1 + 1 + … is as deep as it is long
  /// once parsed (evaluated and freed by recursion), so its length is bounded as nesting is.
  int operators_ = 0;
  static constexpr int kMaxOperators = 1000;
};

Token Parser::lex_number(size_t start) {
  size_t p = start;
  bool is_double = false;
  while (p < text_.size() && std::isdigit(static_cast<unsigned char>(text_[p]))) ++p;
  if (p < text_.size() && text_[p] == '.') {
    is_double = true;
    ++p;
    while (p < text_.size() && std::isdigit(static_cast<unsigned char>(text_[p]))) ++p;
  }
  if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
    size_t q = p + 1;
    if (q < text_.size() && (text_[q] == '+' || text_[q] == '-')) ++q;
    if (q < text_.size() && std::isdigit(static_cast<unsigned char>(text_[q]))) {
      is_double = true;
      p = q;
      while (p < text_.size() && std::isdigit(static_cast<unsigned char>(text_[p]))) ++p;
    }
  }
  pos_ = p;
  return {is_double ? Tok::kDouble : Tok::kInt, std::string(text_.substr(start, p - start)), start};
}

void Parser::advance() {
  while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
  const size_t start = pos_;
  if (pos_ >= text_.size()) {
    current_ = {Tok::kEnd, "end of expression", start};
    return;
  }
  const char c = text_[pos_];
  if (std::isdigit(static_cast<unsigned char>(c)) ||
      (c == '.' && pos_ + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
    current_ = lex_number(start);
    return;
  }
  if (c == ':' && pos_ + 1 < text_.size() && is_variable_char(text_[pos_ + 1])) {
    ++pos_;
    while (pos_ < text_.size() && is_variable_char(text_[pos_])) ++pos_;
    current_ = {Tok::kVariable, std::string(text_.substr(start + 1, pos_ - start - 1)), start};
    return;
  }
  if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
    while (pos_ < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_')) ++pos_;
    current_ = {Tok::kWord, to_lower(std::string(text_.substr(start, pos_ - start))), start};
    return;
  }
  for (std::string_view two : {"<=", ">=", "<>", "!=", "<<", ">>"}) {
    if (text_.substr(pos_, 2) == two) {
      pos_ += 2;
      current_ = {Tok::kSymbol, std::string(two), start};
      return;
    }
  }
  if (std::string_view("+-*/%()<>=,&|#~").find(c) != std::string_view::npos) {
    ++pos_;
    current_ = {Tok::kSymbol, std::string(1, c), start};
    return;
  }
  throw error_at(start, fmt::format("unexpected character \"{}\"", c));
}

/// Binding power of the infix operator at the current token, 0 when it is not one.
int infix_precedence(const Token& t) {
  if (t.type == Tok::kWord) {
    if (t.text == "or") return 1;
    if (t.text == "and") return 2;
    if (t.text == "is" || t.text == "isnull" || t.text == "notnull") return 4;
    return 0;
  }
  if (t.type != Tok::kSymbol) return 0;
  const std::string& s = t.text;
  if (s == "=" || s == "<>" || s == "!=" || s == "<" || s == "<=" || s == ">" || s == ">=") return 5;
  if (s == "|" || s == "#" || s == "&" || s == "<<" || s == ">>") return 6;
  if (s == "+" || s == "-") return 7;
  if (s == "*" || s == "/" || s == "%") return 8;
  return 0;
}

Expr Parser::parse(int min_precedence) {
  Expr left = parse_prefix();
  for (;;) {
    const int precedence = infix_precedence(current_);
    if (precedence == 0 || precedence <= min_precedence) return left;
    const Token op = current_;
    if (++operators_ > kMaxOperators)
      throw error_here(fmt::format("expression has more than {} operators", kMaxOperators));
    advance();
    if (op.text == "isnull" || op.text == "notnull") {
      left = call(op.text == "isnull" ? "is null" : "is not null", operands(std::move(left)));
      continue;
    }
    if (op.text == "is") {
      const bool negated = word("not");
      if (negated) advance();
      if (!word("null") && !word("true") && !word("false")) throw error_here("expected NULL, TRUE or FALSE after IS");
      Expr test = call("is " + current_.text, operands(std::move(left)));
      advance();
      left = negated ? call("not", operands(std::move(test))) : std::move(test);
      continue;
    }
    // Comparisons do not associate (a < b < c is an error, as in pgbench); the rest go left.
    Expr right = parse(precedence);
    if (op.text == "and" || op.text == "or") {
      Expr logic;
      logic.kind = op.text == "and" ? Expr::Kind::kAnd : Expr::Kind::kOr;
      logic.args.push_back(std::move(left));
      logic.args.push_back(std::move(right));
      left = std::move(logic);
    } else {
      if (precedence == 5 && infix_precedence(current_) == 5) throw error_here("syntax error: comparisons do not chain");
      left = call(op.text, operands(std::move(left), std::move(right)));
    }
  }
}

Expr Parser::parse_prefix() {
  // Every nesting (parentheses, unary operators, arguments, CASE) passes here: a limit keeps a
  // hostile script from overflowing the stack (pgbench's parser has one too).
  if (++depth_ > kMaxDepth) throw error_here(fmt::format("expression nested more than {} levels deep", kMaxDepth));
  struct Leave {
    int& depth;
    ~Leave() { --depth; }
  } leave{depth_};
  const Token t = current_;
  advance();
  switch (t.type) {
    case Tok::kEnd: throw error_at(t.position, "unexpected end of expression");
    case Tok::kInt: {
      std::int64_t v = 0;
      auto [p, ec] = std::from_chars(t.text.data(), t.text.data() + t.text.size(), v);
      if (ec != std::errc()) throw error_at(t.position, fmt::format("bigint constant overflow: {}", t.text));
      return constant(v);
    }
    case Tok::kDouble: {
      // pgbench's strtodouble: out of range is "bad number", not a silent infinity.
      errno = 0;
      char* end = nullptr;
      const double v = std::strtod(t.text.c_str(), &end);
      if (errno == ERANGE || end != t.text.c_str() + t.text.size()) throw error_at(t.position, fmt::format("bad number: {}", t.text));
      return constant(v);
    }
    case Tok::kVariable: return variable(t.text);
    case Tok::kWord:
      if (t.text == "true" || t.text == "false") return constant(t.text == "true");
      if (t.text == "null") return constant(Null{});
      if (t.text == "not") return call("not", operands(parse(3)));
      if (t.text == "case") return parse_case();
      if (!symbol("(")) throw error_at(t.position, fmt::format("unexpected word \"{}\" (a function call needs parentheses)", t.text));
      return parse_call(t);
    case Tok::kSymbol: break;
  }
  if (t.text == "(") {
    Expr inner = parse(0);
    expect_symbol(")");
    return inner;
  }
  if (t.text == "-") return call("u-", operands(parse(8)));
  if (t.text == "+") return parse(8);
  if (t.text == "~") return call("~", operands(parse(8)));
  throw error_at(t.position, fmt::format("syntax error at \"{}\"", t.text));
}

Expr Parser::parse_call(const Token& name) {
  const Function* f = find_function(name.text);
  if (!f) throw error_at(name.position, fmt::format("unknown function \"{}\"{}", name.text, did_you_mean(name.text, function_names())));
  expect_symbol("(");
  Expr e;
  e.kind = Expr::Kind::kCall;
  e.function = f;
  if (!symbol(")")) {
    for (;;) {
      e.args.push_back(parse(0));
      if (!symbol(",")) break;
      advance();
    }
  }
  expect_symbol(")");
  const auto n = static_cast<int>(e.args.size());
  // The seed of hash functions and permute defaults to :default_seed, as in pgbench.
  const bool seeded = name.text.rfind("hash", 0) == 0 || name.text == "permute";
  if (seeded && n == f->min_args - 1) {
    e.args.push_back(variable("default_seed"));
  } else if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
    throw error_at(name.position, fmt::format("wrong number of arguments for function \"{}\"", name.text));
  }
  return e;
}

Expr Parser::parse_case() {
  Expr e;
  e.kind = Expr::Kind::kCase;
  if (!word("when")) throw error_here("CASE needs at least one WHEN");
  while (word("when")) {
    advance();
    e.args.push_back(parse(0));
    if (!word("then")) throw error_here("expected THEN");
    advance();
    e.args.push_back(parse(0));
  }
  if (word("else")) {
    advance();
    e.args.push_back(parse(0));
  } else {
    e.args.push_back(constant(Null{}));
  }
  if (!word("end")) throw error_here("expected END to close CASE");
  advance();
  return e;
}
}  // namespace

Expr parse_expression(std::string_view text, int first_column, VariableNames& names) {
  return Parser(text, first_column, names).parse_all();
}

}  // namespace pgcertify::load
