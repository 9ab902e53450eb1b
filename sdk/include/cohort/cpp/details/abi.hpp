#pragma once
/// @file abi.hpp
/// @brief Internal conversions between C ABI values and C++ views.

#include <string_view>

#include "cohort/buffer.h"
#include "cohort/string.h"

namespace cohort::sdk::details {

inline cohort_string_t to_c(std::string_view s) noexcept { return cohort_string_t{s.data(), s.size()}; }

inline std::string_view to_view(cohort_string_t s) noexcept {
  return s.data ? std::string_view(s.data, s.size) : std::string_view();
}

// Writing to a host buffer never throws; a refused write is the host's business (it enforces limits).
inline void write(const cohort_buffer_t* buffer, std::string_view text) noexcept {
  if (buffer && buffer->write) buffer->write(buffer, text.data(), text.size());
}

inline void clear(const cohort_buffer_t* buffer) noexcept {
  if (buffer && buffer->clear) buffer->clear(buffer);
}

}  // namespace cohort::sdk::details
