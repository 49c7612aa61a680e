#include "datagen/param_source.hpp"

#include <chrono>

#include "datagen/column_generator.hpp"
#include "datagen/column_type.hpp"
#include "datagen/generator_spec.hpp"

namespace pgcertify::datagen {

ParamSource ParamSource::read(const plan::Node& node) {
  ParamSource out;
  if (!node.is_map()) {
    if (!node.is_null()) out.fixed_ = node.as_string();
    return out;
  }
  YAML::Node spec = YAML::Clone(node.raw());
  std::string type = "text";
  if (spec["type"]) {
    type = spec["type"].as<std::string>();
    spec.remove("type");
  }
  const auto parsed = parse_generator(plan::Node(spec, node.source()));
  const double now = static_cast<double>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
  try {
    out.generator_ = std::make_shared<const ColumnGenerator>(parsed, column_type(type), now);
  } catch (const std::invalid_argument& e) {
    throw node.error(std::string("this generator cannot make a ") + type + " parameter: " + e.what());
  }
  return out;
}

std::optional<std::string> ParamSource::draw(Prng& rng, long long run) const {
  if (!generator_) return fixed_;
  Datum d;
  generator_->next(rng, run, d);
  switch (d.kind) {
    case Datum::Kind::kNull:
    case Datum::Kind::kUnknown: return std::nullopt;
    case Datum::Kind::kBool: return std::string(d.boolean ? "t" : "f");
    case Datum::Kind::kText: return d.text;
    case Datum::Kind::kNumber: {
      std::string out;
      format_number(generator_->type(), d.number, out);
      return out;
    }
  }
  return std::nullopt;
}

}  // namespace pgcertify::datagen
