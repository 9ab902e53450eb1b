#pragma once
/// @file canonical_json.hpp
/// @brief The JSON Canonicalization Scheme (RFC 8785, "JCS"): the exact bytes that get signed.
///
/// Objects are written with their members sorted by the UTF-16 code units of the
/// names, no whitespace, strings with the minimal escapes, and numbers as
/// ECMAScript prints an IEEE double. Signer and verifier must produce the same
/// bytes from the same data, whatever order or spacing the file on disk has.

#include <string>

#include <rapidjson/document.h>

namespace cohort::credentials {

/// @brief Appends the canonical form of `value` to `out`. False (with `error`) for what JCS
///        cannot represent: duplicate member names, NaN or infinite numbers.
bool canonicalize(const rapidjson::Value& value, std::string& out, std::string& error);

/// @brief An IEEE double as ECMAScript's Number.prototype.toString prints it ("1", "0.5",
///        "1e+21", "1.5e-7"); the number must be finite.
std::string format_es_number(double number);

}  // namespace cohort::credentials
