#pragma once
/// @file data_codec.hpp
/// @brief Event payloads in the log: plain JSON (readable with the sqlite3 shell) plus,
///        only when the payload holds timestamps, where they are, so replay gives back
///        Time values and not the ISO strings JSON turned them into.

#include <string>
#include <string_view>

#include "value/value.hpp"

namespace cohort::store::details {

/// @brief JSON of `data`, and in `times` a JSON list of [pointer, ms] for every
///        timestamp in it (left empty when there is none, the common case).
void encode_data(const Value& data, std::string& json, std::string& times);

/// @brief The inverse of encode_data. False (with `error`) when the text is not JSON.
bool decode_data(std::string_view json, std::string_view times, Value& out, std::string& error);

}  // namespace cohort::store::details
