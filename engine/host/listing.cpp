#include "host/listing.hpp"

#include <algorithm>
#include <system_error>

#include <cohort/version.h>
#include <fmt/format.h>

#include "host/details/render.hpp"

namespace cohort::host {
namespace fs = std::filesystem;

PluginListing list_plugins(const std::vector<fs::path>& dirs) {
  PluginListing listing;
  for (const auto& file : find_manifests(dirs)) {
    ListedPlugin p;
    std::string error;
    if (!read_manifest(file, p.manifest, error)) {
      listing.errors.push_back(std::move(error));
      continue;
    }
    std::error_code ec;
    p.library_present = fs::is_regular_file(p.manifest.library, ec);
    p.abi_compatible = p.manifest.abi_major == COHORT_ABI_MAJOR && p.manifest.abi_minor <= COHORT_ABI_MINOR;
    listing.plugins.push_back(std::move(p));
  }
  std::stable_sort(listing.plugins.begin(), listing.plugins.end(),
                   [](const ListedPlugin& a, const ListedPlugin& b) { return a.manifest.id < b.manifest.id; });
  return listing;
}

std::string render_text(const PluginListing& listing) {
  std::size_t id_w = 2, ver_w = 7;
  for (const auto& p : listing.plugins) {
    id_w = std::max(id_w, p.manifest.id.size());
    ver_w = std::max(ver_w, p.manifest.version.size());
  }
  std::string out;
  if (listing.plugins.empty()) out += "no plugins found\n";
  else out += fmt::format("{:<{}}  {:<{}}  {:<4}  {}\n", "ID", id_w, "VERSION", ver_w, "ABI", "OPERATIONS");
  for (const auto& p : listing.plugins) {
    std::vector<std::string> ops;
    for (const auto& op : p.manifest.operations) ops.push_back(op.effects ? op.name + " (side effects)" : op.name);
    std::string notes;
    if (!p.abi_compatible)
      notes += fmt::format("  [incompatible ABI, engine is {}.{}]", COHORT_ABI_MAJOR, COHORT_ABI_MINOR);
    if (!p.library_present) notes += fmt::format("  [library missing: {}]", p.manifest.library.string());
    out += fmt::format("{:<{}}  {:<{}}  {:<4}  {}{}\n", p.manifest.id, id_w, p.manifest.version, ver_w, p.manifest.abi,
                       ops.empty() ? std::string("-") : details::join(ops), notes);
  }
  for (const auto& e : listing.errors) out += fmt::format("error: {}\n", e);
  return out;
}

std::string render_json(const PluginListing& listing) {
  rapidjson::StringBuffer sb;
  details::JsonWriter w(sb);
  w.StartObject();
  w.Key("plugins");
  w.StartArray();
  for (const auto& p : listing.plugins) {
    w.StartObject();
    details::write_field(w, "manifest", p.manifest.path.string());
    details::write_field(w, "library", p.manifest.library.string());
    w.Key("library_present");
    w.Bool(p.library_present);
    w.Key("abi_compatible");
    w.Bool(p.abi_compatible);
    w.Key("plugin");
    details::write_description(w, p.manifest, p.manifest.abi);
    w.EndObject();
  }
  w.EndArray();
  w.Key("errors");
  w.StartArray();
  for (const auto& e : listing.errors) details::write_string(w, e);
  w.EndArray();
  w.EndObject();
  return std::string(sb.GetString(), sb.GetSize()) + "\n";
}

}  // namespace cohort::host
