#pragma once
/// @file progress_bar.hpp
/// @brief A one-line progress bar on a terminal (stderr), redrawn in place.

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace cohort::import {

/// @brief Draws "label [#####.....]  42% 1234/2900" with carriage returns. Does nothing
///        when disabled, so callers need no conditions of their own.
class ProgressBar {
 public:
  /// @brief `enabled` false: every call is a no-op.
  ProgressBar(std::FILE* out, bool enabled) : out_(out), enabled_(enabled) {}
  ~ProgressBar() { finish(); }
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;

  /// @brief Starts a phase ("reading", "importing") of `total` units.
  void start(std::string label, std::size_t total);
  /// @brief Redraws (at most ten times a second, and always at the end).
  void update(std::size_t done);
  /// @brief Ends the line of the current phase.
  void finish();

  /// @brief True when `fd` is a terminal.
  static bool is_terminal(int fd);

 private:
  void draw(std::size_t done);
  std::FILE* out_;
  bool enabled_;
  bool open_ = false;
  std::string label_;
  std::size_t total_ = 0;
  std::size_t last_ = 0;
  std::chrono::steady_clock::time_point last_draw_{};
};

}  // namespace cohort::import
