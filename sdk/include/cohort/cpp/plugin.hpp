#pragma once
/// @file plugin.hpp
/// @brief Header-only C++ layer: write a plugin as a class, export it with COHORT_PLUGIN(...).
///
/// @code
/// class Hello : public cohort::sdk::Plugin {
///  public:
///   cohort::sdk::Result on_call(std::string_view op, std::string_view args,
///                               const cohort::sdk::CallContext& ctx) override {
///     if (op != "hello.greet") return cohort::sdk::Result::unknown_operation(op);
///     return cohort::sdk::Result::ok(R"({"greeting":"hello"})");
///   }
/// };
/// COHORT_PLUGIN(Hello,
///               .id = "org.example.hello", .name = "Hello", .vendor = "Example",
///               .version = "1.0.0", .description = "Says hello",
///               .operations = {{"hello.greet", "Returns a greeting"}},
///               .subscribes = {})
/// @endcode
///
/// Every exception thrown by the class is caught at the ABI boundary and turned
/// into COHORT_STATUS_ERROR with the exception's what() as the message. Only the
/// C structs of cohort/*.h cross the boundary; std:: types stay inside the plugin.

#include <string_view>

#include "cohort/cpp/call_context.hpp"
#include "cohort/cpp/descriptor.hpp"
#include "cohort/cpp/host.hpp"
#include "cohort/cpp/status.hpp"
#include "cohort/entry.h"

namespace cohort::sdk {

namespace details {
// The host of the instance being constructed, so that a plugin's constructor can use host().
inline thread_local const cohort_host_t* constructing_host = nullptr;
template <class T, Descriptor (*Make)()>
struct Entry;
}  // namespace details

/// @brief Base class of a C++ plugin. One object per plugin instance.
///
/// Threading: on_call may run on several call threads at once and concurrently with
/// on_event; guard mutable state. The constructor and on_init run on the main thread.
class Plugin {
 public:
  Plugin() noexcept : host_(details::constructing_host) {}
  Plugin(const Plugin&) = delete;
  Plugin& operator=(const Plugin&) = delete;
  virtual ~Plugin() = default;

  /// @brief After construction: read config, open resources. A non-Ok result refuses the plugin.
  virtual Result on_init() { return Result::ok(); }

  /// @brief Runs one operation. Return Result::ok(json) or an error; throwing is also an error.
  virtual Result on_call(std::string_view operation, std::string_view args_json,
                         const CallContext& ctx) = 0;

  /// @brief One event of a subscribed type (JSON object text). Errors are logged by the engine.
  virtual Status on_event(std::string_view event_json) {
    (void)event_json;
    return Status::Ok;
  }

  /// @brief The engine's services: log, emit, config, data_dir.
  const Host& host() const noexcept { return host_; }

 private:
  Host host_;
};

}  // namespace cohort::sdk

#include "cohort/cpp/details/entry.hpp"

/// @brief Exports `ClassName` as this library's plugin. The remaining arguments
/// initialise a cohort::sdk::Descriptor (C++20 designated initialisers, or
/// positional in C++17). Use once per library, at namespace scope.
#define COHORT_PLUGIN(ClassName, ...)                                                    \
  static ::cohort::sdk::Descriptor cohort_sdk_make_descriptor_() {                       \
    return ::cohort::sdk::Descriptor{__VA_ARGS__};                                       \
  }                                                                                      \
  extern "C" COHORT_EXPORT const cohort_plugin_entry_t cohort_plugin_entry =            \
      ::cohort::sdk::details::Entry<ClassName, &cohort_sdk_make_descriptor_>::value;
