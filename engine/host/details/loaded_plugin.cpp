#include "host/details/loaded_plugin.hpp"

#include <system_error>

#include <rapidjson/document.h>
#include <spdlog/spdlog.h>

namespace cohort::host::details {

namespace {

std::string_view view(cohort_string_t s) { return s.data ? std::string_view(s.data, s.size) : std::string_view(); }
cohort_string_t c_string(std::string_view s) { return cohort_string_t{s.data(), s.size()}; }
LoadedPlugin& self(const cohort_host_t* host) { return *static_cast<LoadedPlugin*>(host->host_data); }

spdlog::level::level_enum spd_level(cohort_log_level_t level) {
  switch (level) {
    case COHORT_LOG_TRACE: return spdlog::level::trace;
    case COHORT_LOG_DEBUG: return spdlog::level::debug;
    case COHORT_LOG_INFO: return spdlog::level::info;
    case COHORT_LOG_WARN: return spdlog::level::warn;
    default: return spdlog::level::err;
  }
}

// Every callback is noexcept in effect: nothing may unwind into plugin code.
void host_log(const cohort_host_t* host, cohort_log_level_t level, cohort_string_t message) {
  try {
    spdlog::log(spd_level(level), "[plugin {}] {}", self(host).id(), view(message));
  } catch (...) {
  }
}

cohort_status_t host_emit(const cohort_host_t* host, cohort_string_t event_json) {
  try {
    LoadedPlugin& p = self(host);
    std::string_view text = view(event_json);
    rapidjson::Document doc;
    doc.Parse(text.data(), text.size());
    if (doc.HasParseError() || !doc.IsObject()) {
      spdlog::warn("[plugin {}] emitted an event that is not a JSON object; dropped", p.id());
      return COHORT_STATUS_INVALID_ARGUMENT;
    }
    std::function<void(std::string, std::string)> handler;
    {
      std::lock_guard lock(p.shared->mutex);
      handler = p.shared->emit_handler;
    }
    if (!handler) {
      spdlog::warn("[plugin {}] emitted an event but the engine takes none; dropped", p.id());
      return COHORT_STATUS_UNAVAILABLE;
    }
    handler(p.id(), std::string(text));
    return COHORT_STATUS_OK;
  } catch (const std::exception& e) {
    spdlog::error("[plugin {}] emit failed in the engine: {}", self(host).id(), e.what());
    return COHORT_STATUS_ERROR;
  } catch (...) {
    return COHORT_STATUS_ERROR;
  }
}

cohort_string_t host_config(const cohort_host_t* host) { return c_string(self(host).config); }

// Created on first request so plugins that never write leave no empty folders behind.
cohort_string_t created_directory(const LoadedPlugin& p, const std::filesystem::path& dir, std::once_flag& once,
                                  std::string& text) {
  try {
    std::call_once(once, [&] {
      std::error_code ec;
      std::filesystem::create_directories(dir, ec);
      if (ec) spdlog::error("[plugin {}] cannot create directory {}: {}", p.id(), dir.string(), ec.message());
      text = dir.string();
    });
  } catch (...) {
  }
  return c_string(text);
}

cohort_string_t host_data_dir(const cohort_host_t* host) {
  LoadedPlugin& p = self(host);
  return created_directory(p, p.data_dir, p.data_dir_once, p.data_dir_text);
}

cohort_string_t host_run_dir(const cohort_host_t* host) {
  LoadedPlugin& p = self(host);
  return created_directory(p, p.run_dir, p.run_dir_once, p.run_dir_text);
}

constexpr cohort_ext_paths_t paths_extension{sizeof(cohort_ext_paths_t), &host_run_dir};

const void* host_get_extension(const cohort_host_t*, cohort_string_t id) {
  if (std::string_view(id.data, id.size) == COHORT_EXT_PATHS) return &paths_extension;
  return nullptr;
}

}  // namespace

OutputBuffer::OutputBuffer(std::size_t limit) : limit_(limit) {
  c_.struct_size = sizeof(cohort_buffer_t);
  c_.host_data = this;
  c_.write = [](const cohort_buffer_t* b, const char* data, size_t size) -> bool {
    auto* self = static_cast<OutputBuffer*>(b->host_data);
    if (size == 0) return true;
    if (!data || self->overflow_ || size > self->limit_ - self->text_.size()) {
      self->overflow_ = true;
      return false;
    }
    try {
      self->text_.append(data, size);
      return true;
    } catch (...) {
      self->overflow_ = true;
      return false;
    }
  };
  c_.clear = [](const cohort_buffer_t* b) {
    auto* self = static_cast<OutputBuffer*>(b->host_data);
    self->text_.clear();
    self->overflow_ = false;
  };
}

LoadedPlugin::~LoadedPlugin() {
  if (instance && instance->destroy) instance->destroy(instance);
  instance = nullptr;
  if (library_initialised && entry && entry->deinit) entry->deinit();
}

void LoadedPlugin::make_vtable() {
  vtable.struct_size = sizeof(cohort_host_t);
  vtable.abi = cohort_abi_version_t COHORT_ABI_VERSION_INIT;
  vtable.host_data = this;
  vtable.name = COHORT_STR("cohort");
  vtable.version = c_string(engine_version);
  vtable.log = &host_log;
  vtable.emit = &host_emit;
  vtable.config = &host_config;
  vtable.data_dir = &host_data_dir;
  vtable.get_extension = &host_get_extension;
}

std::string status_text(cohort_status_t status) {
  std::string_view name = cohort_status_name(status);
  if (name == "unknown") return "status " + std::to_string(status);
  return std::string(name);
}

}  // namespace cohort::host::details
