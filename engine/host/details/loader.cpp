#include "host/details/loader.hpp"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <fstream>
#include <set>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

namespace cohort::host::details {
namespace fs = std::filesystem;

namespace {

std::string str(cohort_string_t s) { return s.data ? std::string(s.data, s.size) : std::string(); }

// A member exists when the struct, as the plugin built it, is long enough to hold it.
template <class Struct>
bool holds(const Struct* s, std::size_t offset, std::size_t size) {
  return s->struct_size >= offset + size;
}

// Why a file is not a shared object, or empty when it looks like one (ELF magic).
std::string not_elf_reason(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  char head[32] = {};
  in.read(head, sizeof head);
  std::streamsize n = in.gcount();
  if (n >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') return {};
  if (n == 0) return "an empty file";
  bool text = std::all_of(head, head + n, [](char c) {
    auto u = static_cast<unsigned char>(c);
    return std::isprint(u) || std::isspace(u);
  });
  if (text) {
    std::string start(head, static_cast<std::size_t>(n));
    std::replace_if(start.begin(), start.end(), [](char c) { return std::isspace(static_cast<unsigned char>(c)); }, ' ');
    return fmt::format("a text file starting with \"{}\"", start);
  }
  return fmt::format("a file starting with bytes {:02x} {:02x} {:02x} {:02x}", static_cast<unsigned char>(head[0]),
                     static_cast<unsigned char>(n > 1 ? head[1] : 0), static_cast<unsigned char>(n > 2 ? head[2] : 0),
                     static_cast<unsigned char>(n > 3 ? head[3] : 0));
}

// Finds the manifest and library for a path that is a directory, a plugin.json or a library.
bool resolve(const fs::path& path, LoadTrace& trace, std::string& error) {
  std::error_code ec;
  fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (!fs::exists(abs, ec)) {
    error = fmt::format("{}: no such file (expected a plugin library, its plugin.json or its directory)", abs.string());
    return false;
  }
  if (fs::is_directory(abs, ec)) {
    trace.manifest_path = abs / "plugin.json";
    if (!fs::exists(trace.manifest_path, ec)) {
      error = fmt::format("{}: expected a plugin.json in this plugin directory, found none", abs.string());
      return false;
    }
  } else if (abs.extension() == ".json") {
    trace.manifest_path = abs;
  } else {
    trace.library_path = abs;
    trace.manifest_path = abs.parent_path() / "plugin.json";
    if (!fs::exists(trace.manifest_path, ec)) {
      error = fmt::format("{}: expected a plugin.json beside the library, found none at {}", abs.string(),
                          trace.manifest_path.string());
      return false;
    }
  }
  Manifest m;
  if (!read_manifest(trace.manifest_path, m, error)) return false;
  if (trace.library_path.empty()) {
    trace.library_path = m.library;
  } else if (!fs::equivalent(trace.library_path, m.library, ec)) {
    error = fmt::format("{}: the plugin.json beside it names library {}, not this file", trace.library_path.string(),
                        m.library.string());
    trace.manifest = std::move(m);
    return false;
  }
  trace.manifest = std::move(m);
  if (!fs::exists(trace.library_path, ec)) {
    error = fmt::format("{}: library file does not exist (named by {})", trace.library_path.string(),
                        trace.manifest_path.string());
    return false;
  }
  return true;
}

PluginDescription describe(const cohort_plugin_descriptor_t& d) {
  PluginDescription out;
  out.id = str(d.id);
  out.name = str(d.name);
  out.vendor = str(d.vendor);
  out.version = str(d.version);
  out.description = str(d.description);
  for (std::uint32_t i = 0; d.operations && i < d.operation_count; ++i) {
    const cohort_operation_info_t* op = d.operations[i];
    if (!op) continue;
    OperationInfo info{str(op->name), str(op->description), false};
    if (holds(op, offsetof(cohort_operation_info_t, flags), sizeof(op->flags)))
      info.effects = (op->flags & COHORT_OPERATION_EFFECTS) != 0;
    else
      out.declares_effects = false;
    out.operations.push_back(std::move(info));
  }
  for (std::uint32_t i = 0; d.subscribes && i < d.subscribe_count; ++i) out.subscribes.push_back(str(d.subscribes[i]));
  return out;
}

template <class Names>
std::string list_text(const Names& names) {
  return names.empty() ? std::string("none") : fmt::format("[{}]", fmt::join(names, ", "));
}

// The manifest is what the engine promised to users without loading; the library must agree.
bool descriptor_matches_manifest(const PluginDescription& d, const Manifest& m, const fs::path& lib,
                                 std::string& error) {
  if (d.id != m.id) {
    error = fmt::format("{}: plugin id differs from the manifest: expected \"{}\" (from {}), found \"{}\"",
                        lib.string(), m.id, m.path.string(), d.id);
    return false;
  }
  if (d.version != m.version) {
    error = fmt::format("{}: plugin version differs from the manifest: expected \"{}\" (from {}), found \"{}\"",
                        lib.string(), m.version, m.path.string(), d.version);
    return false;
  }
  std::set<std::string> in_manifest, in_library;
  for (const auto& op : m.operations) in_manifest.insert(op.name);
  for (const auto& op : d.operations) {
    if (!in_library.insert(op.name).second) {
      error = fmt::format("{}: the library offers operation \"{}\" twice", lib.string(), op.name);
      return false;
    }
  }
  if (in_manifest != in_library) {
    error = fmt::format("{}: operations differ from the manifest: expected {} (from {}), found {}", lib.string(),
                        list_text(in_manifest), m.path.string(), list_text(in_library));
    return false;
  }
  if (d.declares_effects) {
    std::set<std::string> effects_manifest, effects_library;
    for (const auto& op : m.operations)
      if (op.effects) effects_manifest.insert(op.name);
    for (const auto& op : d.operations)
      if (op.effects) effects_library.insert(op.name);
    if (effects_manifest != effects_library) {
      error = fmt::format(
          "{}: operations with side effects differ from the manifest: expected {} (\"effects\": true in {}), the "
          "library flags {} (COHORT_OPERATION_EFFECTS); make the two agree",
          lib.string(), list_text(effects_manifest), m.path.string(), list_text(effects_library));
      return false;
    }
  }
    std::set<std::string> subs_manifest(m.subscribes.begin(), m.subscribes.end());
  std::set<std::string> subs_library(d.subscribes.begin(), d.subscribes.end());
  if (subs_manifest != subs_library) {
    error = fmt::format("{}: subscribed event types differ from the manifest: expected {} (from {}), found {}",
                        lib.string(), list_text(subs_manifest), m.path.string(), list_text(subs_library));
    return false;
  }
  return true;
}

bool check_config(const Manifest& m, const std::string& config, std::string& error) {
  rapidjson::Document doc;
  doc.Parse(config.data(), config.size());
  if (doc.HasParseError()) {
    error = fmt::format("{}: configuration of plugin \"{}\" is not valid JSON (offset {}: {})", m.path.string(), m.id,
                        doc.GetErrorOffset(), rapidjson::GetParseError_En(doc.GetParseError()));
    return false;
  }
  if (!doc.IsObject()) {
    error = fmt::format("{}: configuration of plugin \"{}\" must be a JSON object, found {}", m.path.string(), m.id,
                        doc.IsArray() ? "an array" : doc.IsString() ? "a string" : doc.IsNumber() ? "a number" : "a scalar");
    return false;
  }
  if (m.config_schema.empty()) return true;
  rapidjson::Document schema_doc;
  schema_doc.Parse(m.config_schema.data(), m.config_schema.size());
  rapidjson::SchemaDocument schema(schema_doc);
  rapidjson::SchemaValidator validator(schema);
  if (doc.Accept(validator)) return true;
  rapidjson::StringBuffer where, rule;
  validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
  validator.GetInvalidSchemaPointer().StringifyUriFragment(rule);
  error = fmt::format("{}: configuration of plugin \"{}\" does not match its config_schema: at {} the \"{}\" rule ({}) fails",
                      m.path.string(), m.id, where.GetString(), validator.GetInvalidSchemaKeyword(), rule.GetString());
  return false;
}

}  // namespace

std::shared_ptr<LoadedPlugin> prepare_plugin(const fs::path& path, const HostOptions& options,
                                             std::shared_ptr<HostShared> shared, LoadTrace& trace,
                                             std::string& error) {
  if (!resolve(path, trace, error)) return nullptr;
  const Manifest& m = *trace.manifest;
  const fs::path& lib_path = trace.library_path;
  const std::string lib = lib_path.string();

  if (std::string reason = not_elf_reason(lib_path); !reason.empty()) {
    error = fmt::format("{}: not a shared object: expected an ELF library, found {}", lib, reason);
    return nullptr;
  }
  auto plugin = std::make_shared<LoadedPlugin>();
  plugin->library = Library::open(lib_path, error);
  if (!plugin->library) {
    error = fmt::format("{}: cannot be loaded: {}", lib, error);
    return nullptr;
  }
  auto* entry = static_cast<const cohort_plugin_entry_t*>(plugin->library->symbol(COHORT_PLUGIN_ENTRY_SYMBOL));
  if (!entry) {
    error = fmt::format("{}: missing entry symbol: expected an exported \"{}\" (COHORT_PLUGIN or cohort/entry.h), found none",
                        lib, COHORT_PLUGIN_ENTRY_SYMBOL);
    return nullptr;
  }
  // Only struct_size and abi may be read before the version is known to be compatible.
  if (!holds(entry, offsetof(cohort_plugin_entry_t, abi), sizeof(cohort_abi_version_t))) {
    error = fmt::format("{}: {} is too small to hold an ABI version (struct_size {})", lib,
                        COHORT_PLUGIN_ENTRY_SYMBOL, entry->struct_size);
    return nullptr;
  }
  const cohort_abi_version_t engine_abi COHORT_ABI_VERSION_INIT;
  trace.abi = AbiVersion{entry->abi.major, entry->abi.minor, entry->abi.revision};
  if (entry->abi.major != engine_abi.major) {
    error = fmt::format("{}: incompatible plugin ABI: expected major {} (engine ABI {}.{}), found {}.{}", lib,
                        engine_abi.major, engine_abi.major, engine_abi.minor, entry->abi.major, entry->abi.minor);
    return nullptr;
  }
  if (entry->abi.minor > engine_abi.minor) {
    error = fmt::format("{}: plugin ABI {}.{} is newer than the engine's {}.{}: expected minor <= {}, found {}; "
                        "rebuild it against SDK {}.{} or upgrade the engine",
                        lib, entry->abi.major, entry->abi.minor, engine_abi.major, engine_abi.minor, engine_abi.minor,
                        entry->abi.minor, engine_abi.major, engine_abi.minor);
    return nullptr;
  }
  if (m.abi_major != entry->abi.major || m.abi_minor != entry->abi.minor) {
    error = fmt::format("{}: ABI differs from the manifest: expected {} (from {}), found {}.{}", lib, m.abi,
                        m.path.string(), entry->abi.major, entry->abi.minor);
    return nullptr;
  }
  if (!holds(entry, offsetof(cohort_plugin_entry_t, create), sizeof(void*)) || !entry->init || !entry->deinit ||
      !entry->get_descriptor || !entry->create) {
    error = fmt::format("{}: {} is incomplete: expected init, deinit, get_descriptor and create", lib,
                        COHORT_PLUGIN_ENTRY_SYMBOL);
    return nullptr;
  }
  plugin->entry = entry;
  if (!entry->init(cohort_string_t{lib.data(), lib.size()})) {
    error = fmt::format("{}: the library's init refused to start", lib);
    return nullptr;
  }
  plugin->library_initialised = true;

  const cohort_plugin_descriptor_t* desc = entry->get_descriptor();
  if (!desc || !holds(desc, offsetof(cohort_plugin_descriptor_t, subscribe_count), sizeof(std::uint32_t))) {
    error = fmt::format("{}: get_descriptor returned {}", lib, desc ? "a truncated descriptor" : "nothing");
    return nullptr;
  }
  plugin->descriptor = desc;
  trace.descriptor = describe(*desc);
  if (!descriptor_matches_manifest(*trace.descriptor, m, lib_path, error)) return nullptr;

  plugin->manifest = m;
  // Descriptions live in the library; the manifest may carry names only.
  plugin->manifest.operations = trace.descriptor->operations;
  if (!trace.descriptor->declares_effects)  // an older library: its manifest says which act outside
    for (auto& op : plugin->manifest.operations)
      for (const auto& declared : m.operations)
        if (declared.name == op.name) op.effects = declared.effects;
  auto cfg = options.config.find(m.id);
  plugin->config = cfg == options.config.end() ? std::string("{}") : cfg->second;
  if (!check_config(m, plugin->config, error)) return nullptr;

  plugin->shared = std::move(shared);
  plugin->data_dir = options.data_dir / "plugins" / m.id;
  plugin->run_dir = options.data_dir;
  plugin->engine_version = options.engine_version;
  plugin->max_bytes = options.max_result_bytes;
  plugin->make_vtable();
  return plugin;
}

bool start_plugin(LoadedPlugin& plugin, std::string& error) {
  const std::string lib = plugin.manifest.library.string();
  const cohort_plugin_t* inst = plugin.entry->create(&plugin.vtable);
  if (!inst) {
    error = fmt::format("{}: create() returned no plugin instance", lib);
    return false;
  }
  if (!holds(inst, offsetof(cohort_plugin_t, destroy), sizeof(void*)) || !inst->init || !inst->call ||
      !inst->on_event || !inst->destroy) {
    error = fmt::format("{}: the plugin instance is incomplete: expected init, call, on_event and destroy", lib);
    // Without a known-good destroy, leaking the instance is safer than calling garbage.
    return false;
  }
  plugin.instance = inst;
  OutputBuffer message(plugin.max_bytes);
  cohort_status_t status = inst->init(inst, message.c());
  if (status != COHORT_STATUS_OK) {
    error = fmt::format("{}: plugin \"{}\" init failed ({}): {}", lib, plugin.id(), status_text(status),
                        message.text().empty() ? std::string("no message") : message.text());
    return false;
  }
  return true;
}

}  // namespace cohort::host::details
