#include "common/error.hpp"

#include <fmt/format.h>

namespace pgcertify {

std::string SourceLocation::to_string() const {
  if (file.empty()) return {};
  if (line <= 0) return file;
  if (column <= 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

Error::Error(ErrorKind k, std::string message) : std::runtime_error(std::move(message)), kind(k) {}

Error Error::as(ErrorKind other_kind, std::string message) const {
  Error out(other_kind, std::move(message));
  out.sqlstate = sqlstate;
  out.detail = detail;
  out.hint = hint;
  out.sql = sql;
  out.statement_position = statement_position;
  return out;
}

Error&& Error::at(SourceLocation loc, std::string line_text) && {
  where = std::move(loc);
  source_line = std::move(line_text);
  return std::move(*this);
}

Error&& Error::with_hint(std::string h) && {
  hint = std::move(h);
  return std::move(*this);
}

std::string Error::format() const {
  std::string out;
  if (!where.empty()) out = where.to_string() + ": ";
  out += what();
  if (!source_line.empty()) {
    out += "\n  " + source_line + "\n  ";
    if (where.column > 0) out += std::string(static_cast<size_t>(where.column - 1), ' ') + "^";
  }
  if (!detail.empty()) out += "\n  detail: " + detail;
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

}  // namespace pgcertify
