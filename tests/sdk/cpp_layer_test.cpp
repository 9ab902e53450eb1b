// The C++ layer seen from the engine's side: only the C entry is used, as the host would.
#include <gtest/gtest.h>

#include <cohort/cpp/plugin.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

class Probe : public cohort::sdk::Plugin {
 public:
  Probe() {
    // The host is usable from the constructor.
    if (host().config().find("\"fail_ctor\"") != std::string_view::npos) throw std::runtime_error("ctor says no");
  }
  cohort::sdk::Result on_init() override {
    if (host().config().find("\"fail_init\"") != std::string_view::npos)
      return cohort::sdk::Result::error("init refused: missing api_key");
    host().info("ready");
    return cohort::sdk::Result::ok();
  }
  cohort::sdk::Result on_call(std::string_view op, std::string_view args,
                              const cohort::sdk::CallContext& ctx) override {
    if (op == "probe.key") return cohort::sdk::Result::ok("\"" + std::string(ctx.idempotency_key) + "\"");
    if (op == "probe.echo") return cohort::sdk::Result::ok(std::string(args));
    if (op == "probe.throw") throw std::runtime_error("database unreachable");
    if (op == "probe.throw_int") throw 42;
    if (op == "probe.emit") {
      return host().emit(R"({"type":"probe.done"})") == cohort::sdk::Status::Ok ? cohort::sdk::Result::ok()
                                                                                : cohort::sdk::Result::error("emit");
    }
    return cohort::sdk::Result::unknown_operation(op);
  }
  cohort::sdk::Status on_event(std::string_view event) override {
    if (event.find("bad") != std::string_view::npos) throw std::logic_error("bad event");
    return cohort::sdk::Status::Ok;
  }
};

}  // namespace

COHORT_PLUGIN(Probe,
              .id = "org.example.probe",
              .name = "Probe",
              .vendor = "Tests",
              .version = "0.3.1",
              .description = "exercises the C++ layer",
              .operations = {{"probe.key", "returns the idempotency key"},
                             {"probe.echo", "returns its arguments"},
                             {"probe.throw", "throws"}},
              .subscribes = {"a.b", "*"})

namespace {

std::string_view view(cohort_string_t s) { return {s.data, s.size}; }

struct Sink {
  std::string text;
  cohort_buffer_t c{sizeof(cohort_buffer_t), this,
                    [](const cohort_buffer_t* b, const char* d, size_t n) {
                      static_cast<Sink*>(b->host_data)->text.append(d, n);
                      return true;
                    },
                    [](const cohort_buffer_t* b) { static_cast<Sink*>(b->host_data)->text.clear(); }};
};

struct FakeHost {
  std::string config = "{}";
  std::string dir = "/tmp/probe";
  std::vector<std::string> logs, emitted;
  cohort_host_t c{};
  FakeHost() {
    c.struct_size = sizeof(cohort_host_t);
    c.abi = COHORT_ABI_VERSION_INIT;
    c.host_data = this;
    c.name = COHORT_STR("test");
    c.version = COHORT_STR("0");
    c.log = [](const cohort_host_t* h, cohort_log_level_t, cohort_string_t m) {
      static_cast<FakeHost*>(h->host_data)->logs.emplace_back(view(m));
    };
    c.emit = [](const cohort_host_t* h, cohort_string_t e) -> cohort_status_t {
      static_cast<FakeHost*>(h->host_data)->emitted.emplace_back(view(e));
      return COHORT_STATUS_OK;
    };
    c.config = [](const cohort_host_t* h) {
      auto* self = static_cast<FakeHost*>(h->host_data);
      return cohort_string_t{self->config.data(), self->config.size()};
    };
    c.data_dir = [](const cohort_host_t* h) {
      auto* self = static_cast<FakeHost*>(h->host_data);
      return cohort_string_t{self->dir.data(), self->dir.size()};
    };
    c.get_extension = [](const cohort_host_t*, cohort_string_t) -> const void* { return nullptr; };
  }
};

struct Instance {
  const cohort_plugin_t* p;
  explicit Instance(const FakeHost& h) : p(cohort_plugin_entry.create(&h.c)) {}
  ~Instance() {
    if (p) p->destroy(p);
  }
  cohort_status_t call(std::string_view op, std::string_view args, Sink& out, Sink& msg,
                       std::string_view key = "i1/s1/1") {
    cohort_call_context_t ctx{sizeof(ctx), COHORT_STR("i1"), COHORT_STR("s1"), 1, {key.data(), key.size()}, 0, 0};
    return p->call(p, {op.data(), op.size()}, {args.data(), args.size()}, &ctx, &out.c, &msg.c);
  }
};

TEST(CppLayer, EntryCarriesTheAbiVersionAndTheDescriptor) {
  EXPECT_EQ(cohort_plugin_entry.struct_size, sizeof(cohort_plugin_entry_t));
  EXPECT_EQ(cohort_plugin_entry.abi.major, 1u);
  EXPECT_EQ(cohort_plugin_entry.abi.minor, 0u);
  ASSERT_TRUE(cohort_plugin_entry.init(COHORT_STR("/x/probe.so")));
  const cohort_plugin_descriptor_t* d = cohort_plugin_entry.get_descriptor();
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(view(d->id), "org.example.probe");
  EXPECT_EQ(view(d->version), "0.3.1");
  EXPECT_EQ(view(d->vendor), "Tests");
  ASSERT_EQ(d->operation_count, 3u);
  EXPECT_EQ(view(d->operations[1]->name), "probe.echo");
  EXPECT_EQ(view(d->operations[1]->description), "returns its arguments");
  ASSERT_EQ(d->subscribe_count, 2u);
  EXPECT_EQ(view(d->subscribes[1]), "*");
  cohort_plugin_entry.deinit();
}

TEST(CppLayer, CallReturnsResultJsonAndSeesTheIdempotencyKey) {
  FakeHost host;
  Instance inst(host);
  Sink msg, out;
  ASSERT_EQ(inst.p->init(inst.p, &msg.c), COHORT_STATUS_OK);
  EXPECT_EQ(host.logs, std::vector<std::string>{"ready"});
  EXPECT_EQ(inst.call("probe.key", "{}", out, msg, "app-7/check/2"), COHORT_STATUS_OK);
  EXPECT_EQ(out.text, "\"app-7/check/2\"");
  out.text.clear();
  EXPECT_EQ(inst.call("probe.echo", R"({"a":[1,2]})", out, msg), COHORT_STATUS_OK);
  EXPECT_EQ(out.text, R"({"a":[1,2]})");
}

TEST(CppLayer, ExceptionsBecomeErrorStatusWithWhat) {
  FakeHost host;
  Instance inst(host);
  Sink msg, out;
  ASSERT_EQ(inst.p->init(inst.p, &msg.c), COHORT_STATUS_OK);
  EXPECT_EQ(inst.call("probe.throw", "{}", out, msg), COHORT_STATUS_ERROR);
  EXPECT_EQ(msg.text, "database unreachable");
  EXPECT_TRUE(out.text.empty());
  msg.text.clear();
  EXPECT_EQ(inst.call("probe.throw_int", "{}", out, msg), COHORT_STATUS_ERROR);
  EXPECT_EQ(msg.text, "unknown exception");
  msg.text.clear();
  EXPECT_EQ(inst.p->on_event(inst.p, COHORT_STR("{\"type\":\"bad\"}"), &msg.c), COHORT_STATUS_ERROR);
  EXPECT_EQ(msg.text, "bad event");
}

TEST(CppLayer, UnknownOperationIsReportedAsSuch) {
  FakeHost host;
  Instance inst(host);
  Sink msg, out;
  ASSERT_EQ(inst.p->init(inst.p, &msg.c), COHORT_STATUS_OK);
  EXPECT_EQ(inst.call("probe.nope", "{}", out, msg), COHORT_STATUS_UNKNOWN_OPERATION);
  EXPECT_NE(msg.text.find("probe.nope"), std::string::npos);
}

TEST(CppLayer, InitFailureAndThrowingConstructorCarryTheMessage) {
  FakeHost host;
  host.config = R"({"fail_init":true})";
  {
    Instance inst(host);
    Sink msg;
    EXPECT_EQ(inst.p->init(inst.p, &msg.c), COHORT_STATUS_ERROR);
    EXPECT_EQ(msg.text, "init refused: missing api_key");
  }
  host.config = R"({"fail_ctor":true})";
  {
    Instance inst(host);
    Sink msg, out;
    EXPECT_EQ(inst.p->init(inst.p, &msg.c), COHORT_STATUS_ERROR);
    EXPECT_EQ(msg.text, "ctor says no");
    // A plugin whose init failed refuses calls instead of crashing.
    msg.text.clear();
    EXPECT_EQ(inst.call("probe.echo", "{}", out, msg), COHORT_STATUS_ERROR);
  }
}

TEST(CppLayer, EmitGoesThroughTheHost) {
  FakeHost host;
  Instance inst(host);
  Sink msg, out;
  ASSERT_EQ(inst.p->init(inst.p, &msg.c), COHORT_STATUS_OK);
  EXPECT_EQ(inst.call("probe.emit", "{}", out, msg), COHORT_STATUS_OK);
  EXPECT_EQ(host.emitted, std::vector<std::string>{R"({"type":"probe.done"})"});
}

TEST(CppLayer, OlderHostWithShorterVtableGetsDefaultsNotACrash) {
  FakeHost host;
  host.c.struct_size = offsetof(cohort_host_t, emit);  // an engine that only knew log()
  cohort::sdk::Host h(&host.c);
  EXPECT_EQ(h.emit("{}"), cohort::sdk::Status::Unsupported);
  EXPECT_EQ(h.config(), "{}");
  EXPECT_EQ(h.data_dir(), "");
  EXPECT_EQ(h.run_dir(), "");
  h.info("still logs");
  EXPECT_EQ(host.logs, std::vector<std::string>{"still logs"});
}

TEST(CppLayer, AbiCompatibilityRule) {
  cohort_abi_version_t engine{1, 2, 0};
  EXPECT_TRUE(cohort_abi_is_compatible(engine, cohort_abi_version_t{1, 0, 9}));
  EXPECT_TRUE(cohort_abi_is_compatible(engine, cohort_abi_version_t{1, 2, 0}));
  EXPECT_FALSE(cohort_abi_is_compatible(engine, cohort_abi_version_t{1, 3, 0}));
  EXPECT_FALSE(cohort_abi_is_compatible(engine, cohort_abi_version_t{2, 0, 0}));
  EXPECT_FALSE(cohort_abi_is_compatible(engine, cohort_abi_version_t{0, 2, 0}));
}

}  // namespace
