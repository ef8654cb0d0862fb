// DeterminationWriter writes the same bytes as the tree renderer (determination_json dumped
// compactly), on every shipped plan and the hostile test plan, with and without the trace, for
// the example cases, each of them with every fact removed in turn (unknowns, partial lists,
// missing facts), and thousands of seeded random cases (strings that need escaping, nulls).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "interpreter/codec/case_json.hpp"
#include "interpreter/codec/determination.hpp"
#include "interpreter/codec/determination_writer.hpp"
#include "interpreter/codec/json_text.hpp"
#include "lang/loader.hpp"
#include "support/random_cases.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
const fs::path k_root = SOP_SOURCE_DIR;

std::vector<std::string> plan_paths() {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(k_root / "policies"))
    if (e.path().extension() == ".sop") out.push_back(e.path().string());
  out.push_back((k_root / "tests/golden/hostile/_plan.sop").string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<nlohmann::json> example_cases() {
  std::vector<nlohmann::json> out;
  for (const auto& e : fs::directory_iterator(k_root / "examples/cases")) {
    std::ifstream f(e.path());
    nlohmann::json c = nlohmann::json::parse(f);
    out.push_back(c);
    for (const auto& [key, _] : c.items()) {
      nlohmann::json without = c;
      without.erase(key);
      out.push_back(without);
    }
  }
  return out;
}

// Decodes `c` under `p` (skipping cases the plan refuses), evaluates it, and compares.
size_t compare(const Program& p, const nlohmann::json& c, Evaluator& ev, const CaseDecoder& decoder,
               const DeterminationWriter& writer, Case& kase) {
  std::string error;
  if (!decoder.decode(c, kase, error)) return 0;
  size_t compared = 0;
  for (bool trace : {true, false}) {
    ev.evaluate(kase, trace);
    RenderOptions options{trace};
    std::string expected = determination_json(ev, options)
                               .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    std::string got = "stale bytes the writer must append to";
    writer.write(ev, options, got);
    EXPECT_EQ(got, "stale bytes the writer must append to" + expected)
        << p.plan_id << " trace " << trace << " case " << c.dump();
    ++compared;
  }
  return compared;
}

TEST(DeterminationWriter, SameBytesAsTheTreeOnEveryPlanAndCase) {
  std::vector<nlohmann::json> examples = example_cases();
  for (const std::string& path : plan_paths()) {
    LoadResult r = load_program(path);
    ASSERT_TRUE(r.ok()) << path;
    const Program& p = *r.program;
    Evaluator ev(p);
    CaseDecoder decoder(p);
    DeterminationWriter writer(p);
    Case kase(p);
    size_t compared = 0;
    for (const nlohmann::json& c : examples) compared += compare(p, c, ev, decoder, writer, kase);
    std::mt19937 rng(42);
    for (int i = 0; i < 3000; ++i)
      compared += compare(p, testing::random_case(p, rng), ev, decoder, writer, kase);
    // Most random cases must decode, or the comparison proves little.
    EXPECT_GT(compared, 4000u) << path;
  }
}

TEST(JsonText, StringsEscapeAsNlohmannDoes) {
  std::vector<std::string> texts = {"", "plain", "\"q\"", "a\\b", "\b\f\n\r\t", "\x01\x1f\x7f",
                                    "caf\xc3\xa9", "\xe2\x9c\x93", "\xf0\x9f\x98\x80",
                                    // not UTF-8: replaced as nlohmann's replace handler does
                                    "bad \xff byte", "\xc3", "\xed\xa0\x80 surrogate",
                                    "\xc0\xaf overlong", "\xf4\x90\x80\x80 too high"};
  for (int c = 0; c < 256; ++c) texts.push_back(std::string(1, static_cast<char>(c)) + "x");
  for (const std::string& s : texts) {
    std::string got;
    append_json_string(got, s);
    EXPECT_EQ(got, nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))
        << s;
  }
  for (int64_t i : {int64_t{0}, int64_t{-1}, INT64_MAX, INT64_MIN, int64_t{72}}) {
    std::string got;
    append_json_int(got, i);
    EXPECT_EQ(got, nlohmann::json(i).dump());
  }
}

}  // namespace
}  // namespace sop
