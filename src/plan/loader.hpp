#pragma once
// plan.yaml -> Plan. Never connects to anything; reads only the plan and the files it names.

#include <filesystem>
#include <span>
#include <string>

#include "plan/env.hpp"
#include "plan/model.hpp"

namespace pgcertify::plan {

/// Loads and validates a plan. `check_kinds` are the kind keys a check may use (the registry's).
/// Throws Error(kPlan) at file:line:col for the first problem found.
Plan load_plan(const std::filesystem::path& file, std::span<const std::string> check_kinds,
               const EnvLookup& env = getenv_lookup);

/// Same, from text (for tests); `display_path` names it in errors and `dir` resolves paths.
Plan load_plan_text(const std::string& text, const std::string& display_path, const std::filesystem::path& dir,
                    std::span<const std::string> check_kinds, const EnvLookup& env = getenv_lookup);

/// `setup.data`'s map ({seed, triggers, tables: {name: {rows, columns}}}), also read by checks
/// that load rows of their own (`migrations: {data_migration: {data: …}}`).
DataSetup read_data_setup(const Node& node);

}  // namespace pgcertify::plan
