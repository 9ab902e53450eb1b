#pragma once
/// @file entry.hpp
/// @brief Internal: the C entry and plugin vtable generated for a C++ plugin class.

#include <exception>
#include <memory>
#include <new>
#include <string>
#include <type_traits>
#include <vector>

#include "cohort/cpp/details/abi.hpp"
#include "cohort/entry.h"
#include "cohort/version.h"

namespace cohort::sdk::details {

// Owns copies of the descriptor's strings and the C arrays pointing into them.
class DescriptorStorage {
 public:
  explicit DescriptorStorage(const Descriptor& d)
      : id_(d.id), name_(d.name), vendor_(d.vendor), version_(d.version), description_(d.description) {
    for (const auto& op : d.operations) {
      op_names_.emplace_back(op.name);
      op_descriptions_.emplace_back(op.description);
      op_flags_.push_back(op.effects ? COHORT_OPERATION_EFFECTS : 0u);
    }
    for (auto s : d.subscribes) subscribes_.emplace_back(s);
    // Only now take pointers: the string vectors no longer reallocate.
    ops_.resize(op_names_.size());
    for (std::size_t i = 0; i < ops_.size(); ++i) {
      ops_[i] = cohort_operation_info_t{sizeof(cohort_operation_info_t), to_c(op_names_[i]),
                                        to_c(op_descriptions_[i]), op_flags_[i]};
    }
    for (auto& op : ops_) op_ptrs_.push_back(&op);
    for (auto& s : subscribes_) sub_views_.push_back(to_c(s));
    c_ = cohort_plugin_descriptor_t{sizeof(cohort_plugin_descriptor_t),
                                    to_c(id_),
                                    to_c(name_),
                                    to_c(vendor_),
                                    to_c(version_),
                                    to_c(description_),
                                    op_ptrs_.data(),
                                    static_cast<std::uint32_t>(op_ptrs_.size()),
                                    sub_views_.data(),
                                    static_cast<std::uint32_t>(sub_views_.size())};
  }
  DescriptorStorage(const DescriptorStorage&) = delete;
  DescriptorStorage& operator=(const DescriptorStorage&) = delete;

  const cohort_plugin_descriptor_t* c() const noexcept { return &c_; }

 private:
  std::string id_, name_, vendor_, version_, description_;
  std::vector<std::string> op_names_, op_descriptions_, subscribes_;
  std::vector<std::uint32_t> op_flags_;
  std::vector<cohort_operation_info_t> ops_;
  std::vector<const cohort_operation_info_t*> op_ptrs_;
  std::vector<cohort_string_t> sub_views_;
  cohort_plugin_descriptor_t c_{};
};

inline void write_current_exception(const cohort_buffer_t* message) noexcept {
  try {
    throw;
  } catch (const std::exception& e) {
    write(message, e.what());
  } catch (...) {
    write(message, "unknown exception");
  }
}

template <class T, Descriptor (*Make)()>
struct Entry {
  static_assert(std::is_base_of_v<Plugin, T>, "COHORT_PLUGIN: the class must derive from cohort::sdk::Plugin");

  // The C instance first, so that a cohort_plugin_t* is also an Instance*.
  struct Instance {
    cohort_plugin_t c;
    const cohort_host_t* host;
    std::unique_ptr<T> object;
  };

  static const DescriptorStorage& storage() {
    static const DescriptorStorage s(Make());
    return s;
  }

  static Instance* self(const cohort_plugin_t* p) noexcept { return static_cast<Instance*>(p->plugin_data); }

  static bool lib_init(cohort_string_t) noexcept {
    try {
      storage();
      return true;
    } catch (...) {
      return false;
    }
  }

  static void lib_deinit() noexcept {}

  static const cohort_plugin_descriptor_t* get_descriptor() noexcept {
    try {
      return storage().c();
    } catch (...) {
      return nullptr;
    }
  }

  static const cohort_plugin_t* create(const cohort_host_t* host) noexcept {
    const cohort_plugin_descriptor_t* desc = get_descriptor();
    if (!desc) return nullptr;
    auto* inst = new (std::nothrow) Instance{};
    if (!inst) return nullptr;
    inst->host = host;
    inst->c = cohort_plugin_t{sizeof(cohort_plugin_t), desc, inst, &init, &call, &on_event, &get_extension,
                              &destroy};
    return &inst->c;
  }

  // The object is built here rather than in create() so that a throwing constructor
  // reaches the engine as a message, not as a bare NULL.
  static cohort_status_t init(const cohort_plugin_t* p, const cohort_buffer_t* message) noexcept {
    Instance* inst = self(p);
    try {
      struct Reset {
        ~Reset() { constructing_host = nullptr; }
      } reset;
      constructing_host = inst->host;
      inst->object = std::make_unique<T>();
      constructing_host = nullptr;
      Result r = inst->object->on_init();
      if (!r.is_ok()) write(message, r.message);
      return static_cast<cohort_status_t>(r.status);
    } catch (...) {
      write_current_exception(message);
      return COHORT_STATUS_ERROR;
    }
  }

  static cohort_status_t call(const cohort_plugin_t* p, cohort_string_t operation, cohort_string_t args_json,
                              const cohort_call_context_t* ctx, const cohort_buffer_t* result,
                              const cohort_buffer_t* message) noexcept {
    Instance* inst = self(p);
    if (!inst->object) {
      write(message, "plugin called before a successful init");
      return COHORT_STATUS_ERROR;
    }
    try {
      CallContext cc;
      if (ctx) {
        cc.instance = to_view(ctx->instance);
        cc.step = to_view(ctx->step);
        cc.attempt = ctx->attempt;
        cc.idempotency_key = to_view(ctx->idempotency_key);
        cc.deadline_ms = ctx->deadline_ms;
        cc.timeout_ms = ctx->timeout_ms;
      }
      Result r = inst->object->on_call(to_view(operation), to_view(args_json), cc);
      if (r.is_ok()) {
        write(result, r.json.empty() ? std::string_view("null") : std::string_view(r.json));
      } else {
        write(message, r.message);
      }
      return static_cast<cohort_status_t>(r.status);
    } catch (...) {
      clear(result);
      write_current_exception(message);
      return COHORT_STATUS_ERROR;
    }
  }

  static cohort_status_t on_event(const cohort_plugin_t* p, cohort_string_t event_json,
                                  const cohort_buffer_t* message) noexcept {
    Instance* inst = self(p);
    if (!inst->object) return COHORT_STATUS_ERROR;
    try {
      return static_cast<cohort_status_t>(inst->object->on_event(to_view(event_json)));
    } catch (...) {
      write_current_exception(message);
      return COHORT_STATUS_ERROR;
    }
  }

  static const void* get_extension(const cohort_plugin_t*, cohort_string_t) noexcept { return nullptr; }

  static void destroy(const cohort_plugin_t* p) noexcept {
    Instance* inst = self(p);
    try {
      inst->object.reset();
    } catch (...) {
      // A destructor that throws must not take the engine down.
    }
    delete inst;
  }

  static constexpr cohort_plugin_entry_t value{sizeof(cohort_plugin_entry_t), COHORT_ABI_VERSION_INIT, &lib_init,
                                               &lib_deinit, &get_descriptor, &create};
};

}  // namespace cohort::sdk::details
