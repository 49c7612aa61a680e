#pragma once
// Script variables. Names are interned once, when scripts are parsed (VariableNames), so a
// running client reads and writes its variables by index, never by hashing a name.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "load/value.hpp"

namespace pgcertify::load {

class VariableNames {
 public:
  /// The index of `name`, adding it when new.
  int intern(std::string_view name);
  std::optional<int> find(std::string_view name) const;
  const std::string& name(int id) const { return names_[static_cast<size_t>(id)]; }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, int> index_;
};

/// One client's variables: each unset, text (from -D or \gset) or a value (from \set).
class Variables {
 public:
  explicit Variables(const VariableNames& names) : names_(&names), slots_(names.size()) {}

  bool defined(int id) const { return slots_[static_cast<size_t>(id)].state != State::kUnset; }
  /// The value for an expression; text is read as a number. Throws Error when undefined.
  Value value(int id) const;
  /// The text for SQL (nullopt for NULL). Throws Error when undefined.
  std::optional<std::string_view> text(int id);
  void set(int id, Value v);
  void set_text(int id, std::string text);
  const VariableNames& names() const { return *names_; }

 private:
  enum class State { kUnset, kText, kValue };
  struct Slot {
    State state = State::kUnset;
    Value value;
    std::string text;
    bool text_current = false;  // `text` renders `value`
  };
  const VariableNames* names_;
  std::vector<Slot> slots_;
};

}  // namespace pgcertify::load
