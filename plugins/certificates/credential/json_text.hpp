#pragma once
/// @file json_text.hpp
/// @brief Reading and writing the JSON files of certificates (RapidJSON).

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

namespace cohort::credentials {

/// @brief Parses JSON text strictly: valid UTF-8, numbers at full precision.
///        False (with `error` naming offset and reason) otherwise.
bool parse_json(std::string_view text, rapidjson::Document& doc, std::string& error);

/// @brief Reads and parses a file; `error` starts with the path.
bool read_json_file(const std::filesystem::path& path, rapidjson::Document& doc, std::string& error);

/// @brief Reads a whole file; nullopt when it cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

/// @brief Indented JSON text for people, ending with a newline.
std::string pretty_json(const rapidjson::Value& value);

/// @brief The string member `name` of `object`, or empty when absent or not a string.
std::string string_member(const rapidjson::Value& object, const char* name);

}  // namespace cohort::credentials
