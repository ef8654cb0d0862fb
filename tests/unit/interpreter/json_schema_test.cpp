// The shape of the JSON Schemas generated from a program's declarations (the hostile test plan
// declares a fact of every case type; Partnership the shipped determination's records and lists).
// tests/json_schema_test.py validates real cases and determinations against them.
#include "interpreter/codec/json_schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "lang/loader.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
const fs::path k_root = SOP_SOURCE_DIR;

using Json = nlohmann::ordered_json;

std::unique_ptr<Program> load(const char* path) {
  LoadResult r = load_program((k_root / path).string());
  EXPECT_TRUE(r.ok()) << path;
  return std::move(r.program);
}

TEST(JsonSchema, CaseHasEveryFactTypedAndNullable) {
  auto p = load("tests/golden/hostile/_plan.sop");
  Json s = case_schema(*p);
  EXPECT_EQ(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
  EXPECT_EQ(s["$id"], "sop.case/1");
  EXPECT_EQ(s["additionalProperties"], false);
  EXPECT_FALSE(s.contains("required"));
  const Json& f = s["properties"];
  EXPECT_EQ(f["flag"]["type"], Json::parse(R"(["boolean","null"])"));
  EXPECT_EQ(f["flag"]["description"], "a flag");
  EXPECT_EQ(f["amount"]["type"], Json::parse(R"(["integer","null"])"));
  EXPECT_FALSE(f["amount"].contains("minimum"));
  EXPECT_EQ(f["small"]["minimum"], 0);
  EXPECT_EQ(f["small"]["maximum"], 10);
  EXPECT_EQ(f["small"]["default"], 5);
  EXPECT_FALSE(f["amount"].contains("default"));
  EXPECT_EQ(f["cal"]["default"], "us_federal");
  EXPECT_EQ(f["day"]["format"], "date");
  EXPECT_EQ(f["at"]["format"], "date-time");
  EXPECT_EQ(f["color"]["enum"], Json::parse(R"(["red","green","blue",null])"));
  EXPECT_EQ(f["colors"]["type"], Json::parse(R"(["array","null"])"));
  EXPECT_EQ(f["colors"]["uniqueItems"], true);
  EXPECT_EQ(f["colors"]["items"]["enum"], Json::parse(R"(["red","green","blue"])"));
  Json calendars = Json::array();
  for (const CalendarDef& c : p->calendars) calendars.push_back(c.name);
  calendars.push_back(nullptr);
  EXPECT_EQ(f["cal"]["enum"], calendars);
  // In declaration order, as the batch CSV template lists them.
  std::vector<std::string> keys;
  for (const auto& [k, _] : f.items()) keys.push_back(k);
  EXPECT_EQ(keys, case_field_names(*p));
}

TEST(JsonSchema, DeterminationHasTheOutputsInOrderAndTheEngineFields) {
  auto p = load("policies/partnership.sop");
  Json s = determination_schema(*p);
  EXPECT_EQ(s["$id"], "sop.determination/1");
  EXPECT_EQ(s["additionalProperties"], false);
  std::vector<std::string> required = s["required"];
  ASSERT_EQ(required.size(), p->outputs.size() + 3);
  for (size_t i = 0; i < p->outputs.size(); ++i)
    EXPECT_EQ(required[i], p->vars[p->outputs[i]].json);
  // The version that decided it (null for a plan without one), then the missing facts.
  size_t n = p->outputs.size();
  EXPECT_EQ(required[n], "version");
  EXPECT_EQ(required[n + 1], "version_from");
  EXPECT_EQ(required.back(), "missing_facts");
  const Json& o = s["properties"];
  EXPECT_TRUE(o.contains("trace"));  // optional: absent with --no-trace
  EXPECT_EQ(o["version"]["type"], Json::parse(R"(["string","null"])"));
  EXPECT_EQ(o["version_from"]["format"], "date");
  EXPECT_EQ(o["missing_facts"]["items"]["enum"].size(), p->facts.size());
  // A record is an object of its fields' JSON names; a list its items; unknown is null unless
  // the output says what unknown is.
  EXPECT_EQ(o["route"]["type"], Json::parse(R"(["object","null"])"));
  EXPECT_EQ(o["route"]["additionalProperties"], false);
  EXPECT_TRUE(o["route"]["properties"].contains("same_specialty"));
  EXPECT_EQ(o["reasons"]["items"]["type"], "object");
  EXPECT_EQ(o["decision"]["type"], "string");
  EXPECT_TRUE(o.contains("plan"));  // the output plan_id, by its JSON name
}

}  // namespace
}  // namespace sop
