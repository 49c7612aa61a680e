#pragma once
// The one error type of pgcertify: what failed, where, and what to do about it.

#include <optional>
#include <stdexcept>
#include <string>

namespace pgcertify {

/// A place in a user's file (plan, SQL, script). Lines and columns are 1-based.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;

  bool empty() const { return file.empty(); }
  /// "plan.yaml:12:7" (column omitted when unknown).
  std::string to_string() const;
};

enum class ErrorKind {
  kPlan,         // the plan (or a file it names) is invalid: exit 2
  kUsage,        // the command line is invalid: exit 2
  kTarget,       // the target could not be reached or set up: exit 3
  kSql,          // the server rejected a statement
  kConnection,   // the connection was lost or could not be made
  kTimeout,      // a statement ran past its timeout and was cancelled
  kInterrupted,  // SIGINT/SIGTERM arrived
  kIo,           // a local file could not be read or written
  kInternal,
};

/// Thrown to abort the current unit (one check, one command); caught at that unit's boundary.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message);

  ErrorKind kind;
  SourceLocation where;    // plan/SQL file position, when known
  std::string source_line;  // the text of that line, for the caret display
  std::string sql;          // the statement, when one was involved
  std::string sqlstate;     // five-character SQLSTATE from the server
  std::string detail;
  std::string hint;
  int statement_position = 0;  // 1-based character in `sql` the server pointed at

  /// The same server facts (SQLSTATE, detail, hint, statement and position) under another
  /// kind and message: a server error re-raised as the step that failed.
  Error as(ErrorKind other_kind, std::string message) const;

  Error&& at(SourceLocation loc, std::string line_text = {}) &&;
  Error&& with_hint(std::string h) &&;

  /// Compiler-style rendering: "file:line:col: message", then the source line and a caret.
  std::string format() const;
};

}  // namespace pgcertify
