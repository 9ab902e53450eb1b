#include "import/application_events.hpp"

#include <algorithm>

namespace cohort::import {

std::string import_source(const std::string& programme_id) { return "/import/" + programme_id; }

std::vector<Event> application_events(const std::vector<ApplicantRow>& applicants, const std::string& programme_id,
                                      Timestamp default_time) {
  std::vector<const ApplicantRow*> order;
  order.reserve(applicants.size());
  for (const auto& a : applicants) order.push_back(&a);
  // The engine applies events in time order: an earlier submission must not come after a later one.
  std::stable_sort(order.begin(), order.end(), [&](const ApplicantRow* x, const ApplicantRow* y) {
    return x->submitted_at.value_or(default_time) < y->submitted_at.value_or(default_time);
  });
  const std::string source = import_source(programme_id);
  std::vector<Event> events;
  events.reserve(applicants.size() * 2);
  for (const ApplicantRow* a : order) {
    const Timestamp at = a->submitted_at.value_or(default_time);
    Event started;
    started.id = a->id + "/started";
    started.source = source;
    started.type = "application.started";
    started.subject = a->id;
    started.time = at;
    started.has_time = true;
    started.data = Value::object({{"programme", Value(programme_id)},
                                  {"channel", Value(a->channel.empty() ? std::string("import") : a->channel)},
                                  {"nationality", a->profile["nationality"]}});
    Event submitted = started;
    submitted.id = a->id + "/submitted";
    submitted.type = "application.submitted";
    submitted.data = Value::object({{"applicant", a->profile}});
    events.push_back(std::move(started));
    events.push_back(std::move(submitted));
  }
  return events;
}

}  // namespace cohort::import
