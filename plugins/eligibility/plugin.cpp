// The eligibility plugin: checks an application against the call's rules (nationality, age
// on the reference date, degree, experience, employer type, documents, language) and the
// submission deadline in the venue's time zone. Pure functions of their arguments plus the
// system time zone database, so retries and replays give the same answer.
#include <cohort/cpp/plugin.hpp>

#include <algorithm>
#include <string>
#include <string_view>

#include "eligibility_service.hpp"

namespace {

class Eligibility : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    std::string error;
    if (!service_.configure(host().config(), error))
      return cohort::sdk::Result::invalid_argument("eligibility: " + error);
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    const auto& ops = cohort_eligibility::EligibilityService::operations();
    if (std::find(ops.begin(), ops.end(), operation) == ops.end())
      return cohort::sdk::Result::unknown_operation(operation);
    auto outcome = service_.run(operation, args_json);
    if (!outcome.ok) {
      host().warn(std::string(ctx.instance) + ": " + outcome.message);
      return cohort::sdk::Result::invalid_argument(std::move(outcome.message));
    }
    return cohort::sdk::Result::ok(std::move(outcome.json));
  }

 private:
  cohort_eligibility::EligibilityService service_;
};

}  // namespace

COHORT_PLUGIN(Eligibility,
              .id = "org.cohort.eligibility",
              .name = "Eligibility",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Eligibility rules of a call and its deadline in the venue's time zone, with per-applicant extensions.",
              .operations = {{"eligibility.check", "Checks an applicant against every eligibility rule (and the deadline); lists each failed rule with a code and a reason"},
                             {"eligibility.deadline", "Whether a submission at an instant is on time for a local deadline in an IANA zone, with an optional extension"}},
              .subscribes = {})
