#pragma once
/// @file text.hpp
/// @brief Numbers and durations written for people in reasons ("82.5%", "1.5", "40 minutes"). Internal.

#include <cstdint>
#include <string>
#include <vector>

namespace cohort_attendance::details {

/// @brief A 0-1 share as a percentage with one decimal ("82.5%"), whole ones without ("80%").
std::string percent(double share);
/// @brief A weight with at most two decimals, trailing zeros dropped ("1.5", "12", "0.75").
std::string weight(double w);
/// @brief "1 minute", "40 minutes", "2 h 05 min".
std::string minutes(std::int64_t ms);
/// @brief "a, b, c".
std::string join(const std::vector<std::string>& items);
/// @brief Rounds to 4 decimals so results read 0.725 rather than 0.72499999999.
double tidy(double x);

}  // namespace cohort_attendance::details
