// CaseDecoder::decode_fast (the one-pass path decode_text tries first) against the general path
// (nlohmann's parser, then decode): on every input the fast path accepts, the general path
// accepts it too and yields the same facts; on the ordinary cases of every plan the fast path
// does accept (or it would not be the fast path); and everything unusual falls through to the
// general path, whose messages therefore stay the same.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <random>

#include "interpreter/codec/case_json.hpp"
#include "lang/loader.hpp"
#include "support/random_cases.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
const fs::path k_root = SOP_SOURCE_DIR;

bool same(const Value& a, const Value& b) {
  if (a.kind != b.kind || a.aux != b.aux || a.maybe != b.maybe) return false;
  switch (a.kind) {
    case ValueKind::unknown:
    case ValueKind::null:
    case ValueKind::calendar:
      return true;
    case ValueKind::bool_:
      return a.u.b == b.u.b;
    case ValueKind::string:
      return a.text() == b.text();
    default:
      return a.u.bits == b.u.bits;
  }
}

// Returns whether the fast path accepted `text`; if it did, the general path must agree.
bool check(const CaseDecoder& d, const Program& p, const std::string& text) {
  Case fast(p), general(p);
  if (!d.decode_fast(text, fast)) return false;
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << "fast path accepted invalid JSON: " << text;
  std::string error;
  EXPECT_TRUE(d.decode(j, general, error)) << "fast path accepted a bad case: " << text << "\n"
                                           << error;
  EXPECT_EQ(fast.facts.size(), general.facts.size());
  for (size_t i = 0; i < fast.facts.size() && i < general.facts.size(); ++i)
    EXPECT_TRUE(same(fast.facts[i], general.facts[i]))
        << "fact " << p.vars[i].json << " of " << text;
  return true;
}

TEST(CaseJsonFast, AgreesWithTheGeneralPath) {
  std::vector<std::string> plans = {(k_root / "policies/partnership.sop").string(),
                                    (k_root / "tests/golden/hostile/_plan.sop").string()};
  for (const std::string& path : plans) {
    LoadResult r = load_program(path);
    ASSERT_TRUE(r.ok()) << path;
    const Program& p = *r.program;
    CaseDecoder d(p);
    std::mt19937 rng(7);
    size_t plain = 0, plain_accepted = 0, mutated_accepted = 0;
    for (int i = 0; i < 3000; ++i) {
      nlohmann::json c = testing::random_case(p, rng);
      std::string text = c.dump(i % 2 ? 1 : -1);  // compact and indented
      bool escapes = text.find('\\') != std::string::npos;
      bool accepted = check(d, p, text);
      if (!escapes) {
        ++plain;
        plain_accepted += accepted;
        EXPECT_TRUE(accepted) << "an ordinary case took the slow path: " << text;
      }
      // One byte changed, dropped or doubled: the fast path may accept only what decodes alike.
      for (int k = 0; k < 8 && !text.empty(); ++k) {
        std::string m = text;
        size_t at = rng() % m.size();
        switch (rng() % 3) {
          case 0:
            m[at] = "{}[]\",:0-9etnfu \x80\xff"[rng() % 19];
            break;
          case 1:
            m.erase(at, 1);
            break;
          default:
            m.insert(at, 1, m[at]);
        }
        mutated_accepted += check(d, p, m);
      }
    }
    EXPECT_GT(plain, 500u);
    EXPECT_EQ(plain, plain_accepted);
    EXPECT_GT(mutated_accepted, 0u);  // some mutations are still good cases
  }
}

TEST(CaseJsonFast, LeavesTheUnusualToTheGeneralPath) {
  LoadResult r = load_program((k_root / "policies/partnership.sop").string());
  ASSERT_TRUE(r.ok());
  CaseDecoder d(*r.program);
  Case c(*r.program);
  for (const char* text : {
           R"({"id": "a\"b"})",           // an escape
           R"({"opinion_number": 2.0})",  // a float where an int is declared
           R"({"opinion_number": 1})",    // out of range
           R"({"opinion_number": 02})",   // a leading zero
           R"({"opinion_number": 99999999999999999999})",
           R"({"urgent": true, "urgent": false})",  // given twice
           R"({"urgnt": true})",                    // unknown
           R"({"urgent": "true"})",                 // mistyped
           R"({"requester": "doctor"})",            // not in the enumeration
           R"({"received_at": "2026-02-30T00:00:00Z"})",
           R"({"id": "x"} {})",   // two values
           R"({"id": "x",})",     // a trailing comma
           "\xEF\xBB\xBF{}",      // a byte-order mark
           "{\"id\": \"\xff\"}",  // not UTF-8
           "{\"id\": \"a\tb\"}",  // a raw control character
           "[]",
           "null",
           "",
           "{",
       }) {
    EXPECT_FALSE(d.decode_fast(text, c)) << text;
  }
  EXPECT_TRUE(d.decode_fast(R"( {"id": "x", "urgent": null, "opinion_number": 3} )", c));
  std::string error;
  EXPECT_FALSE(d.decode_text(R"({"urgent": true, "urgent": false})", c, error));
  EXPECT_EQ(error, R"(field "urgent" is given twice)");
}

}  // namespace
}  // namespace sop
