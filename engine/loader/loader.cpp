#include "loader/loader.hpp"

#include <sodium.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include "loader/details/definition_builder.hpp"
#include "loader/details/emit_check.hpp"
#include "loader/details/schema_check.hpp"
#include "loader/details/source_map.hpp"
#include "value/json.hpp"

namespace cohort::loader {
namespace {

/// One file on its way to a definition; the source stays around for cross-definition checks.
struct Loaded {
  std::string file;
  std::string text;
  LocatedJson doc;
  std::unique_ptr<details::SourceMap> map;
  std::unique_ptr<model::Definition> def;
  std::size_t errors = 0;
};

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

/// RapidJSON's parse messages, reworded to say what to do; "missing comma" errors are
/// moved back to the end of the value the comma should follow.
Diagnostic syntax_error(const std::string& file, std::string_view text, const JsonError& e) {
  std::size_t offset = e.offset;
  std::string message = e.message;
  if (!message.empty() && message.back() == '.') message.pop_back();
  if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
  if (starts_with(message, "missing a comma")) {
    while (offset > 0 && std::isspace(static_cast<unsigned char>(text[offset - 1]))) --offset;
    message += " (add a ',' here)";
  } else if (starts_with(message, "missing a name for object member")) {
    message = "expected a property name in double quotes (is there a trailing comma before '}'?)";
  } else if (starts_with(message, "missing a closing quotation mark") ||
             ((starts_with(message, "invalid encoding in string") || starts_with(message, "invalid escape character")) &&
              offset < text.size() && (text[offset] == '\n' || text[offset] == '\r'))) {
    // A raw line break inside a string: the closing quote was forgotten.
    message = "unterminated string: a string must end with '\"' on the line where it starts";
  } else if (starts_with(message, "invalid value")) {
    message = "invalid value (strings need double quotes; true, false and null are lower case; no trailing comma before ']')";
  } else if (starts_with(message, "the document is empty")) {
    message = "the file is empty: a definition is a JSON object";
  } else if (starts_with(message, "the document root must not be followed")) {
    message = "unexpected text after the end of the definition";
  }
  auto where = LineIndex(text).position(offset);
  return Diagnostic{DiagnosticKind::Syntax, file, where.line, where.column, "", "invalid JSON: " + message};
}

std::string sha256_hex(std::string_view bytes) {
  static const bool ready = sodium_init() >= 0;
  (void)ready;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

void report(std::vector<Diagnostic>& out, const model::Location& where, DiagnosticKind kind, std::string message) {
  out.push_back(Diagnostic{kind, where.file, where.line, where.column, where.pointer, std::move(message)});
}

/// Syntax, schema and meaning of one definition. Returns false on a syntax error (no model).
bool load_one(std::string_view text, const std::string& file, const LoadOptions& options, Loaded& l,
              std::vector<Diagnostic>& out) {
  std::size_t before = out.size();
  l.file = file;
  l.text = std::string(text);
  JsonError error;
  if (!parse_json_located(l.text, l.doc, error)) {
    out.push_back(syntax_error(file, l.text, error));
    l.errors = 1;
    return false;
  }
  l.map = std::make_unique<details::SourceMap>(file, l.text, l.doc);

  for (const auto& [pointer, offset] : l.doc.duplicate_keys) {
    auto where = l.map->key_before(pointer, offset);
    auto slash = pointer.rfind('/');
    std::string key = pointer.substr(slash + 1);
    std::string parent = pointer.substr(0, slash);
    if (parent == "/states")
      report(out, where, DiagnosticKind::Meaning,
             "duplicate state '" + key + "': a second state of this name would replace the first (rename or merge them)");
    else
      report(out, where, DiagnosticKind::Schema,
             "duplicate key '" + key + "': only the last one would count (remove or rename one)");
  }

  std::vector<details::SchemaProblem> problems;
  details::check_schema(l.text, l.doc.value, problems);
  std::set<std::string> flagged;
  for (const auto& p : problems) {
    flagged.insert(p.pointer);
    report(out, p.at_key ? l.map->at_key(p.pointer) : l.map->at(p.pointer), DiagnosticKind::Schema, p.message);
  }

  l.def = details::build_definition(l.doc.value, *l.map, options, flagged, out);
  l.def->hash = sha256_hex(to_json(l.doc.value));
  l.errors = out.size() - before;
  return true;
}

std::string read_file(const std::string& path, std::vector<Diagnostic>& out, bool& ok) {
  std::ifstream in(path, std::ios::binary);
  ok = static_cast<bool>(in);
  if (!ok) {
    out.push_back(Diagnostic{DiagnosticKind::Io, path, 1, 1, "", "cannot read the file (does it exist, and may it be read?)"});
    return {};
  }
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

std::vector<std::shared_ptr<const model::Definition>> load_all(std::vector<std::pair<std::string, std::string>> sources,
                                                               const std::vector<bool>& readable,
                                                               const LoadOptions& options, std::vector<Diagnostic>& out) {
  std::vector<Loaded> loaded(sources.size());
  // Each file's diagnostics are collected apart, then given in file order, each file's
  // sorted by position: the order people fix them in.
  std::vector<std::vector<Diagnostic>> found(sources.size());
  for (std::size_t i = 0; i < sources.size(); ++i) {
    if (!readable[i]) {
      loaded[i].errors = 1;
      continue;
    }
    load_one(sources[i].second, sources[i].first, options, loaded[i], found[i]);
  }

  // Receivers: the definitions of this load, then the ones loaded before whose id is not
  // being replaced by a new version here.
  std::vector<const model::Definition*> known;
  std::set<std::string> ids;
  for (auto& l : loaded) {
    if (!l.def) continue;
    if (!l.def->id.empty() && !ids.insert(l.def->id).second) {
      std::string first;
      for (auto& other : loaded)
        if (other.def && other.def->id == l.def->id) {
          first = other.file;
          break;
        }
      report(found[static_cast<std::size_t>(&l - loaded.data())], l.map->at("/id"), DiagnosticKind::Meaning,
             "another definition loaded together has the id '" + l.def->id + "' (" + first + "): give each definition its own id");
      ++l.errors;
      continue;
    }
    known.push_back(l.def.get());
  }
  for (const auto& other : options.others)
    if (other && !ids.count(other->id)) known.push_back(other.get());

  for (std::size_t i = 0; i < loaded.size(); ++i)
    if (loaded[i].def) loaded[i].errors += details::check_emits(*loaded[i].def, *loaded[i].map, known, found[i]);
  for (auto& diagnostics : found) {
    std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
      return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    out.insert(out.end(), diagnostics.begin(), diagnostics.end());
  }

  std::vector<std::shared_ptr<const model::Definition>> result;
  for (auto& l : loaded) {
    if (l.errors == 0 && l.def) {
      spdlog::debug("loaded workflow definition '{}' v{} from {} ({} states, sha256 {})", l.def->id, l.def->version,
                    l.file, l.def->states.size(), l.def->hash);
      result.push_back(std::shared_ptr<const model::Definition>(std::move(l.def)));
    } else {
      result.push_back(nullptr);
    }
  }
  return result;
}

}  // namespace

std::shared_ptr<const model::Definition> load_definition_text(std::string_view text, const std::string& file,
                                                              const LoadOptions& options, std::vector<Diagnostic>& out) {
  return load_all({{file, std::string(text)}}, {true}, options, out).front();
}

std::shared_ptr<const model::Definition> load_definition(const std::string& path, const LoadOptions& options,
                                                         std::vector<Diagnostic>& out) {
  bool ok = false;
  std::string text = read_file(path, out, ok);
  if (!ok) return nullptr;
  return load_definition_text(text, path, options, out);
}

std::vector<std::shared_ptr<const model::Definition>> load_definitions(const std::vector<std::string>& paths,
                                                                       const LoadOptions& options,
                                                                       std::vector<Diagnostic>& out) {
  std::vector<std::pair<std::string, std::string>> sources;
  std::vector<bool> readable;
  for (const auto& path : paths) {
    bool ok = false;
    sources.emplace_back(path, read_file(path, out, ok));
    readable.push_back(ok);
  }
  return load_all(std::move(sources), readable, options, out);
}

std::vector<std::shared_ptr<const model::Definition>> load_definition_texts(
    const std::vector<std::pair<std::string, std::string>>& sources, const LoadOptions& options,
    std::vector<Diagnostic>& out) {
  return load_all(sources, std::vector<bool>(sources.size(), true), options, out);
}

}  // namespace cohort::loader
