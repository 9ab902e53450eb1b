// Every header of the SDK (C ABI and C++ layer), compiled as strict C++17 and C++20
// by the sdk.headers.cxx17 / sdk.headers.cxx20 tests.
#include <cohort/buffer.h>
#include <cohort/cohort.h>
#include <cohort/entry.h>
#include <cohort/export.h>
#include <cohort/extension.h>
#include <cohort/host.h>
#include <cohort/plugin.h>
#include <cohort/status.h>
#include <cohort/string.h>
#include <cohort/version.h>

#include <cohort/cpp/call_context.hpp>
#include <cohort/cpp/descriptor.hpp>
#include <cohort/cpp/host.hpp>
#include <cohort/cpp/plugin.hpp>
#include <cohort/cpp/status.hpp>

namespace {

class Check : public cohort::sdk::Plugin {
 public:
  cohort::sdk::Result on_call(std::string_view operation, std::string_view,
                              const cohort::sdk::CallContext&) override {
    return cohort::sdk::Result::unknown_operation(operation);
  }
};

}  // namespace

// Positional form: valid in C++17 as well as C++20.
COHORT_PLUGIN(Check, "org.example.check", "Check", "Example", "1.0.0", "compiles everywhere",
              {{"check.nothing", "does nothing"}}, {"*"})
