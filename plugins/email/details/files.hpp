#pragma once
/// @file files.hpp
/// @brief Whole-file reads and crash-safe whole-file writes.

#include <string>
#include <string_view>

namespace cohort_email::details {

/// @brief Writes `bytes` to `path` so that a crash leaves either the old file (or none) or the
///        whole new one: a temporary file in the same folder, fsync, rename over `path`, fsync
///        of the folder. Creates the folder when missing. False with `error` set on failure.
///        Without `sync` the two fsyncs are left out: still whole-or-nothing when the process
///        dies, not when the machine loses power.
bool write_atomically(const std::string& path, std::string_view bytes, std::string& error, bool sync = true);

/// @brief Reads a whole file. False with `error` set when it cannot be read.
bool read_file(const std::string& path, std::string& out, std::string& error);

/// @brief True when `path` names an existing regular file.
bool file_exists(const std::string& path);

}  // namespace cohort_email::details
