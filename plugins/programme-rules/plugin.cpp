// The programme-rules plugin: eligibility, reviewer assignment, review scoring, selection
// under country quotas and diversity targets, waitlist replacement, attendance and
// certificate numbering for the default workflows.
// Pure functions of their arguments: no state, no side effects, so retries and
// replays are harmless.
#include <cohort_plugin_common/service_plugin.hpp>

#include "rules_json.hpp"

namespace {

class ProgrammeRules : public cohort_plugin_common::ServicePlugin<cohort_rules::RulesService> {
 public:
  ProgrammeRules() : ServicePlugin("programme-rules") {}
};

}  // namespace

COHORT_PLUGIN(ProgrammeRules,
              .id = "org.cohort.programme-rules",
              .name = "Programme rules",
              .vendor = "Cohort",
              .version = "1.1.0",
              .description = "Eligibility, reviewer assignment, normalised rubric scoring, selection under quotas and diversity targets, waitlist replacement and attendance for training programmes.",
              .operations = {{"rules.check_eligibility", "Checks an applicant against the programme's eligibility rules; lists every failed rule"},
                             {"rules.assign_reviewers", "Assigns each application K reviewers without a conflict of interest, loads balanced"},
                             {"rules.score", "Scores one review round: weighted rubric, per-reviewer normalisation, deterministic ranking"},
                             {"rules.shortlist", "Cuts a scored round to the shortlist, keeping country and gender minimums reachable"},
                             {"rules.select", "Ranks candidates into offered / waitlist / rejected within seats, country quotas and diversity targets; reports what cannot hold"},
                             {"rules.replace", "Picks the next waitlisted candidate for a freed seat, keeping quotas and targets valid"},
                             {"rules.attendance", "Weighted attendance over the session schedule, against the threshold"},
                             {"rules.certificate_number", "Formats a sequential certificate number with the programme prefix"}},
              .subscribes = {})
