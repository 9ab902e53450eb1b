#pragma once
/// @file binary.hpp
/// @brief The compact binary form of `Value`: event payloads in the log, snapshots.
///
/// Not JSON, for two reasons: replay must decode a million payloads a second (parsing
/// JSON alone costs about a microsecond each), and JSON has no timestamp, so `Time`
/// values (emits rendered with `now`) would come back as strings. The format is in
/// docs/STORE.md; decoding checks every length, so a damaged payload is an error, never
/// a crash.

#include <string>
#include <string_view>

#include "value/value.hpp"

namespace cohort {

/// @brief Appends the encoding of `v` (a format byte, then the value) to `out`.
void append_binary(const Value& v, std::string& out);

/// @brief Decodes what append_binary wrote. False (with `error`) when the bytes are not a
///        complete, well-formed encoding.
bool parse_binary(std::string_view bytes, Value& out, std::string& error);

}  // namespace cohort
