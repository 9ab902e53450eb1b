#pragma once
/// @file call_context.hpp
/// @brief Who asks, and until when: the context of one operation call.

#include <chrono>
#include <cstdint>
#include <string_view>

namespace cohort::sdk {

/// @brief The context of one call. Views are valid for the duration of on_call only.
struct CallContext {
  std::string_view instance;         ///< the workflow instance (subject)
  std::string_view step;             ///< the step that makes the call
  std::uint32_t attempt = 1;         ///< 1 for the first try
  std::string_view idempotency_key;  ///< "instance/step/attempt"; same key = same side effect
  std::int64_t deadline_ms = 0;      ///< Unix ms after which the engine stops waiting; 0 = none
  std::uint32_t timeout_ms = 0;      ///< the budget the deadline came from; 0 = none

  /// @brief Time left before the deadline (a large value when there is none, zero when past).
  std::chrono::milliseconds remaining() const noexcept {
    if (deadline_ms == 0) return std::chrono::milliseconds::max();
    auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
    return std::chrono::milliseconds(now >= deadline_ms ? 0 : deadline_ms - now);
  }
  /// @brief True once the deadline has passed: stop working, the result will be discarded.
  bool expired() const noexcept { return deadline_ms != 0 && remaining().count() == 0; }
};

}  // namespace cohort::sdk
