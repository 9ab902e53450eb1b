// Expression evaluation: the per-event cost of guards and templates (compiled once, outside the loop).
#include <benchmark/benchmark.h>

#include <vector>

#include "expr/expression.hpp"
#include "value/json.hpp"

namespace {

using namespace cohort;

Value parse(const char* text) {
  Value v;
  JsonError error;
  parse_json(text, v, error);
  return v;
}

void BM_GuardEvaluate(benchmark::State& state) {
  expr::Expression guard;
  std::vector<expr::Diagnostic> diags;
  if (!expr::compile("data.age >= 25 && data.nationality in programme.countries && data.degree != 'none'", {},
                     guard, diags)) {
    state.SkipWithError("guard did not compile");
    return;
  }
  Value data = parse(R"({"age": 31, "nationality": "VN", "degree": "master", "name": "Linh", "email": "l@x.org"})");
  Value programme = parse(R"({"countries": ["PT", "KE", "BR", "DE", "CL", "ID", "VN"], "name": "Fellows 2025"})");
  Value event = Value::object();
  expr::Scope scope{data, event, programme, Timestamp{1750000000000}};
  for (auto _ : state) benchmark::DoNotOptimize(guard.test(scope));
}
BENCHMARK(BM_GuardEvaluate);

void BM_TemplateRender(benchmark::State& state) {
  expr::Template tpl;
  std::vector<expr::TemplateDiagnostic> diags;
  Value json = parse(R"J({
    "template": "offer",
    "to": "=data.email",
    "vars": {"name": "=data.name", "deadline": "=now + days(14)", "programme": "=programme.name",
             "footer": {"lines": ["Cohort", "Do not reply"]}},
    "shortlist": "=append(data.shortlist ?? [], {id: event.applicant, score: event.score})"
  })J");
  if (!expr::compile_template(json, {}, tpl, diags)) {
    state.SkipWithError("template did not compile");
    return;
  }
  Value data = parse(R"({"name": "Linh", "email": "l@x.org", "shortlist": [{"id": "a0", "score": 7}]})");
  Value programme = parse(R"({"name": "Fellows 2025"})");
  Value event = parse(R"({"applicant": "a1", "score": 9})");
  expr::Scope scope{data, event, programme, Timestamp{1750000000000}};
  for (auto _ : state) benchmark::DoNotOptimize(tpl.render(scope));
}
BENCHMARK(BM_TemplateRender);

}  // namespace
