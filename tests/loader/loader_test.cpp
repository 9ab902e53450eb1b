#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/schema.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "loader/loader.hpp"
#include "value/json.hpp"

namespace {

namespace fs = std::filesystem;
using cohort::loader::Diagnostic;
using cohort::loader::DiagnosticKind;
using cohort::loader::LoadOptions;
using cohort::model::Definition;

const fs::path kDir = fs::path(COHORT_TEST_DIR) / "loader";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string all(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) out += d.format() + "\n";
  return out;
}

std::shared_ptr<const Definition> load_participant(std::vector<Diagnostic>& diagnostics) {
  auto defs = cohort::loader::load_definitions(
      {(kDir / "good" / "participant.json").string(), (kDir / "good" / "programme.json").string()}, LoadOptions{},
      diagnostics);
  return defs.at(0);
}

const cohort::model::Transition& only_transition(const cohort::model::State& s, std::string_view type) {
  const auto* h = s.handlers_for(cohort::event_type_id(type));
  EXPECT_NE(h, nullptr) << type;
  return h->transitions.at(0);
}

TEST(Loader, GoodDefinitionsLoadTogetherWithoutDiagnostics) {
  std::vector<Diagnostic> diagnostics;
  auto defs = cohort::loader::load_definitions(
      {(kDir / "good" / "participant.json").string(), (kDir / "good" / "programme.json").string()}, LoadOptions{},
      diagnostics);
  EXPECT_EQ(all(diagnostics), "");
  ASSERT_EQ(defs.size(), 2u);
  ASSERT_NE(defs[0], nullptr);
  ASSERT_NE(defs[1], nullptr);
  EXPECT_EQ(defs[0]->id, "participant");
  EXPECT_EQ(defs[1]->id, "programme");
  EXPECT_EQ(defs[0]->file, (kDir / "good" / "participant.json").string());
}

TEST(Loader, StatesKeepTheFileOrderAndTheHeaderIsRead) {
  std::vector<Diagnostic> diagnostics;
  auto def = load_participant(diagnostics);
  ASSERT_NE(def, nullptr) << all(diagnostics);
  std::vector<std::string> names;
  for (const auto& s : def->states) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"submitted", "under_review", "offered", "incident_review", "accepted",
                                             "ineligible", "rejected", "declined", "offer_expired", "withdrawn",
                                             "certified"}));
  EXPECT_EQ(def->initial, 0);
  EXPECT_EQ(def->version, 3);
  EXPECT_EQ(def->correlation, "applicant_id");
  EXPECT_TRUE(def->starts_on("application.submitted"));
  EXPECT_FALSE(def->states[def->state_index("offered")].final);
  EXPECT_TRUE(def->states[def->state_index("certified")].final);
  EXPECT_TRUE(def->data_schema.is_object());
  EXPECT_EQ(def->event_schemas.count("application.checked"), 1u);
  EXPECT_EQ(def->states[0].where.line, 28);
  EXPECT_EQ(def->states[0].where.pointer, "/states/submitted");
}

TEST(Loader, HandlersAreSortedByEventTypeIdAndTargetsResolved) {
  std::vector<Diagnostic> diagnostics;
  auto def = load_participant(diagnostics);
  ASSERT_NE(def, nullptr) << all(diagnostics);
  for (const auto& s : def->states)
    for (std::size_t i = 1; i < s.on.size(); ++i) EXPECT_LT(s.on[i - 1].event_type_id, s.on[i].event_type_id) << s.name;

  const auto& submitted = def->states[0];
  const auto* checked = submitted.handlers_for(cohort::event_type_id("application.checked"));
  ASSERT_NE(checked, nullptr);
  ASSERT_EQ(checked->transitions.size(), 2u);
  EXPECT_EQ(checked->transitions[0].target, def->state_index("under_review"));
  EXPECT_FALSE(checked->transitions[0].guard.empty());
  EXPECT_EQ(checked->transitions[0].guard.type(), cohort::expr::Type::Bool);
  EXPECT_EQ(checked->transitions[1].target, def->state_index("ineligible"));
  EXPECT_TRUE(checked->transitions[1].guard.empty());
  EXPECT_EQ(submitted.handlers_for(cohort::event_type_id("offer.accepted")), nullptr);

  // A transition without a target stays, running only its actions.
  const auto& scored = only_transition(def->states[def->state_index("under_review")], "review.scored");
  EXPECT_EQ(scored.target, -1);
  ASSERT_EQ(scored.actions.size(), 1u);
  const auto& set = std::get<cohort::model::SetAction>(scored.actions[0].body);
  ASSERT_EQ(set.fields.size(), 1u);
  EXPECT_EQ(set.fields[0].path, (std::vector<std::string>{"score"}));
}

TEST(Loader, TimersAndActionsCarryTheirSettings) {
  std::vector<Diagnostic> diagnostics;
  auto def = load_participant(diagnostics);
  ASSERT_NE(def, nullptr) << all(diagnostics);
  const auto& offered = def->states[def->state_index("offered")];
  ASSERT_EQ(offered.after.size(), 2u);
  EXPECT_EQ(offered.after[0].delay_ms, 14LL * 24 * 3600 * 1000);
  EXPECT_TRUE(offered.after[0].at.empty());
  EXPECT_EQ(offered.after[0].transition.target, def->state_index("offer_expired"));
  EXPECT_FALSE(offered.after[1].delay_ms.has_value());
  EXPECT_EQ(offered.after[1].at.text(), "data.offer_expires_at");
  EXPECT_EQ(offered.after[1].at.type(), cohort::expr::Type::Time);
  EXPECT_FALSE(offered.after[1].transition.guard.empty());

  ASSERT_EQ(offered.entry.size(), 1u);
  const auto& call = std::get<cohort::model::CallAction>(offered.entry[0].body);
  EXPECT_EQ(call.operation, "documents.render");
  EXPECT_EQ(call.retry.attempts, 3);
  EXPECT_EQ(call.retry.backoff_ms, 60000);
  EXPECT_DOUBLE_EQ(call.retry.multiplier, 2.0);
  EXPECT_EQ(call.timeout_ms, 30000);
  EXPECT_EQ(call.on_error_state, def->state_index("incident_review"));
  EXPECT_EQ(offered.entry[0].where.pointer, "/states/offered/entry/0");

  const auto& declined = only_transition(offered, "offer.declined");
  const auto& emit = std::get<cohort::model::EmitAction>(declined.actions.at(0).body);
  EXPECT_EQ(emit.event_type, "seat.freed");
  EXPECT_EQ(emit.event_type_id, cohort::event_type_id("seat.freed"));
  EXPECT_EQ(emit.target, cohort::model::EmitTarget::Programme);
  EXPECT_FALSE(emit.data.empty());
  const auto& promote = only_transition(offered, "waitlist.promote");
  EXPECT_EQ(std::get<cohort::model::EmitAction>(promote.actions.at(0).body).target, cohort::model::EmitTarget::Self);

  // Defaults when a call says nothing.
  const auto& mail = std::get<cohort::model::CallAction>(def->states[0].entry.at(0).body);
  EXPECT_EQ(mail.retry.attempts, 1);
  EXPECT_EQ(mail.timeout_ms, 5000);
  EXPECT_EQ(mail.on_error_state, -1);
}

TEST(Loader, HashIsTheSha256OfTheCanonicalJson) {
  std::string text = read(kDir / "good" / "programme.json");
  std::vector<Diagnostic> diagnostics;
  auto a = cohort::loader::load_definition_text(text, "a.json", LoadOptions{}, diagnostics);
  ASSERT_NE(a, nullptr) << all(diagnostics);
  EXPECT_EQ(a->hash.size(), 64u);
  EXPECT_EQ(a->hash.find_first_not_of("0123456789abcdef"), std::string::npos);

  // The same definition written differently (key order, spacing) is the same version.
  cohort::Value v;
  cohort::JsonError error;
  ASSERT_TRUE(cohort::parse_json(text, v, error));
  auto b = cohort::loader::load_definition_text(cohort::to_pretty_json(v), "b.json", LoadOptions{}, diagnostics);
  ASSERT_NE(b, nullptr) << all(diagnostics);
  EXPECT_EQ(a->hash, b->hash);

  // Any change of content is a new version.
  v.set("description", cohort::Value("changed"));
  auto c = cohort::loader::load_definition_text(cohort::to_json(v), "c.json", LoadOptions{}, diagnostics);
  ASSERT_NE(c, nullptr) << all(diagnostics);
  EXPECT_NE(a->hash, c->hash);
}

TEST(Loader, UnreadableFileIsOneIoDiagnostic) {
  std::vector<Diagnostic> diagnostics;
  auto def = cohort::loader::load_definition((kDir / "good" / "no_such_file.json").string(), LoadOptions{}, diagnostics);
  EXPECT_EQ(def, nullptr);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].kind, DiagnosticKind::Io);
  EXPECT_EQ(diagnostics[0].format(),
            (kDir / "good" / "no_such_file.json").string() +
                ":1:1: error: cannot read the file (does it exist, and may it be read?)");
}

TEST(Loader, OperationsAreCheckedOnlyAgainstANonEmptyCatalog) {
  std::string text = read(kDir / "bad" / "unknown_operation.json");
  std::vector<Diagnostic> diagnostics;
  EXPECT_NE(cohort::loader::load_definition_text(text, "x.json", LoadOptions{}, diagnostics), nullptr);
  cohort::loader::PluginCatalog empty;
  LoadOptions options;
  options.plugins = &empty;
  EXPECT_NE(cohort::loader::load_definition_text(text, "x.json", options, diagnostics), nullptr);
  EXPECT_EQ(all(diagnostics), "");
  cohort::loader::PluginCatalog catalog{"mail.sned"};
  options.plugins = &catalog;
  EXPECT_NE(cohort::loader::load_definition_text(text, "x.json", options, diagnostics), nullptr);
}

constexpr const char* kEmitter = R"({
  "id": "participant", "version": 1, "initial": "a",
  "states": {
    "a": { "on": { "go": { "target": "b", "do": [ { "emit": "seat.freed" }, { "emit": "nudge", "to": "=data.buddy" } ] } } },
    "b": { "type": "final" }
  }
})";

constexpr const char* kReceiver = R"({
  "id": "programme", "version": 1, "initial": "open",
  "states": {
    "open": { "on": { "seat.freed": { "do": [] }, "nudge": { "do": [] }, "done": { "target": "closed" } } },
    "closed": { "type": "final" }
  }
})";

TEST(Loader, EmitsAreCheckedAgainstDefinitionsLoadedBefore) {
  std::vector<Diagnostic> diagnostics;
  auto receiver = cohort::loader::load_definition_text(kReceiver, "programme.json", LoadOptions{}, diagnostics);
  ASSERT_NE(receiver, nullptr) << all(diagnostics);
  LoadOptions options;
  options.others.push_back(receiver);
  EXPECT_NE(cohort::loader::load_definition_text(kEmitter, "participant.json", options, diagnostics), nullptr);
  EXPECT_EQ(all(diagnostics), "");

  // A programme that does not handle "seat.freed" and nobody handling "nudge".
  std::string deaf = kReceiver;
  deaf.replace(deaf.find("\"seat.freed\""), 12, "\"seat.taken\"");
  deaf.replace(deaf.find("\"nudge\""), 7, "\"nodge\"");
  auto other = cohort::loader::load_definition_text(deaf, "programme.json", LoadOptions{}, diagnostics);
  ASSERT_NE(other, nullptr) << all(diagnostics);
  options.others = {other};
  EXPECT_EQ(cohort::loader::load_definition_text(kEmitter, "participant.json", options, diagnostics), nullptr);
  ASSERT_EQ(diagnostics.size(), 2u) << all(diagnostics);
  EXPECT_EQ(diagnostics[0].format(),
            "participant.json:4:61: error: the definition 'programme' does not handle the event 'seat.freed' emitted to "
            "\"programme\" (handled there: done, nodge, seat.taken): add a transition for it there or emit an event it "
            "handles (at /states/a/on/go/do/0/emit)");
  EXPECT_EQ(diagnostics[1].format(),
            "participant.json:4:87: error: no loaded definition handles the event 'nudge' emitted to \"=data.buddy\" "
            "(handled there: done, go, nodge, seat.taken; did you mean 'nodge'?): add a transition for it there or emit "
            "an event it handles (at /states/a/on/go/do/1/emit)");
}

TEST(Loader, EmitsToAnUnloadedReceiverAreNotChecked) {
  // With no programme definition known, nothing can be said about what it handles.
  std::vector<Diagnostic> diagnostics;
  EXPECT_NE(cohort::loader::load_definition_text(kEmitter, "participant.json", LoadOptions{}, diagnostics), nullptr);
  EXPECT_EQ(all(diagnostics), "");
}

TEST(Loader, TwoDefinitionsWithOneIdAreRefused) {
  std::vector<Diagnostic> diagnostics;
  auto defs = cohort::loader::load_definition_texts({{"one.json", kReceiver}, {"two.json", kReceiver}}, LoadOptions{},
                                                    diagnostics);
  ASSERT_EQ(defs.size(), 2u);
  EXPECT_NE(defs[0], nullptr);
  EXPECT_EQ(defs[1], nullptr);
  ASSERT_EQ(diagnostics.size(), 1u) << all(diagnostics);
  EXPECT_EQ(diagnostics[0].format(),
            "two.json:2:9: error: another definition loaded together has the id 'programme' (one.json): give each "
            "definition its own id (at /id)");
}

TEST(Loader, SyntaxErrorIsTheOnlyDiagnosticAndHasNoPointer) {
  std::vector<Diagnostic> diagnostics;
  EXPECT_EQ(cohort::loader::load_definition_text("{\"id\": \"x\",\n \"version\": tru }", "x.json", LoadOptions{},
                                                 diagnostics),
            nullptr);
  ASSERT_EQ(diagnostics.size(), 1u);
  EXPECT_EQ(diagnostics[0].kind, DiagnosticKind::Syntax);
  EXPECT_EQ(diagnostics[0].line, 2);
  EXPECT_EQ(diagnostics[0].format().find("(at "), std::string::npos);
}

TEST(Schema, IsDraft04ThatRapidJsonAcceptsAndAgreesWithOnTheCorpus) {
  const std::string& text = cohort::loader::workflow_schema_text();
  ASSERT_FALSE(text.empty());
  rapidjson::Document schema_doc;
  schema_doc.Parse(text.data(), text.size());
  ASSERT_FALSE(schema_doc.HasParseError());
  EXPECT_STREQ(schema_doc["$schema"].GetString(), "http://json-schema.org/draft-04/schema#");
  rapidjson::SchemaDocument schema(schema_doc);

  auto valid = [&schema](const fs::path& file) {
    std::string json = read(file);
    rapidjson::Document doc;
    doc.Parse(json.data(), json.size());
    rapidjson::SchemaValidator validator(schema);
    return doc.Accept(validator);
  };
  EXPECT_TRUE(valid(kDir / "good" / "participant.json"));
  EXPECT_TRUE(valid(kDir / "good" / "programme.json"));
  EXPECT_FALSE(valid(kDir / "bad" / "schema_version_type.json"));
  EXPECT_FALSE(valid(kDir / "bad" / "schema_unknown_property.json"));
  EXPECT_FALSE(valid(kDir / "bad" / "schema_missing_states.json"));
  EXPECT_FALSE(valid(kDir / "bad" / "action_two_kinds.json"));
  EXPECT_FALSE(valid(kDir / "bad" / "bad_duration.json"));
}

TEST(Schema, EveryPropertyHasADescriptionForEditors) {
  cohort::Value schema;
  cohort::JsonError error;
  ASSERT_TRUE(cohort::parse_json(cohort::loader::workflow_schema_text(), schema, error));
  std::vector<std::string> missing;
  std::function<void(const cohort::Value&, const std::string&)> walk = [&](const cohort::Value& s, const std::string& ptr) {
    if (!s.is_object()) return;
    if (const auto* props = s.find("properties"))
      for (const auto& [name, sub] : props->members()) {
        if (sub.is_object() && !sub.find("description") && name != "$schema") missing.push_back(ptr + "/" + name);
        walk(sub, ptr + "/" + name);
      }
    if (const auto* defs = s.find("definitions"))
      for (const auto& [name, sub] : defs->members()) walk(sub, ptr + "/definitions/" + name);
  };
  walk(schema, "");
  EXPECT_TRUE(missing.empty()) << missing.front();
}

}  // namespace
