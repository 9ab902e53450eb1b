#include "import/participant_export.hpp"

#include "import/csv_writer.hpp"

namespace cohort::import {
namespace {

std::string text(const Value& v) { return v.is_string() ? v.as_string() : std::string(); }

Value counts(const std::map<std::string, std::uint64_t>& m) {
  Members out;
  for (const auto& [k, n] : m) out.emplace_back(k, Value(static_cast<std::int64_t>(n)));
  return Value::object(std::move(out));
}

}  // namespace

std::vector<ParticipantRow> participant_rows(const runtime::Engine& engine, const std::set<std::string>& states) {
  std::vector<ParticipantRow> rows;
  engine.for_each_instance([&](const runtime::InstanceView& v) {
    if (v.definition != "participant") return;
    if (!states.empty() && !states.count(v.state)) return;
    const Value& a = v.data["applicant"];
    ParticipantRow r;
    r.id = v.subject;
    r.name = text(a["name"]);
    r.country = text(a["nationality"]);
    if (r.country.empty()) r.country = text(v.data["nationality"]);
    r.sector = text(a["employer_type"]);
    r.employer = text(a["employer"]);
    r.gender = text(a["gender"]);
    r.state = v.state;
    rows.push_back(std::move(r));
  });
  return rows;
}

std::string rows_csv(const std::vector<ParticipantRow>& rows) {
  std::string out = csv_line({"id", "name", "country", "sector", "employer", "gender", "state"});
  for (const auto& r : rows) out += csv_line({r.id, r.name, r.country, r.sector, r.employer, r.gender, r.state});
  return out;
}

Value rows_json(const std::vector<ParticipantRow>& rows) {
  List list;
  list.reserve(rows.size());
  for (const auto& r : rows)
    list.push_back(Value::object({{"id", Value(r.id)},
                                  {"name", Value(r.name)},
                                  {"country", Value(r.country)},
                                  {"sector", Value(r.sector)},
                                  {"employer", Value(r.employer)},
                                  {"gender", Value(r.gender)},
                                  {"state", Value(r.state)}}));
  return Value::object({{"count", Value(static_cast<std::int64_t>(rows.size()))}, {"participants", Value(std::move(list))}});
}

Summary summarize(const std::vector<ParticipantRow>& rows) {
  Summary s;
  auto key = [](const std::string& v) { return v.empty() ? std::string("unknown") : v; };
  for (const auto& r : rows) {
    ++s.total;
    ++s.by_country[key(r.country)];
    ++s.by_sector[key(r.sector)];
    ++s.by_gender[key(r.gender)];
    ++s.by_state[key(r.state)];
  }
  return s;
}

std::string summary_csv(const Summary& s) {
  std::string out = csv_line({"dimension", "value", "count"});
  out += csv_line({"total", "", std::to_string(s.total)});
  for (const auto& [name, m] : {std::pair{"country", &s.by_country}, std::pair{"sector", &s.by_sector},
                                std::pair{"gender", &s.by_gender}, std::pair{"state", &s.by_state}})
    for (const auto& [k, n] : *m) out += csv_line({name, k, std::to_string(n)});
  return out;
}

Value summary_json(const Summary& s) {
  return Value::object({{"total", Value(static_cast<std::int64_t>(s.total))},
                        {"by_country", counts(s.by_country)},
                        {"by_sector", counts(s.by_sector)},
                        {"by_gender", counts(s.by_gender)},
                        {"by_state", counts(s.by_state)}});
}

}  // namespace cohort::import
