#pragma once
/// @file suggest.hpp
/// @brief "did you mean" and "known: ..." parts of messages (internal).

#include <string>
#include <string_view>
#include <vector>

namespace cohort::loader::details {

/// @brief The candidate closest to `word` by edit distance, or "" when none is close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

/// @brief "(known: a, b, c, ...; did you mean 'b'?)" -- the list cut after `max` names.
std::string known_hint(std::string_view word, const std::vector<std::string>& candidates,
                       std::string_view label = "known", std::size_t max = 12);

}  // namespace cohort::loader::details
