#pragma once
// One generated value as a binary COPY field: the length word and the payload its column's
// BinaryFormat calls for, from the same Datum text COPY would render.

#include <string>

#include "datagen/check_expression.hpp"
#include "datagen/data_plan.hpp"

namespace pgcertify::datagen {

/// Appends `value` (NULL: length -1) for `column`. Throws std::invalid_argument saying what is
/// wrong when a value drawn as text is not one of the column's type (say 'abc' for an integer),
/// or a number is out of the type's range.
void append_binary_field(const ColumnPlan& column, const Datum& value, std::string& out);

}  // namespace pgcertify::datagen
