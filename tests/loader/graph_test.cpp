#include <gtest/gtest.h>

#include "loader/loader.hpp"
#include "model/graph.hpp"

namespace {

constexpr const char* kSmall = R"({
  "id": "offer", "version": 1, "initial": "offered",
  "data": { "type": "object", "properties": { "score": { "type": "number" }, "expires": { "type": "string", "format": "date-time" } } },
  "states": {
    "offered": {
      "on": {
        "offer.accepted": [ { "if": "data.score >= 70 && data.score <= 100 && data.score != 85", "target": "accepted" },
                            { "target": "declined" } ],
        "offer.declined": { "target": "declined" },
        "ping": { "do": [] }
      },
      "after": [ { "delay": "P1DT12H", "target": "expired" }, { "at": "data.expires", "target": "expired" } ]
    },
    "accepted": { "type": "final" },
    "declined": { "type": "final" },
    "expired": { "type": "final" }
  }
})";

std::shared_ptr<const cohort::model::Definition> small() {
  std::vector<cohort::loader::Diagnostic> diagnostics;
  auto def = cohort::loader::load_definition_text(kSmall, "offer.json", {}, diagnostics);
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.front().format();
  return def;
}

TEST(Graph, MermaidStateDiagram) {
  auto def = small();
  ASSERT_NE(def, nullptr);
  // Edges come per event type in the handlers' order (by interned id), so compare as a set of lines.
  std::string text = cohort::model::to_mermaid(*def);
  EXPECT_EQ(text.rfind("stateDiagram-v2\n  [*] --> offered\n", 0), 0u) << text;
  for (const char* line : {"  offered --> accepted : offer.accepted [data.score >= 70 && data.scor...]\n",
                           "  offered --> declined : offer.accepted\n", "  offered --> declined : offer.declined\n",
                           "  offered --> expired : after(P1DT12H)\n", "  offered --> expired : after(data.expires)\n",
                           "  accepted --> [*]\n", "  declined --> [*]\n", "  expired --> [*]\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line << "in\n" << text;
  EXPECT_EQ(text.find("ping"), std::string::npos) << "a transition without target is not an edge";
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 10);
}

TEST(Graph, DotDigraph) {
  auto def = small();
  ASSERT_NE(def, nullptr);
  std::string text = cohort::model::to_dot(*def);
  EXPECT_EQ(text.rfind("digraph \"offer\" {\n  rankdir=LR;\n", 0), 0u) << text;
  for (const char* line : {"  __start -> \"offered\";\n", "  \"accepted\" [peripheries=2];\n",
                           "  \"offered\" -> \"expired\" [label=\"after(P1DT12H)\"];\n",
                           "  \"offered\" -> \"accepted\" [label=\"offer.accepted [data.score >= 70 && data.scor...]\"];\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line << "in\n" << text;
  EXPECT_EQ(text.substr(text.size() - 2), "}\n");
}

}  // namespace
