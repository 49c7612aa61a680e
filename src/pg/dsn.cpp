#include "pg/dsn.hpp"

#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <regex>
#include <vector>

#include "common/error.hpp"

namespace pgcertify::pg {
namespace {
bool is_uri(std::string_view dsn) {
  return dsn.starts_with("postgresql://") || dsn.starts_with("postgres://");
}

struct OptionsDeleter {
  void operator()(PQconninfoOption* o) const noexcept { PQconninfoFree(o); }
};
using Options = std::unique_ptr<PQconninfoOption, OptionsDeleter>;

Options parse(const std::string& dsn) {
  char* message = nullptr;
  Options options(PQconninfoParse(dsn.c_str(), &message));
  if (!options) {
    std::string reason = message ? message : "out of memory";
    PQfreemem(message);
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
    throw Error(ErrorKind::kUsage, "invalid connection string '" + mask_password(dsn) + "': " + mask_password_in(reason, dsn));
  }
  return options;
}

std::string quote_value(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}
}  // namespace

std::string mask_password(std::string_view dsn) {
  std::string text(dsn);
  if (is_uri(dsn)) {
    // scheme://user:secret@host…  and  …?password=secret&…
    static const std::regex userinfo(R"(^(postgres(?:ql)?://[^:@/]*):[^@/]*@)");
    static const std::regex query_password(R"(([?&]password=)[^&]*)");
    text = std::regex_replace(text, userinfo, "$1:***@");
    return std::regex_replace(text, query_password, "$1***");
  }
  // password=secret, password = 'se cret', password='it\'s', and a quote never closed (libpq
  // refuses the DSN, but the text is still printed): to the end of the string.
  static const std::regex keyword(R"((password\s*=\s*)('(?:[^'\\]|\\.)*'|'[\s\S]*|\S+))");
  return std::regex_replace(text, keyword, "$1***");
}

namespace {
/// Every spelling of the password a DSN may hold, as written and percent-decoded.
std::vector<std::string> password_spellings(std::string_view dsn) {
  static const std::regex userinfo(R"(^postgres(?:ql)?://[^:@/]*:([^@/]*)@)");
  static const std::regex query_password(R"([?&]password=([^&]*))");
  static const std::regex keyword(R"(password\s*=\s*('(?:[^'\\]|\\.)*'|'[\s\S]*|\S+))");
  std::vector<std::string> out;
  const std::string text(dsn);
  for (const std::regex* pattern : {&userinfo, &query_password, &keyword}) {
    for (auto it = std::sregex_iterator(text.begin(), text.end(), *pattern); it != std::sregex_iterator(); ++it) {
      std::string value = (*it)[1].str();
      if (value.size() >= 2 && value.front() == '\'' && value.back() == '\'') value = value.substr(1, value.size() - 2);
      else if (!value.empty() && value.front() == '\'') value.erase(0, 1);  // a quote never closed
      if (value.empty()) continue;
      out.push_back(value);
      std::string decoded;
      for (size_t i = 0; i < value.size(); ++i) {
        if (value[i] == '%' && i + 2 < value.size() && std::isxdigit(static_cast<unsigned char>(value[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(value[i + 2]))) {
          decoded += static_cast<char>(std::stoi(value.substr(i + 1, 2), nullptr, 16));
          i += 2;
        } else {
          decoded += value[i];
        }
      }
      if (decoded != value && !decoded.empty()) out.push_back(decoded);
    }
  }
  // Longest first, so a password that contains another spelling is masked whole.
  std::sort(out.begin(), out.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return out;
}
}  // namespace

std::string mask_password_in(std::string_view text, std::string_view dsn) {
  std::string out(text);
  for (const auto& secret : password_spellings(dsn)) {
    for (size_t at = out.find(secret); at != std::string::npos; at = out.find(secret, at + 3)) out.replace(at, secret.size(), "***");
  }
  return out;
}

std::optional<std::string> password_of(const std::string& dsn) {
  const Options options = parse(dsn);
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o)
    if (std::string_view(o->keyword) == "password" && o->val && *o->val) return std::string(o->val);
  return std::nullopt;
}

namespace {
/// The DSN's settings in keyword form, all but `left_out`.
std::string keywords_without(const std::string& dsn, std::string_view left_out) {
  const Options options = parse(dsn);
  std::string out;
  for (const PQconninfoOption* o = options.get(); o->keyword; ++o) {
    if (std::string_view(o->keyword) == left_out || !o->val) continue;
    if (!out.empty()) out += ' ';
    out += std::string(o->keyword) + "=" + quote_value(o->val);
  }
  return out;
}
}  // namespace

std::string without_password(const std::string& dsn) { return keywords_without(dsn, "password"); }

void validate_dsn(const std::string& dsn) { parse(dsn); }

std::string with_database(const std::string& dsn, std::string_view dbname) {
  std::string out = keywords_without(dsn, "dbname");
  if (!out.empty()) out += ' ';
  return out + "dbname=" + quote_value(dbname);
}

std::string dsn_from(const DsnParts& p) {
  const bool uri = is_uri(p.dbname);
  const bool dbname_is_dsn = uri || p.dbname.find('=') != std::string::npos;
  if (uri && (!p.host.empty() || !p.port.empty() || !p.user.empty()))
    throw Error(ErrorKind::kUsage, "-h, -p and -U cannot be combined with a URI database name; put them in the URI");
  std::string out = dbname_is_dsn || p.dbname.empty() ? p.dbname : "dbname=" + quote_value(p.dbname);
  for (const auto& [key, value] : {std::pair{"host", &p.host}, {"port", &p.port}, {"user", &p.user}}) {
    if (value->empty()) continue;
    if (!out.empty()) out += ' ';
    out += std::string(key) + "=" + quote_value(*value);
  }
  return out;
}

}  // namespace pgcertify::pg
