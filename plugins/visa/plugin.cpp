// The visa plugin: invitation letter data, passport validity past departure, ICAO 9303
// passport MRZ checks against the typed data, and the reminders due before the visa
// deadline. Stateless: the same arguments always give the same result.
#include <cohort/cpp/plugin.hpp>

#include <algorithm>
#include <string>
#include <string_view>

#include "visa_service.hpp"

namespace {

class Visa : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_init() override {
    std::string error;
    if (!service_.configure(host().config(), error)) return cohort::sdk::Result::invalid_argument("visa: " + error);
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    const auto& ops = cohort_visa::VisaService::operations();
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
  cohort_visa::VisaService service_;
};

}  // namespace

COHORT_PLUGIN(Visa,
              .id = "org.cohort.visa",
              .name = "Visa",
              .vendor = "Cohort",
              .version = "1.0.0",
              .description = "Visa invitation letters, passport validity, ICAO 9303 MRZ checks and visa-deadline reminders.",
              .operations = {{"visa.letter", "Invitation letter data with a letter number; lists missing and invalid fields"},
                             {"visa.check_passport", "Passport valid at least six months (or N days) past departure"},
                             {"visa.check_mrz", "Parses a TD3 passport MRZ, checks its check digits, maps nationality to ISO 3166 and compares with typed data"},
                             {"visa.reminders", "Which reminders before the visa deadline are due now, and when the next one is"}},
              .subscribes = {})
