#pragma once
/// @file send_request.hpp
/// @brief The arguments of email.send, parsed and checked.

#include <rapidjson/document.h>

#include <string>
#include <string_view>
#include <vector>

#include "email_config.hpp"

namespace cohort_email {

/// @brief One attachment as asked for: a file of the run's data directory.
struct AttachmentRequest {
  std::string path;          ///< relative to the run directory, or absolute inside it
  std::string filename;      ///< shown to the recipient; empty: the file's own name
  std::string content_type;  ///< empty: guessed from the extension
};

/// @brief email.send's arguments:
///        {kind, language?, to: {name?, address} | "address", fields?: {participant, programme, event},
///         attachments?: [{path, filename?, content_type?}], date?: ISO 8601 instant}.
struct SendRequest {
  std::string kind;
  Mailbox to;
  std::vector<std::string> languages;  ///< candidates in order, normalised ("zh-CN" -> "zh"), "en" last
  rapidjson::Document fields;          ///< {participant, programme, event, ...}; an object
  std::vector<AttachmentRequest> attachments;
  std::string date;                    ///< ISO 8601 instant, or empty for the clock
};

/// @brief Parses and checks the arguments. The language candidates are args.language (a
///        code or a list), else participant.language / participant.languages, then
///        programme.language, then `default_language`, then "en". False with `error`.
bool parse_request(std::string_view args_json, std::string_view default_language, SendRequest& out,
                   std::string& error);

/// @brief The text of a field ("participant.name") for templates: strings as they are,
///        numbers and booleans written out, lists joined with ", ". False when absent or
///        null; false with `error` set when it is an object.
bool field_text(const rapidjson::Value& fields, std::string_view path, std::string& text, std::string& error);

/// @brief A string member by dotted path, or empty.
std::string string_at(const rapidjson::Value& root, std::string_view path);

}  // namespace cohort_email
