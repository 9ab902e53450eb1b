#pragma once
/// @file json_io.hpp
/// @brief Reading operation arguments and writing results with RapidJSON, shared by every
///        operation of the plugin. Absent and null fields mean "not given"; the first field
///        of the wrong kind is remembered so the caller gets one precise message.

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cohort_plugin_common/json_reader.hpp>
#include <cohort_plugin_common/json_writer.hpp>

#include "assignment.hpp"
#include "rules_json.hpp"
#include "scoring.hpp"
#include "selection.hpp"

namespace cohort_rules::details {

using Json = rapidjson::Value;
using Writer = cohort_plugin_common::JsonWriter;
using cohort_plugin_common::put;
using cohort_plugin_common::put_list;

/// @brief Lenient typed reads of argument fields; `where` prefixes field names in messages.
///        Strings, numbers and booleans read as in every first-party plugin; whole numbers
///        and lists of ids are more forgiving here (see below).
class Reader : public cohort_plugin_common::JsonReader {
 public:
  /// @brief A number rounded to the nearest whole one (3.6 reviewers is 4).
  std::optional<int> integer(const Json& obj, const char* name, const std::string& where);
  /// @brief A list of strings; objects with a string "id" count as that id.
  std::vector<std::string> strings(const Json& obj, const char* name, const std::string& where);

  Quotas quotas(const Json& obj, const char* name);
  Diversity diversity(const Json& obj, const char* name);
  std::vector<WaitlistEntry> waitlist(const Json& obj, const char* name);
  std::vector<Holder> holders(const Json& obj, const char* name);
  std::vector<Candidate> candidates(const Json& obj, const char* name);
  std::vector<ApplicationInfo> applications(const Json& obj, const char* name);
  std::vector<Reviewer> reviewers(const Json& obj, const char* name);
  /// @brief One review; `application` is used when the review does not name one.
  Review review(const Json& item, const std::string& where, const std::string& application);
  std::map<std::string, double> weights(const Json& obj, const char* name);
  std::map<std::string, std::vector<std::string>> assignments(const Json& obj, const char* name);
};

/// @brief An error outcome.
OperationOutcome refuse(std::string message);
/// @brief A successful outcome with the writer's text.
OperationOutcome done(const rapidjson::StringBuffer& sb);

void put_number(Writer& w, const char* key, double v);  ///< rounded to 4 decimals
void put_entry(Writer& w, const WaitlistEntry& e);
/// @brief `key` as a list of {id, country, gender}, then `key`_by_country and `key`_by_gender counts.
void put_holders(Writer& w, const char* key, const std::vector<Holder>& holders);
void put_candidates(Writer& w, const char* key, const std::vector<Candidate>& list);
void put_infeasible(Writer& w, const std::vector<Infeasibility>& list);
void put_explanations(Writer& w, const std::map<std::string, std::string>& explanations);

}  // namespace cohort_rules::details
