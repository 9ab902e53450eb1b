#include "fields.hpp"

#include <algorithm>

namespace cohort_documents {

const std::vector<std::string_view>& known_fields() {
  static const std::vector<std::string_view> names{
      "name",          "gender",           "birth_date",         "nationality",        "employer",
      "position",      "passport_number",  "passport_expiry",    "passport_country",   "number",
      "issue_date",    "programme_id",     "programme_title",    "start_date",         "end_date",
      "arrival_date",  "hours",            "host_name",          "host_department",    "host_address",
      "host_city",     "host_country",     "host_contact_name",  "host_contact_email", "host_contact_phone"};
  return names;
}

bool is_known_field(std::string_view name) {
  constexpr std::string_view extra = "extra.";
  if (name.substr(0, extra.size()) == extra) {
    auto key = name.substr(extra.size());
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
  }
  const auto& names = known_fields();
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace cohort_documents
