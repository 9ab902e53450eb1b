#include "host/inspect.hpp"

#include <system_error>

#include <fmt/format.h>
#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include "host/details/loader.hpp"
#include "host/details/render.hpp"

namespace cohort::host {
namespace fs = std::filesystem;

InspectReport inspect(const fs::path& path, const HostOptions& options) {
  InspectReport report;
  std::error_code ec;
  report.path = fs::absolute(path, ec);
  report.engine_abi = AbiVersion{COHORT_ABI_MAJOR, COHORT_ABI_MINOR, COHORT_ABI_REVISION};
  HostOptions opts = options;
  if (opts.data_dir.empty()) opts.data_dir = fs::current_path(ec) / "data";
  details::LoadTrace trace;
  std::string error;
  auto plugin = details::prepare_plugin(path, opts, std::make_shared<details::HostShared>(), trace, error);
  if (plugin && details::start_plugin(*plugin, error)) report.loadable = true;
  plugin.reset();  // instance destroyed, library unloaded: inspect leaves nothing behind
  report.refusal = error;
  report.manifest_path = trace.manifest_path;
  report.library_path = trace.library_path;
  if (trace.manifest) {
    report.manifest = static_cast<const PluginDescription&>(*trace.manifest);
    report.manifest_abi = trace.manifest->abi;
  }
  report.abi = trace.abi;
  report.descriptor = trace.descriptor;
  return report;
}

std::string render_text(const InspectReport& r) {
  std::string out;
  auto line = [&](std::string_view key, std::string_view value) {
    if (!value.empty()) out += fmt::format("{:<13}{}\n", key, value);
  };
  line("file", r.path.string());
  line("manifest", r.manifest_path.string());
  line("library", r.library_path.string());
  const PluginDescription* d = r.descriptor ? &*r.descriptor : r.manifest ? &*r.manifest : nullptr;
  if (d) {
    line("id", d->id);
    line("name", d->name);
    line("vendor", d->vendor);
    line("version", d->version);
    line("description", d->description);
  }
  if (r.abi) line("abi", fmt::format("{}.{}.{}", r.abi->major, r.abi->minor, r.abi->revision));
  else line("abi", r.manifest_abi.empty() ? "" : r.manifest_abi + " (manifest; library not read)");
  line("engine abi", fmt::format("{}.{}", r.engine_abi.major, r.engine_abi.minor));
  if (d) {
    for (const auto& op : d->operations)
      out += fmt::format("{:<13}{}{}\n", "operation", op.name, op.description.empty() ? "" : "  " + op.description);
    line("subscribes", details::join(d->subscribes));
  }
  out += r.loadable ? "status       loadable\n" : fmt::format("status       refused: {}\n", r.refusal);
  return out;
}

std::string render_json(const InspectReport& r) {
  rapidjson::StringBuffer sb;
  rapidjson::PrettyWriter<rapidjson::StringBuffer> w(sb);
  w.StartObject();
  details::write_field(w, "file", r.path.string());
  details::write_field(w, "manifest_path", r.manifest_path.string());
  details::write_field(w, "library_path", r.library_path.string());
  w.Key("loadable");
  w.Bool(r.loadable);
  w.Key("refusal");
  if (r.loadable) w.Null();
  else details::write_string(w, r.refusal);
  w.Key("engine_abi");
  details::write_string(w, fmt::format("{}.{}", r.engine_abi.major, r.engine_abi.minor));
  w.Key("abi");
  if (r.abi) details::write_string(w, fmt::format("{}.{}.{}", r.abi->major, r.abi->minor, r.abi->revision));
  else w.Null();
  w.Key("manifest");
  if (r.manifest) details::write_description(w, *r.manifest, r.manifest_abi);
  else w.Null();
  w.Key("descriptor");
  if (r.descriptor) details::write_description(w, *r.descriptor, {});
  else w.Null();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize()) + "\n";
}

}  // namespace cohort::host
