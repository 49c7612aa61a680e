#include "load/variables.hpp"

#include "common/error.hpp"

namespace pgcertify::load {

int VariableNames::intern(std::string_view name) {
  if (auto id = find(name)) return *id;
  const int id = static_cast<int>(names_.size());
  names_.emplace_back(name);
  index_.emplace(std::string(name), id);
  return id;
}

std::optional<int> VariableNames::find(std::string_view name) const {
  auto it = index_.find(std::string(name));
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

namespace {
Error undefined(const std::string& name) { return Error(ErrorKind::kPlan, "undefined variable \"" + name + "\""); }
}  // namespace

Value Variables::value(int id) const {
  const Slot& s = slots_[static_cast<size_t>(id)];
  switch (s.state) {
    case State::kValue: return s.value;
    case State::kText: return parse_number(s.text, names_->name(id));
    case State::kUnset: break;
  }
  throw undefined(names_->name(id));
}

std::optional<std::string_view> Variables::text(int id) {
  Slot& s = slots_[static_cast<size_t>(id)];
  if (s.state == State::kUnset) throw undefined(names_->name(id));
  if (s.state == State::kValue) {
    if (is_null(s.value)) return std::nullopt;
    if (!s.text_current) {
      s.text = to_text(s.value);
      s.text_current = true;
    }
  }
  return std::string_view(s.text);
}

void Variables::set(int id, Value v) {
  Slot& s = slots_[static_cast<size_t>(id)];
  s.state = State::kValue;
  s.value = v;
  s.text_current = false;
}

void Variables::set_text(int id, std::string text) {
  Slot& s = slots_[static_cast<size_t>(id)];
  s.state = State::kText;
  s.text = std::move(text);
}

}  // namespace pgcertify::load
