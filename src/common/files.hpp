#pragma once
// File helpers: whole-file reads and atomic writes.

#include <filesystem>
#include <string>
#include <string_view>

namespace pgcertify {

/// Reads a whole file; throws Error(kIo) naming the path on failure.
std::string read_file(const std::filesystem::path& path);

/// Writes `content` to a temporary file beside `path`, fsyncs it, then renames it over `path`,
/// so a reader sees either the old file or the complete new one, never half of it.
void write_file_atomic(const std::filesystem::path& path, std::string_view content);

/// Throws Error(kUsage) when `path`'s folder is missing or not writable, naming `option` (e.g.
/// "--json"), so that a long run is not made only to lose its output at the end.
void check_writable_destination(const std::filesystem::path& path, std::string_view option);

}  // namespace pgcertify
