// Splits a pgbench script into commands: SQL runs to an unquoted ';' (or a meta command such as
// \gset), a meta command is one line starting with a backslash (continued by a trailing '\').

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "common/error.hpp"
#include "common/strings.hpp"
#include "load/expr_parser.hpp"
#include "load/script.hpp"

namespace pgcertify::load {

int Script::sql_count() const {
  return static_cast<int>(std::count_if(commands.begin(), commands.end(), [](const Command& c) { return c.type == CommandType::kSql; }));
}

int Script::first_pipeline_line() const {
  for (const auto& c : commands)
    if (c.type == CommandType::kStartPipeline) return c.line;
  return 0;
}

namespace {
const std::vector<std::string> kMetaCommands = {"set", "sleep", "gset", "aset", "if", "elif", "else", "endif",
                                                "startpipeline", "endpipeline", "setshell", "shell"};

bool space(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

/// Fills `parameterized`, `parameters` and `parts` from `text`. `::` is a cast, not a variable.
void resolve_variables(SqlCommand& sql, VariableNames& names) {
  const std::string& t = sql.text;
  std::string literal;
  size_t i = 0;
  while (i < t.size()) {
    if (t[i] != ':') {
      literal += t[i++];
      continue;
    }
    if (i + 1 < t.size() && t[i + 1] == ':') {
      while (i < t.size() && t[i] == ':') literal += t[i++];
      continue;
    }
    size_t end = i + 1;
    while (end < t.size() && is_variable_char(t[end])) ++end;
    if (end == i + 1 || std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
      literal += t[i++];
      continue;
    }
    const int id = names.intern(std::string_view(t).substr(i + 1, end - i - 1));
    sql.parts.push_back({std::move(literal), -1});
    sql.parts.push_back({{}, id});
    literal.clear();
    sql.parameters.push_back(id);
    i = end;
  }
  if (!literal.empty()) sql.parts.push_back({literal, -1});
  sql.parameterized.clear();
  int n = 0;
  for (const auto& part : sql.parts) sql.parameterized += part.variable < 0 ? part.literal : fmt::format("${}", ++n);
}

class ScriptParser {
 public:
  ScriptParser(std::string_view text, const std::string& file, VariableNames& names)
      : text_(text), file_(file), names_(names) {
    line_starts_.push_back(0);
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') line_starts_.push_back(i + 1);
  }

  Script parse() {
    script_.name = file_;
    for (;;) {
      skip_blank();
      if (pos_ >= text_.size()) break;
      if (text_[pos_] == '\\') meta();
      else sql();
    }
    if (open_pipeline_ > 0) throw error_at(open_pipeline_, 1, "end of script reached with pipeline open (missing \\endpipeline)");
    if (!open_ifs_.empty()) throw error_at(script_.commands[static_cast<size_t>(open_ifs_.back())].line, 1, "\\if without matching \\endif");
    return std::move(script_);
  }

 private:
  int line_of(size_t offset) const {
    return static_cast<int>(std::upper_bound(line_starts_.begin(), line_starts_.end(), offset) - line_starts_.begin());
  }
  int column_of(size_t offset) const { return static_cast<int>(offset - line_starts_[static_cast<size_t>(line_of(offset) - 1)]) + 1; }
  std::string line_text(int line) const {
    const size_t start = line_starts_[static_cast<size_t>(line - 1)];
    const size_t end = text_.find('\n', start);
    return std::string(text_.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
  }
  Error error_at(int line, int column, std::string message) const {
    return Error(ErrorKind::kPlan, std::move(message)).at({file_, line, column}, line_text(line));
  }
  Error error_at_offset(size_t offset, std::string message) const {
    return error_at(line_of(offset), column_of(offset), std::move(message));
  }

  /// Skips whitespace and "--" comments between commands.
  void skip_blank() {
    for (;;) {
      while (pos_ < text_.size() && space(text_[pos_])) ++pos_;
      if (text_.substr(pos_, 2) != "--") return;
      while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
    }
  }

  size_t skip_quoted(size_t p) const;
  void sql();
  void meta();
  void meta_command(const std::string& name, size_t name_offset, std::string_view args, size_t args_offset);
  void attach_capture(const std::string& name, size_t offset, std::string_view args);
  void conditional(const std::string& name, size_t offset, std::string_view args, size_t args_offset);
  void sleep(Command& c, std::string_view args, size_t args_offset);
  void pipeline(const std::string& name, size_t offset, std::string_view args);
  void shell(const std::string& name, size_t offset, std::string_view args);

  std::string_view text_;
  std::string file_;
  VariableNames& names_;
  std::vector<size_t> line_starts_;
  size_t pos_ = 0;
  Script script_;
  std::vector<int> open_ifs_;  // index of the \if (then of each \elif/\else) of each open block
  int open_pipeline_ = 0;      // line of the open \startpipeline, 0 outside one
};

/// From an opening quote, comment or dollar tag at `p`, the offset just past its end.
size_t ScriptParser::skip_quoted(size_t p) const {
  const char c = text_[p];
  if (c == '\'' || c == '"') {
    const bool escapes = c == '\'' && p > 0 && (text_[p - 1] == 'E' || text_[p - 1] == 'e');
    for (++p; p < text_.size(); ++p) {
      if (escapes && text_[p] == '\\') ++p;
      else if (text_[p] == c) {
        if (p + 1 < text_.size() && text_[p + 1] == c) ++p;
        else return p + 1;
      }
    }
    throw error_at_offset(text_.size(), "unterminated quoted string");
  }
  if (c == '-') {
    const size_t end = text_.find('\n', p);
    return end == std::string_view::npos ? text_.size() : end;
  }
  if (c == '/') {
    const size_t end = text_.find("*/", p + 2);
    if (end == std::string_view::npos) throw error_at_offset(p, "unterminated /* comment");
    return end + 2;
  }
  // Dollar quoting: $tag$ … $tag$.
  size_t q = p + 1;
  while (q < text_.size() && (std::isalnum(static_cast<unsigned char>(text_[q])) || text_[q] == '_')) ++q;
  if (q >= text_.size() || text_[q] != '$') return p + 1;  // a $1 parameter, not a quote
  const std::string_view tag = text_.substr(p, q - p + 1);
  const size_t end = text_.find(tag, q + 1);
  if (end == std::string_view::npos) throw error_at_offset(p, "unterminated dollar-quoted string");
  return end + tag.size();
}

void ScriptParser::sql() {
  const size_t start = pos_;
  std::string text;
  size_t p = pos_;
  for (;;) {
    if (p >= text_.size()) break;
    const char c = text_[p];
    if (c == ';') {
      ++p;
      break;
    }
    if (c == '\\') {
      if (text_.substr(p, 2) == "\\;") {  // pgbench's compound statement separator
        text += ';';
        p += 2;
        continue;
      }
      break;  // a meta command (\gset, \aset) ends the statement
    }
    const bool quoted = c == '\'' || c == '"' || c == '$' || text_.substr(p, 2) == "--" || text_.substr(p, 2) == "/*";
    const size_t next = quoted ? skip_quoted(p) : p + 1;
    text.append(text_.substr(p, next - p));
    p = next;
  }
  pos_ = p;
  const std::string body = trim(text);
  if (body.empty()) return;
  Command c;
  c.type = CommandType::kSql;
  c.line = line_of(start);
  const std::string_view raw = text_.substr(start, p - start);
  c.summary = trim(std::string(raw.substr(0, raw.find('\n'))));
  c.sql.text = body;
  resolve_variables(c.sql, names_);
  script_.commands.push_back(std::move(c));
}

void ScriptParser::meta() {
  const size_t start = pos_;
  // One line; a backslash at its end continues it.
  std::string line;
  size_t p = pos_ + 1;
  while (p < text_.size() && text_[p] != '\n') {
    if (text_[p] == '\\' && p + 1 < text_.size() && text_[p + 1] == '\n') {
      line += ' ';
      p += 2;
      continue;
    }
    line += text_[p++];
  }
  pos_ = p;
  size_t name_end = 0;
  while (name_end < line.size() && !space(line[name_end])) ++name_end;
  const std::string name = to_lower(line.substr(0, name_end));
  size_t args_start = name_end;
  while (args_start < line.size() && space(line[args_start])) ++args_start;
  std::string_view args = std::string_view(line).substr(args_start);
  while (!args.empty() && space(args.back())) args.remove_suffix(1);
  meta_command(name, start, args, start + 1 + args_start);
}

void ScriptParser::meta_command(const std::string& name, size_t offset, std::string_view args, size_t args_offset) {
  if (std::find(kMetaCommands.begin(), kMetaCommands.end(), name) == kMetaCommands.end())
    throw error_at_offset(offset, fmt::format("invalid command \\{}{}", name, did_you_mean(name, kMetaCommands)));
  if (name == "gset" || name == "aset") return attach_capture(name, offset, args);
  if (name == "if" || name == "elif" || name == "else" || name == "endif") return conditional(name, offset, args, args_offset);
  if (name == "startpipeline" || name == "endpipeline") return pipeline(name, offset, args);
  if (name == "setshell" || name == "shell") return shell(name, offset, args);
  Command c;
  c.line = line_of(offset);
  c.summary = "\\" + name + (args.empty() ? "" : " " + std::string(args));
  const int column = column_of(args_offset);
  try {
    if (name == "set") {
      size_t var_end = 0;
      while (var_end < args.size() && !space(args[var_end])) ++var_end;
      if (var_end == 0) throw error_at_offset(offset, "missing argument in command \"set\"");
      c.type = CommandType::kSet;
      c.variable = names_.intern(args.substr(0, var_end));
      size_t expr_start = var_end;
      while (expr_start < args.size() && space(args[expr_start])) ++expr_start;
      c.expr = parse_expression(args.substr(expr_start), column + static_cast<int>(expr_start), names_);
    } else {
      sleep(c, args, args_offset);
    }
  } catch (Error& e) {
    if (e.where.file.empty()) throw error_at(c.line, e.where.column, e.what());
    throw;
  }
  script_.commands.push_back(std::move(c));
}

void ScriptParser::sleep(Command& c, std::string_view args, size_t args_offset) {
  c.type = CommandType::kSleep;
  std::vector<std::string> words = split(std::string(args), ' ');
  std::erase_if(words, [](const std::string& w) { return trim(w).empty(); });
  if (words.empty() || words.size() > 2) throw error_at_offset(args_offset, "\\sleep needs a number or a :variable, and optionally us, ms or s");
  if (words.size() == 2) {
    const std::string unit = to_lower(words[1]);
    if (unit == "us") c.sleep_unit_us = 1;
    else if (unit == "ms") c.sleep_unit_us = 1000;
    else if (unit == "s") c.sleep_unit_us = 1'000'000;
    else throw error_at_offset(args_offset, fmt::format("unrecognized time unit \"{}\" (use us, ms or s)", words[1]));
  }
  if (words[0][0] != ':' && !std::all_of(words[0].begin(), words[0].end(), [](char ch) { return std::isdigit(static_cast<unsigned char>(ch)); }))
    throw error_at_offset(args_offset, fmt::format("invalid sleep time \"{}\"", words[0]));
  c.expr = parse_expression(words[0], column_of(args_offset), names_);
}

/// Pipelines are checked as written, so they must open and close outside \if branches.
void ScriptParser::pipeline(const std::string& name, size_t offset, std::string_view args) {
  if (!args.empty()) throw error_at_offset(offset, fmt::format("unexpected argument for \\{}", name));
  Command c;
  c.line = line_of(offset);
  c.summary = "\\" + name;
  if (name == "startpipeline") {
    if (open_pipeline_ > 0) throw error_at_offset(offset, fmt::format("already in pipeline mode (since line {})", open_pipeline_));
    c.type = CommandType::kStartPipeline;
    open_pipeline_ = c.line;
  } else {
    if (open_pipeline_ == 0) throw error_at_offset(offset, "\\endpipeline without \\startpipeline (not in pipeline mode)");
    c.type = CommandType::kEndPipeline;
    open_pipeline_ = 0;
  }
  script_.commands.push_back(std::move(c));
}

/// \shell CMD ARGS… and \setshell VAR CMD ARGS…: words separated by spaces; ":name" is a
/// variable, "::x" the literal ":x" (as pgbench).
void ScriptParser::shell(const std::string& name, size_t offset, std::string_view args) {
  std::vector<std::string> words = split(std::string(args), ' ');
  std::erase_if(words, [](const std::string& w) { return trim(w).empty(); });
  Command c;
  c.line = line_of(offset);
  c.summary = "\\" + name + (args.empty() ? "" : " " + std::string(args));
  c.type = name == "shell" ? CommandType::kShell : CommandType::kSetShell;
  size_t first = 0;
  if (c.type == CommandType::kSetShell) {
    if (words.size() < 2) throw error_at_offset(offset, "missing argument in command \"setshell\" (expected a variable and a command)");
    c.variable = names_.intern(words[0][0] == ':' ? words[0].substr(1) : words[0]);
    first = 1;
  } else if (words.empty()) {
    throw error_at_offset(offset, "missing command in \\shell");
  }
  for (size_t i = first; i < words.size(); ++i) {
    const std::string word = trim(words[i]);
    if (word.size() > 1 && word[0] == ':' && word[1] != ':') c.words.push_back({{}, names_.intern(word.substr(1))});
    else c.words.push_back({word.rfind("::", 0) == 0 ? word.substr(1) : word, -1});
  }
  script_.commands.push_back(std::move(c));
}

void ScriptParser::attach_capture(const std::string& name, size_t offset, std::string_view args) {
  if (script_.commands.empty() || script_.commands.back().type != CommandType::kSql ||
      script_.commands.back().sql.capture != SqlCommand::Capture::kNone)
    throw error_at_offset(offset, fmt::format("\\{} must follow an SQL command", name));
  if (args.find_first_of(" \t") != std::string_view::npos) throw error_at_offset(offset, fmt::format("too many arguments in command \"{}\"", name));
  if (open_pipeline_ > 0)
    throw error_at_offset(offset, fmt::format("\\{} is not allowed in pipeline mode: the results arrive only at \\endpipeline", name));
  SqlCommand& sql = script_.commands.back().sql;
  sql.capture = name == "gset" ? SqlCommand::Capture::kGset : SqlCommand::Capture::kAset;
  sql.prefix = std::string(args);
}

void ScriptParser::conditional(const std::string& name, size_t offset, std::string_view args, size_t args_offset) {
  Command c;
  c.line = line_of(offset);
  c.summary = "\\" + name + (args.empty() ? "" : " " + std::string(args));
  const int index = static_cast<int>(script_.commands.size());
  const bool has_condition = name == "if" || name == "elif";
  if (has_condition) {
    try {
      c.expr = parse_expression(args, column_of(args_offset), names_);
    } catch (Error& e) {
      throw error_at(c.line, e.where.column, e.what());
    }
  } else if (!args.empty()) {
    throw error_at_offset(args_offset, fmt::format("unexpected argument for \\{}", name));
  }
  if (name == "if") {
    c.type = CommandType::kIf;
  } else {
    if (open_ifs_.empty()) throw error_at_offset(offset, fmt::format("\\{} without matching \\if", name));
    Command& previous = script_.commands[static_cast<size_t>(open_ifs_.back())];
    if (previous.type == CommandType::kElse && name != "endif") throw error_at_offset(offset, fmt::format("\\{} after \\else", name));
    previous.next_branch = index;
    open_ifs_.pop_back();
    c.type = name == "elif" ? CommandType::kElif : name == "else" ? CommandType::kElse : CommandType::kEndif;
  }
  script_.commands.push_back(std::move(c));
  if (name != "endif") {
    open_ifs_.push_back(index);
    return;
  }
  // Every branch of the finished block learns where the block ends.
  for (int i = index - 1; i >= 0; --i) {
    Command& branch = script_.commands[static_cast<size_t>(i)];
    if (branch.next_branch < 0 || branch.endif >= 0) continue;
    if (branch.type != CommandType::kIf && branch.type != CommandType::kElif && branch.type != CommandType::kElse) continue;
    branch.endif = index;
    if (branch.type == CommandType::kIf) break;
  }
}
}  // namespace

Script parse_script(std::string_view text, const std::string& file, VariableNames& names) {
  return ScriptParser(text, file, names).parse();
}

}  // namespace pgcertify::load
