#include "loader/details/schema_check.hpp"

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <regex>
#include <set>

#include "loader/details/suggest.hpp"
#include "loader/loader.hpp"
#include "value/json.hpp"

namespace cohort::loader::details {
namespace {

/// The schema, parsed once for the process (both as a Value and as RapidJSON's validator).
struct CompiledSchema {
  Value value;
  rapidjson::Document document;
  std::unique_ptr<rapidjson::SchemaDocument> validator;
  std::string error;
};

const CompiledSchema& compiled_schema() {
  static const CompiledSchema schema = [] {
    CompiledSchema s;
    const auto& text = workflow_schema_text();
    JsonError error;
    if (text.empty()) {
      s.error = "the workflow schema could not be read (" COHORT_SOURCE_DIR "/workflows/schema/workflow.schema.json)";
    } else if (!parse_json(text, s.value, error)) {
      s.error = "the workflow schema is not valid JSON: " + error.message;
    } else {
      s.document.Parse(text.data(), text.size());
      s.validator = std::make_unique<rapidjson::SchemaDocument>(s.document);
    }
    return s;
  }();
  return schema;
}

std::string unescape_token(std::string_view token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size()) {
      out += token[i + 1] == '1' ? '/' : '~';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

std::vector<std::string> tokens(const std::string& pointer) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < pointer.size()) {
    auto next = pointer.find('/', i + 1);
    out.push_back(unescape_token(std::string_view(pointer).substr(i + 1, next == std::string::npos ? next : next - i - 1)));
    i = next == std::string::npos ? pointer.size() : next;
  }
  return out;
}

bool is_index(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

/// How messages name the value at a pointer: "'version'", "item 2 of 'entry'".
std::string what(const std::string& pointer) {
  auto t = tokens(pointer);
  if (t.empty()) return "the definition";
  if (is_index(t.back()) && t.size() >= 2) return "item " + t.back() + " of '" + t[t.size() - 2] + "'";
  return "'" + t.back() + "'";
}

std::string article_type(const std::string& t) {
  if (t == "object") return "an object";
  if (t == "array") return "an array";
  if (t == "integer") return "an integer";
  if (t == "null") return "null";
  return "a " + t;
}

std::string kind_of(const Value& v) {
  switch (v.kind()) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "a boolean";
    case Value::Kind::Int: return "an integer";
    case Value::Kind::Double: return "a number";
    case Value::Kind::String: return "a string";
    case Value::Kind::Time: return "a time";
    case Value::Kind::List: return "an array";
    case Value::Kind::Object: return "an object";
  }
  return "a value";
}

bool type_ok(const std::string& t, const Value& v) {
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_list();
  if (t == "string") return v.is_string();
  if (t == "integer") return v.is_int() || (v.is_double() && std::floor(v.as_double()) == v.as_double());
  if (t == "number") return v.is_number();
  if (t == "boolean") return v.is_bool();
  if (t == "null") return v.is_null();
  return true;
}

bool regex_search(const std::string& pattern, const std::string& text) {
  thread_local std::map<std::string, std::regex> cache;
  auto it = cache.find(pattern);
  if (it == cache.end()) it = cache.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
  return std::regex_search(text, it->second);
}

/// What the names of a map-like object are called, by the object's own name.
std::string name_kind(const std::string& pointer) {
  auto t = tokens(pointer);
  std::string last = t.empty() ? "" : t.back();
  if (last == "states") return "state name (letters, digits and '_', not starting with a digit)";
  if (last == "on" || last == "events" || last == "emits")
    return "event type (dot-separated words of letters, digits, '_' and '-', e.g. \"offer.accepted\")";
  if (last == "set") return "field path (dot-separated names, e.g. \"offer.expires_at\")";
  return "property name";
}

std::string quote_json(const Value& v) { return to_json(v); }

class Checker {
 public:
  Checker(const Value& root, std::vector<SchemaProblem>& out) : root_(root), out_(out) {}

  void check(const Value& schema_in, const Value& v, const std::string& ptr) {
    const Value& s = resolve(schema_in);
    if (!s.is_object()) return;
    if (!check_type(s, v, ptr)) return;
    if (const Value* e = s.find("enum"); e && e->is_list()) check_enum(*e, v, ptr);
    if (v.is_object()) check_object(s, v, ptr);
    if (v.is_list()) check_array(s, v, ptr);
    if (v.is_string()) check_string(s, v, ptr);
    if (v.is_number()) check_number(s, v, ptr);
    if (const Value* one = s.find("oneOf"); one && one->is_list()) check_alternatives(*one, v, ptr, true);
    if (const Value* any = s.find("anyOf"); any && any->is_list()) check_alternatives(*any, v, ptr, false);
    if (const Value* all = s.find("allOf"); all && all->is_list())
      for (const auto& sub : all->as_list()) check(sub, v, ptr);
  }

 private:
  const Value& resolve(const Value& s) const {
    const Value* cur = &s;
    for (int depth = 0; depth < 16 && cur->is_object(); ++depth) {
      const Value* ref = cur->find("$ref");
      if (!ref || !ref->is_string() || ref->as_string().rfind("#", 0) != 0) break;
      const Value* target = &root_;
      for (const auto& t : tokens(ref->as_string().substr(1))) {
        target = target->find(t);
        if (!target) return *cur;
      }
      cur = target;
    }
    return *cur;
  }

  void add(const std::string& ptr, std::string message, bool at_key = false) {
    out_.push_back({ptr, std::move(message), at_key});
  }

  bool matches_type(const Value& s, const Value& v) const {
    const Value* t = s.find("type");
    if (!t) return true;
    if (t->is_string()) return type_ok(t->as_string(), v);
    if (t->is_list())
      for (const auto& one : t->as_list())
        if (one.is_string() && type_ok(one.as_string(), v)) return true;
    return !t->is_list();
  }

  bool check_type(const Value& s, const Value& v, const std::string& ptr) {
    if (matches_type(s, v)) return true;
    const Value* t = s.find("type");
    std::string expected;
    if (t->is_string()) {
      expected = article_type(t->as_string());
    } else {
      for (const auto& one : t->as_list())
        if (one.is_string()) expected += (expected.empty() ? "" : " or ") + article_type(one.as_string());
    }
    add(ptr, what(ptr) + " must be " + expected + ", not " + kind_of(v));
    return false;
  }

  void check_enum(const Value& e, const Value& v, const std::string& ptr) {
    std::vector<std::string> options;
    for (const auto& option : e.as_list()) {
      if (option == v) return;
      options.push_back(quote_json(option));
    }
    std::string message = what(ptr) + " must be one of ";
    for (std::size_t i = 0; i < options.size(); ++i) message += (i ? ", " : "") + options[i];
    message += " (found " + quote_json(v);
    auto guess = closest(quote_json(v), options);
    if (!guess.empty()) message += "; did you mean " + guess + "?";
    add(ptr, message + ")");
  }

  void check_object(const Value& s, const Value& v, const std::string& ptr) {
    if (const Value* req = s.find("required"); req && req->is_list())
      for (const auto& name : req->as_list())
        if (name.is_string() && !v.find(name.as_string()))
          add(ptr, what(ptr) + " is missing the required property '" + name.as_string() + "'");
    if (const Value* min = s.find("minProperties"); min && min->is_int() &&
                                                     static_cast<std::int64_t>(v.members().size()) < min->as_int())
      add(ptr, what(ptr) + " must have at least " + std::to_string(min->as_int()) + " member" +
                   (min->as_int() == 1 ? "" : "s"));
    const Value* props = s.find("properties");
    const Value* patterns = s.find("patternProperties");
    const Value* additional = s.find("additionalProperties");
    for (const auto& [key, child] : v.members()) {
      std::string child_ptr = ptr + "/" + json_pointer_escape(key);
      bool known = false;
      if (props && props->is_object())
        if (const Value* sub = props->find(key)) {
          known = true;
          check(*sub, child, child_ptr);
        }
      if (patterns && patterns->is_object())
        for (const auto& [pattern, sub] : patterns->members())
          if (regex_search(pattern, key)) {
            known = true;
            check(sub, child, child_ptr);
          }
      if (known || !additional) continue;
      // {"not": {}} means false: RapidJSON 1.1 crashes on patternProperties next to
      // "additionalProperties": false, so the schema spells it this way.
      bool forbidden = (additional->is_bool() && !additional->as_bool()) ||
                       (additional->is_object() && (*additional)["not"].is_object() &&
                        (*additional)["not"].members().empty());
      if (forbidden) {
        std::vector<std::string> names;
        if (props && props->is_object())
          for (const auto& m : props->members()) names.push_back(m.first);
        if (!names.empty())
          add(child_ptr, "unknown property '" + key + "' " + known_hint(key, names, "allowed here"), true);
        else
          add(child_ptr, "'" + key + "' is not a valid " + name_kind(ptr), true);
      } else if (additional->is_object()) {
        check(*additional, child, child_ptr);
      }
    }
    if (const Value* deps = s.find("dependencies"); deps && deps->is_object())
      for (const auto& [key, dep] : deps->members()) {
        if (!v.find(key)) continue;
        if (dep.is_list()) {
          for (const auto& needed : dep.as_list())
            if (needed.is_string() && !v.find(needed.as_string()))
              add(ptr + "/" + json_pointer_escape(key),
                  "'" + key + "' is only allowed together with '" + needed.as_string() + "'", true);
        } else {
          check(dep, v, ptr);
        }
      }
  }

  void check_array(const Value& s, const Value& v, const std::string& ptr) {
    const auto& items = v.as_list();
    if (const Value* min = s.find("minItems"); min && min->is_int() && static_cast<std::int64_t>(items.size()) < min->as_int())
      add(ptr, what(ptr) + " must have at least " + std::to_string(min->as_int()) + " item" +
                   (min->as_int() == 1 ? "" : "s"));
    if (const Value* max = s.find("maxItems"); max && max->is_int() && static_cast<std::int64_t>(items.size()) > max->as_int())
      add(ptr, what(ptr) + " must have at most " + std::to_string(max->as_int()) + " items");
    if (const Value* unique = s.find("uniqueItems"); unique && unique->is_bool() && unique->as_bool())
      for (std::size_t i = 1; i < items.size(); ++i)
        for (std::size_t j = 0; j < i; ++j)
          if (items[i] == items[j]) {
            add(ptr + "/" + std::to_string(i), quote_json(items[i]) + " is listed twice in " + what(ptr));
            break;
          }
    if (const Value* item_schema = s.find("items"); item_schema && item_schema->is_object())
      for (std::size_t i = 0; i < items.size(); ++i) check(*item_schema, items[i], ptr + "/" + std::to_string(i));
  }

  void check_string(const Value& s, const Value& v, const std::string& ptr) {
    const auto& text = v.as_string();
    if (const Value* min = s.find("minLength"); min && min->is_int() && static_cast<std::int64_t>(text.size()) < min->as_int()) {
      add(ptr, what(ptr) + (min->as_int() == 1 ? " must not be empty" : " is too short"));
      return;
    }
    if (const Value* pattern = s.find("pattern"); pattern && pattern->is_string() && !regex_search(pattern->as_string(), text)) {
      std::string message = what(ptr) + " " + quote_json(v) + " is not valid";
      if (const Value* d = s.find("description"); d && d->is_string() && !d->as_string().empty()) {
        std::string expected = d->as_string();
        expected[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(expected[0])));
        if (expected.back() == '.') expected.pop_back();
        message += ": expected " + expected;
      }
      else message += ": it must match " + pattern->as_string();
      add(ptr, message);
    }
  }

  void check_number(const Value& s, const Value& v, const std::string& ptr) {
    double x = v.as_number();
    if (const Value* min = s.find("minimum"); min && min->is_number() && x < min->as_number())
      add(ptr, what(ptr) + " must be at least " + quote_json(*min) + " (found " + quote_json(v) + ")");
    if (const Value* max = s.find("maximum"); max && max->is_number() && x > max->as_number())
      add(ptr, what(ptr) + " must be at most " + quote_json(*max) + " (found " + quote_json(v) + ")");
  }

  void check_alternatives(const Value& branches, const Value& v, const std::string& ptr, bool exactly_one) {
    std::vector<std::vector<SchemaProblem>> results;
    std::vector<std::string> titles, matched;
    std::vector<std::size_t> type_compatible;
    for (const auto& branch : branches.as_list()) {
      std::vector<SchemaProblem> problems;
      Checker(root_, problems).check(branch, v, ptr);
      std::string title = branch.find("title") && branch["title"].is_string() ? branch["title"].as_string()
                                                                              : "alternative " + std::to_string(results.size() + 1);
      if (problems.empty()) matched.push_back(title);
      if (matches_type(resolve(branch), v)) type_compatible.push_back(results.size());
      titles.push_back(title);
      results.push_back(std::move(problems));
    }
    auto list = [](const std::vector<std::string>& names) {
      std::string out;
      for (std::size_t i = 0; i < names.size(); ++i) out += (i ? ", " : "") + names[i];
      return out;
    };
    if (matched.empty()) {
      // One branch of the right JSON type: its own errors say more than "matches none".
      if (type_compatible.size() == 1) {
        for (auto& p : results[type_compatible.front()]) out_.push_back(std::move(p));
        return;
      }
      add(ptr, what(ptr) + " must be " + (exactly_one ? "exactly one of: " : "one of: ") + list(titles) +
                   " (it is none of them)");
    } else if (exactly_one && matched.size() > 1) {
      add(ptr, what(ptr) + " must be exactly one of: " + list(titles) + " (it is several: " + list(matched) + ")");
    }
  }

  const Value& root_;
  std::vector<SchemaProblem>& out_;
};

}  // namespace

bool check_schema(std::string_view text, const Value& doc, std::vector<SchemaProblem>& problems) {
  const auto& schema = compiled_schema();
  if (!schema.error.empty()) {
    problems.push_back({"", schema.error, false});
    return false;
  }
  std::size_t before = problems.size();
  Checker(schema.value, problems).check(schema.value, doc, "");
  if (problems.size() != before) return true;

  // The collecting walk found nothing: RapidJSON has the last word on what it does not cover.
  rapidjson::Document document;
  document.Parse(text.data(), text.size());
  if (document.HasParseError()) return true;
  rapidjson::SchemaValidator validator(*schema.validator);
  if (document.Accept(validator)) return true;
  rapidjson::StringBuffer doc_ptr, schema_ptr;
  validator.GetInvalidDocumentPointer().Stringify(doc_ptr);
  validator.GetInvalidSchemaPointer().StringifyUriFragment(schema_ptr);
  std::string pointer = doc_ptr.GetString();
  problems.push_back({pointer,
                      "does not follow the workflow schema (keyword '" + std::string(validator.GetInvalidSchemaKeyword()) +
                          "' at " + schema_ptr.GetString() + ")",
                      false});
  return true;
}

}  // namespace cohort::loader::details
