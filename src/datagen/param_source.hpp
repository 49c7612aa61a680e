#pragma once
// A statement parameter for the latency check: a fixed value, or a data generator drawn again
// for every run (`{uniform: [1, 100000], type: integer}`; `type` is the SQL type the value is
// shaped for).

#include <memory>
#include <optional>
#include <string>

#include "common/random.hpp"
#include "plan/node.hpp"

namespace pgcertify::datagen {

class ColumnGenerator;

class ParamSource {
 public:
  /// A scalar (or null) is a fixed value; a map is a generator. Throws Error(kPlan) at `node`.
  static ParamSource read(const plan::Node& node);

  /// The value for run `run` (nullopt is NULL); a fixed value draws nothing from `rng`.
  std::optional<std::string> draw(Prng& rng, long long run) const;

 private:
  std::optional<std::string> fixed_;
  std::shared_ptr<const ColumnGenerator> generator_;
};

}  // namespace pgcertify::datagen
