// Reading the server's normalised CHECK text: a tokenizer and a precedence-climbing parser for
// the subset pg_get_expr prints (parenthesised boolean trees, comparisons, casts, ANY(ARRAY[…]),
// IS [NOT] NULL, regex operators, function calls).

#include <cctype>
#include <set>
#include <stdexcept>

#include <re2/re2.h>

#include "common/strings.hpp"
#include "datagen/check_expression.hpp"

namespace pgcertify::datagen {
namespace {
struct Token {
  enum class Kind { kIdent, kQuotedIdent, kNumber, kString, kOperator, kPunct, kEnd };
  Kind kind = Kind::kEnd;
  std::string text;
};

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (std::isspace(static_cast<unsigned char>(c))) { ++i; continue; }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      size_t j = i;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_' || s[j] == '.')) ++j;
      out.push_back({Token::Kind::kIdent, std::string(s.substr(i, j - i))});
      i = j;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      size_t j = i;
      while (j < s.size() && (std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '.' || s[j] == 'e')) ++j;
      out.push_back({Token::Kind::kNumber, std::string(s.substr(i, j - i))});
      i = j;
    } else if (c == '\'' || c == '"') {
      std::string text;
      size_t j = i + 1;
      for (; j < s.size(); ++j) {
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) { text += c; ++j; continue; }
          break;
        }
        text += s[j];
      }
      if (j >= s.size()) throw std::invalid_argument("unterminated quoted text");
      out.push_back({c == '\'' ? Token::Kind::kString : Token::Kind::kQuotedIdent, text});
      i = j + 1;
    } else if (c == '(' || c == ')' || c == '[' || c == ']' || c == ',') {
      out.push_back({Token::Kind::kPunct, std::string(1, c)});
      ++i;
    } else {
      size_t j = i;
      while (j < s.size() && std::string_view("=<>!~*+-/%^&|?#@:").find(s[j]) != std::string_view::npos) ++j;
      if (j == i) throw std::invalid_argument(std::string("unexpected character '") + c + "'");
      out.push_back({Token::Kind::kOperator, std::string(s.substr(i, j - i))});
      i = j;
    }
  }
  out.push_back({});
  return out;
}

bool is_comparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  Expr parse_all() {
    Expr e = parse_or();
    if (peek().kind != Token::Kind::kEnd) throw std::invalid_argument("unexpected '" + peek().text + "'");
    return e;
  }

 private:
  const Token& peek(size_t ahead = 0) const { return tokens_[std::min(pos_ + ahead, tokens_.size() - 1)]; }
  Token take() { return tokens_[std::min(pos_++, tokens_.size() - 1)]; }
  bool keyword(std::string_view word) const {
    return peek().kind == Token::Kind::kIdent && to_lower(peek().text) == word;
  }
  void expect(std::string_view text) {
    if (peek().text != text) throw std::invalid_argument("expected '" + std::string(text) + "' near '" + peek().text + "'");
    ++pos_;
  }
  static Expr node(Expr::Op op, std::vector<Expr> args, std::string text = {}) {
    Expr e;
    e.op = op;
    e.args = std::move(args);
    e.text = std::move(text);
    return e;
  }

  Expr parse_or() {
    Expr left = parse_and();
    while (keyword("or")) ++pos_, left = node(Expr::Op::kOr, {left, parse_and()});
    return left;
  }
  Expr parse_and() {
    Expr left = parse_not();
    while (keyword("and")) ++pos_, left = node(Expr::Op::kAnd, {left, parse_not()});
    return left;
  }
  Expr parse_not() {
    if (keyword("not")) return ++pos_, node(Expr::Op::kNot, {parse_not()});
    return parse_comparison();
  }
  Expr parse_comparison() {
    Expr left = parse_postfix();
    if (keyword("is")) {
      ++pos_;
      const bool negated = keyword("not") ? (++pos_, true) : false;
      if (!keyword("null")) return skip_unknown_predicate(left);
      ++pos_;
      return node(negated ? Expr::Op::kIsNotNull : Expr::Op::kIsNull, {left});
    }
    if (peek().kind != Token::Kind::kOperator) return left;
    const std::string op = take().text;
    if (keyword("any") || keyword("all")) {
      const bool any = keyword("any");
      ++pos_;
      expect("(");
      Expr array = parse_or();
      expect(")");
      return node(any ? Expr::Op::kAny : Expr::Op::kUnknown, {left, array}, op);
    }
    Expr right = parse_postfix();
    if (is_comparison(op)) return node(Expr::Op::kCompare, {left, right}, op);
    if (op == "~" || op == "~*" || op == "!~" || op == "!~*") {
      Expr e = node(Expr::Op::kRegex, {left, right}, op);
      e.negated = op[0] == '!';
      if (right.op == Expr::Op::kString) {
        RE2::Options options;
        options.set_log_errors(false);
        options.set_never_capture(true);
        options.set_case_sensitive(!op.ends_with('*'));
        auto compiled = std::make_shared<const RE2>(right.text, options);
        if (compiled->ok()) e.regex = std::move(compiled);  // else unknown: the server decides
      }
      return e;
    }
    return node(Expr::Op::kUnknown, {left, right}, op);
  }
  Expr skip_unknown_predicate(Expr left) {
    while (peek().kind == Token::Kind::kIdent) ++pos_;  // IS TRUE, IS DISTINCT FROM x, …
    if (peek().kind != Token::Kind::kEnd && peek().text != ")") left = node(Expr::Op::kUnknown, {left, parse_postfix()});
    return node(Expr::Op::kUnknown, {left});
  }
  Expr parse_postfix() {
    Expr e = parse_primary();
    while (peek().text == "::") {
      ++pos_;
      std::string type;
      // Multi-word type names continue only with their own words ("character varying",
      // "timestamp with time zone"), never into a following AND/OR or column.
      static const std::set<std::string> kTypeWords = {"varying", "precision", "with", "without", "time", "zone"};
      if (peek().kind == Token::Kind::kIdent || peek().kind == Token::Kind::kQuotedIdent) type = to_lower(take().text);
      while (peek().kind == Token::Kind::kIdent && kTypeWords.contains(to_lower(peek().text))) type += ' ' + to_lower(take().text);
      if (peek().text == "(") {  // numeric(5,2), character varying(50)
        while (peek().kind != Token::Kind::kEnd && peek().text != ")") ++pos_;
        expect(")");
      }
      while (peek().text == "[") ++pos_, expect("]"), type += "[]";
      if (e.op == Expr::Op::kString || e.op == Expr::Op::kNumber || e.op == Expr::Op::kArray) e.cast = type;
    }
    return e;
  }
  Expr parse_primary() {
    const Token t = take();
    switch (t.kind) {
      case Token::Kind::kNumber: {
        Expr e = node(Expr::Op::kNumber, {}, t.text);
        e.number = std::stod(t.text);
        return e;
      }
      case Token::Kind::kString: return node(Expr::Op::kString, {}, t.text);
      case Token::Kind::kQuotedIdent: return node(Expr::Op::kColumn, {}, t.text);
      case Token::Kind::kOperator:
        if (t.text == "-" && peek().kind == Token::Kind::kNumber) {
          Expr e = parse_primary();
          e.number = -e.number;
          e.text = "-" + e.text;
          return e;
        }
        throw std::invalid_argument("unexpected operator '" + t.text + "'");
      case Token::Kind::kPunct:
        if (t.text == "(") {
          Expr e = parse_or();
          expect(")");
          return e;
        }
        throw std::invalid_argument("unexpected '" + t.text + "'");
      case Token::Kind::kEnd: throw std::invalid_argument("the expression ends too early");
      case Token::Kind::kIdent: break;
    }
    return parse_word(t.text);
  }
  Expr parse_word(const std::string& word) {
    const std::string lower = to_lower(word);
    if (lower == "null") return node(Expr::Op::kNull, {});
    if (lower == "true" || lower == "false") return node(Expr::Op::kBool, {}, lower);
    if (lower == "current_date" || lower == "current_timestamp" || lower == "localtimestamp") return node(Expr::Op::kNow, {});
    if (lower == "array" && peek().text == "[") {
      ++pos_;
      Expr e = node(Expr::Op::kArray, {});
      while (peek().text != "]") {
        e.args.push_back(parse_or());
        if (peek().text == ",") ++pos_;
        else if (peek().text != "]") throw std::invalid_argument("expected ',' or ']' in ARRAY[…]");
      }
      ++pos_;
      return e;
    }
    if (peek().text != "(") return node(Expr::Op::kColumn, {}, word);
    ++pos_;
    Expr call = node(Expr::Op::kFunction, {}, lower);
    while (peek().text != ")") {
      if (peek().kind == Token::Kind::kEnd) throw std::invalid_argument("unterminated call of " + word);
      call.args.push_back(parse_or());
      if (peek().text == ",") ++pos_;
    }
    ++pos_;
    if (lower == "now" || lower == "statement_timestamp" || lower == "transaction_timestamp") call.op = Expr::Op::kNow;
    return call;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};
}  // namespace

CheckExpression CheckExpression::parse(std::string_view text) {
  CheckExpression out;
  out.root_ = Parser(tokenize(text)).parse_all();
  return out;
}

}  // namespace pgcertify::datagen
