// `cohort validate` and `cohort graph`: what a workflow author sees at the terminal.
#include <gtest/gtest.h>

#include <regex>

#include "cli_support.hpp"

using namespace cohort::test;

namespace {

/// Every stderr line that is a located diagnostic for `file`, in order.
std::vector<std::string> diagnostics_for(const std::string& err, const std::string& file) {
  std::vector<std::string> out;
  for (const auto& line : lines_of(err))
    if (line.rfind(file + ":", 0) == 0) out.push_back(line);
  return out;
}

/// True when one of `lines` matches `pattern` as a whole.
bool any_matches(const std::vector<std::string>& lines, const std::string& pattern) {
  const std::regex re(pattern);
  for (const auto& l : lines)
    if (std::regex_match(l, re)) return true;
  return false;
}

// A small valid definition except for the `go` transition of `start`, always on line 7.
std::string definition_with(const std::string& go_transition, const std::string& extra_state = "") {
  return "{\n"
         "  \"id\": \"participant\",\n"
         "  \"version\": 1,\n"
         "  \"initial\": \"start\",\n"
         "  \"data\": { \"type\": \"object\", \"properties\": { \"name\": { \"type\": \"string\" } } },\n"
         "  \"states\": {\n"
         "    \"start\": { \"on\": { \"go\": " +
         go_transition +
         " } },\n"
         "    \"middle\": { \"on\": { \"next\": { \"target\": \"end\" } } },\n" +
         extra_state +
         "    \"end\": { \"type\": \"final\" }\n"
         "  }\n"
         "}\n";
}

}  // namespace

TEST(Validate, TheDefaultWorkflowsAreOkAndSaySo) {
  auto r = run_cohort({"validate", (kWorkflows / "participant.json").string(), (kWorkflows / "programme.json").string(),
                   "--plugin-dir", kPlugins.string()});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  auto lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.transcript();
  EXPECT_TRUE(contains(lines[0], "participant.json: ok (participant,")) << lines[0];
  EXPECT_TRUE(contains(lines[1], "programme.json: ok (programme,")) << lines[1];
  EXPECT_TRUE(contains(lines[0], "states, sha256 ")) << lines[0];
  EXPECT_EQ(r.err, "");
}

TEST(Validate, ASyntaxErrorIsLocatedOnItsLineAndColumn) {
  const auto dir = scratch_dir();
  const auto file = (dir / "syntax.json").string();
  write_file(file, "{\n  \"id\": \"participant\",\n  \"version\": 1,,\n  \"states\": {}\n}\n");
  auto r = run_cohort({"validate", "--no-plugins", file});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  auto diags = diagnostics_for(r.err, file);
  ASSERT_EQ(diags.size(), 1u) << r.transcript();
  // Not JSON: the one diagnostic of the file, and (by the format's contract) without a pointer.
  EXPECT_TRUE(std::regex_match(diags[0], std::regex(".*syntax\\.json:3:[0-9]+: error: invalid JSON.*"))) << diags[0];
  EXPECT_TRUE(contains(r.err, "1 error")) << r.err;
  EXPECT_FALSE(contains(r.out, ": ok")) << r.out;
}

TEST(Validate, AnUnknownTargetIsNamedWithASuggestionAndItsPointer) {
  const auto dir = scratch_dir();
  const auto file = (dir / "target.json").string();
  write_file(file, definition_with("{ \"target\": \"middel\" }"));
  auto r = run_cohort({"validate", "--no-plugins", file});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  auto diags = diagnostics_for(r.err, file);
  EXPECT_TRUE(any_matches(diags, ".*target\\.json:7:[0-9]+: error: unknown target state 'middel'.*"
                                 "did you mean 'middle'.* \\(at /states/start/on/go/target\\)"))
      << r.err;
}

TEST(Validate, AGuardOfTheWrongTypeIsReported) {
  const auto dir = scratch_dir();
  const auto file = (dir / "guard.json").string();
  write_file(file, definition_with("[ { \"if\": \"data.name > 3\", \"target\": \"middle\" }, { \"target\": \"end\" } ]"));
  auto r = run_cohort({"validate", "--no-plugins", file});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  auto diags = diagnostics_for(r.err, file);
  ASSERT_EQ(diags.size(), 1u) << r.transcript();
  EXPECT_TRUE(std::regex_match(diags[0], std::regex(".*guard\\.json:7:[0-9]+: error: .*cannot compare string with int.*"
                                                    " \\(at /states/start/on/go/0/if\\)")))
      << diags[0];
}

TEST(Validate, EveryErrorOfAFileIsPrintedNotJustTheFirst) {
  const auto dir = scratch_dir();
  const auto file = (dir / "several.json").string();
  // An unknown target, a guard syntax error, a month duration and an unreachable state.
  write_file(file, definition_with("[ { \"if\": \"data.name ===\", \"target\": \"middle\" }, { \"target\": \"midle\" } ]",
                                   "    \"island\": { \"after\": [ { \"delay\": \"P3M\", \"target\": \"end\" } ] },\n"));
  auto r = run_cohort({"validate", "--no-plugins", file});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  auto diags = diagnostics_for(r.err, file);
  ASSERT_GE(diags.size(), 4u) << r.transcript();
  const std::regex located(".*several\\.json:[0-9]+:[0-9]+: error: .+ \\(at /.*\\)");
  for (const auto& d : diags) EXPECT_TRUE(std::regex_match(d, located)) << d;
  EXPECT_TRUE(contains(r.err, "'midle'")) << r.err;
  EXPECT_TRUE(contains(r.err, "(at /states/start/on/go/0/if)")) << r.err;
  EXPECT_TRUE(contains(r.err, "\"P3M\"")) << r.err;
  EXPECT_TRUE(contains(r.err, "'island' is unreachable")) << r.err;
  EXPECT_TRUE(contains(r.err, std::to_string(diags.size()) + " errors")) << r.err;
}

TEST(Validate, GoodAndBadFilesTogetherReportBothAndFail) {
  const auto dir = scratch_dir();
  const auto good = (dir / "good.json").string();
  const auto bad = (dir / "bad.json").string();
  write_file(good, definition_with("{ \"target\": \"middle\" }"));
  std::string bad_text = definition_with("{ \"target\": \"nowhere\" }");
  bad_text.replace(bad_text.find("\"participant\""), 13, "\"other\"");
  write_file(bad, bad_text);
  auto r = run_cohort({"validate", "--no-plugins", good, bad});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.out, "good.json: ok (participant, 3 states")) << r.transcript();
  EXPECT_FALSE(contains(r.out, "bad.json: ok")) << r.transcript();
  EXPECT_TRUE(contains(r.err, "'nowhere'")) << r.transcript();
  EXPECT_TRUE(diagnostics_for(r.err, good).empty()) << r.transcript();
}

TEST(Validate, CallsAreCheckedAgainstThePluginsFound) {
  // Only the audit plugin: the participant's plugin calls are unknown operations.
  auto r = run_cohort({"validate", (kWorkflows / "participant.json").string(), "--plugin-dir", (kPlugins / "audit").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_TRUE(contains(r.err, "unknown plugin operation 'eligibility.check'")) << r.err;
  EXPECT_TRUE(contains(r.err, "(at /states/submitted/entry/0/call)")) << r.err;
  // --no-plugins turns that check off.
  auto off = run_cohort({"validate", (kWorkflows / "participant.json").string(), "--plugin-dir",
                     (kPlugins / "audit").string(), "--no-plugins"});
  EXPECT_EQ(off.exit_code, 0) << off.transcript();
}

TEST(Validate, AMissingFileIsAUsageError) {
  const auto dir = scratch_dir();
  auto r = run_cohort({"validate", (dir / "does-not-exist.json").string()});
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
  EXPECT_TRUE(contains(r.err, "does-not-exist.json")) << r.err;
  EXPECT_TRUE(contains(r.err, "not exist")) << r.err;
  auto none = run_cohort({"validate"});
  EXPECT_EQ(none.exit_code, 2) << none.transcript();
  EXPECT_TRUE(contains(none.err, "files is required")) << none.err;
}

TEST(Graph, MermaidIsAStateDiagramWithTheInitialArrow) {
  auto r = run_cohort({"graph", (kWorkflows / "participant.json").string()});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  auto lines = lines_of(r.out);
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[0], "stateDiagram-v2");
  EXPECT_TRUE(contains(r.out, "[*] --> draft")) << r.out;
  EXPECT_TRUE(contains(r.out, "draft --> submitted")) << r.out;
  // Final states lead out of the diagram.
  EXPECT_TRUE(contains(r.out, "withdrawn --> [*]")) << r.out;
  auto explicit_format = run_cohort({"graph", (kWorkflows / "participant.json").string(), "--format", "mermaid"});
  EXPECT_EQ(explicit_format.out, r.out);
}

TEST(Graph, DotIsADigraphWithEveryState) {
  auto r = run_cohort({"graph", (kWorkflows / "programme.json").string(), "--format", "dot"});
  ASSERT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_EQ(r.out.rfind("digraph", 0), 0u) << r.out;
  for (const char* state : {"planned", "call_open", "selection", "offers", "visas", "in_session", "closed", "archived"})
    EXPECT_TRUE(contains(r.out, std::string("\"") + state + "\"")) << state;
  EXPECT_TRUE(contains(r.out, "->")) << r.out;
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_TRUE(contains(r.out, "}")) << r.out;
}

TEST(Graph, AnUnknownFormatIsRejected) {
  auto r = run_cohort({"graph", (kWorkflows / "programme.json").string(), "--format", "svg"});
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
  EXPECT_TRUE(contains(r.err, "svg")) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(Graph, ABadDefinitionPrintsItsDiagnosticsAndNoGraph) {
  const auto dir = scratch_dir();
  const auto file = (dir / "bad.json").string();
  write_file(file, definition_with("{ \"target\": \"nowhere\" }"));
  auto r = run_cohort({"graph", file});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_EQ(r.out, "");
  EXPECT_TRUE(contains(r.err, "bad.json:7:")) << r.err;
}
