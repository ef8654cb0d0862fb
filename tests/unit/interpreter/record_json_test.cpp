// RecordDecoder (a case and the fields of a declared record type on one JSON line): the fast
// path against the general one on ordinary and mutated records, and the general path's
// messages, which name the field and the value.
#include <gtest/gtest.h>

#include <filesystem>
#include <random>

#include "interpreter/codec/record_json.hpp"
#include "lang/loader.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
const fs::path k_root = SOP_SOURCE_DIR;

const char* k_records[] = {
    R"({"case":{"id":"a","urgent":true,"received_at":"2026-07-01T09:00:00-07:00"},"plan":"partnership","decision":"approve","decided_at":"2026-07-02T10:00:00-07:00","tier":"plan_network","authorized":true,"member_charged":false,"notices":[{"kind":"approval","to":["member","pcp"],"contents":[],"sent_at":"2026-07-02T11:00:00-07:00"}],"extracted_at":"2027-01-04T07:00:00-08:00","x_seeded_defect":null,"x_expected_findings":[{"kind":"late_decision","cite":"MPUP3078 §VI.D.1"}]})",
    R"({"plan":"partnership","case":{"id":"b","requester":"member","opinion_number":3},"decision":"pending","extracted_at":"2026-12-01T00:00:00Z"})",
    R"( { "case" : { } , "decision" : "deny" , "notices" : [ { "kind" : "denial" , "to" : null } ] } )",
    R"({"case":{"id":"c"},"decision":null,"tier":null,"notices":[],"x_n":[1,2,{"a":[true,false,null]}]})",
};

struct Fixture {
  std::unique_ptr<Program> program;
  std::unique_ptr<CaseDecoder> cases;
  std::unique_ptr<RecordDecoder> records;
};

Fixture load() {
  LoadResult r = load_program((k_root / "policies/partnership.sop").string());
  EXPECT_TRUE(r.ok());
  Fixture f{std::move(r.program), nullptr, nullptr};
  f.cases = std::make_unique<CaseDecoder>(*f.program);
  uint32_t record = 0;
  while (f.program->records[record].name != "DecisionRecord") ++record;
  f.records = std::make_unique<RecordDecoder>(*f.program, *f.cases, "case", record, "x_");
  return f;
}

bool same(const Value& a, const Value& b) {
  if (a.kind != b.kind || a.aux != b.aux) return false;
  if (a.kind == ValueKind::string) return a.text() == b.text();
  if (a.kind == ValueKind::unknown || a.kind == ValueKind::list) return true;
  return a.u.bits == b.u.bits;
}

void expect_same(const RecordValues& fast, const RecordValues& general, const std::string& text) {
  ASSERT_EQ(fast.fields.size(), general.fields.size());
  for (size_t i = 0; i < fast.fields.size(); ++i) {
    EXPECT_TRUE(same(fast.fields[i], general.fields[i])) << "field " << i << " of " << text;
    if (fast.fields[i].kind != ValueKind::list) continue;
    for (int32_t k = 0; k < fast.fields[i].aux; ++k)
      for (size_t f = 0; f < fast.item(fast.fields[i], k).size(); ++f)
        EXPECT_TRUE(same(fast.item(fast.fields[i], k)[f], general.item(general.fields[i], k)[f]))
            << "item " << k << " field " << f << " of " << text;
  }
  ASSERT_EQ(fast.kase.facts.size(), general.kase.facts.size());
  for (size_t i = 0; i < fast.kase.facts.size(); ++i)
    EXPECT_TRUE(same(fast.kase.facts[i], general.kase.facts[i])) << "fact " << i << " of " << text;
}

// Whether the fast path accepted `text`; if it did, the general path must agree.
bool check(const Fixture& f, const std::string& text) {
  RecordValues fast, general;
  if (!f.records->decode_fast(text, fast)) return false;
  nlohmann::json j;
  std::string error;
  EXPECT_TRUE(parse_json_text(text, j, error)) << "fast path accepted invalid JSON: " << text;
  EXPECT_TRUE(f.records->decode(j, general, error))
      << "fast path accepted a bad record: " << text << "\n"
      << error;
  expect_same(fast, general, text);
  return true;
}

TEST(RecordJson, FastPathTakesOrdinaryRecordsAndAgrees) {
  Fixture f = load();
  for (const char* r : k_records) EXPECT_TRUE(check(f, r)) << r;
}

TEST(RecordJson, FastPathAgreesOnMutatedRecords) {
  Fixture f = load();
  std::mt19937 rng(7);
  const std::string alphabet = "{}[],:\" \\x_0123456789truefalsnul\xC2\xA7";
  int accepted = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string text = k_records[rng() % std::size(k_records)];
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0; --edits) {
      size_t at = rng() % text.size();
      char ch = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          text.erase(at, 1);
          break;
        case 1:
          text.insert(at, 1, ch);
          break;
        default:
          text[at] = ch;
      }
    }
    accepted += check(f, text);
  }
  EXPECT_GT(accepted, 100);  // the mutations left some records that still decode
}

std::string error_of(const Fixture& f, const std::string& text) {
  RecordValues r;
  std::string error;
  EXPECT_FALSE(f.records->decode_text(text, r, error)) << text;
  return error;
}

TEST(RecordJson, ErrorsNameTheFieldAndTheValue) {
  Fixture f = load();
  EXPECT_EQ(error_of(f, R"({"case":{},"decison":"deny"})"),
            "unknown field \"decison\" (did you mean \"decision\"?)");
  EXPECT_EQ(error_of(f, R"({"decision":"deny"})"),
            "field \"case\" is missing: every record carries the case");
  EXPECT_EQ(error_of(f, R"({"case":{"urgnt":true}})"),
            "field \"case\": unknown field \"urgnt\" (did you mean \"urgent\"?)");
  EXPECT_EQ(error_of(f, R"({"case":{},"decided_at":"2026-07-02 10:00"})"),
            "field \"decided_at\": expected an RFC 3339 date-time with offset, such as "
            "\"2026-11-20T16:30:00-08:00\", found \"2026-07-02 10:00\"");
  EXPECT_EQ(error_of(f, R"({"case":{},"notices":[{"kind":"denial","to":["memebr"]}]})"),
            "field \"notices[0].to\": expected one of \"member\", \"provider\", \"pcp\", "
            "\"consultant\", found \"memebr\"");
  EXPECT_EQ(error_of(f, R"({"case":{},"notices":[{"to":["member"]}]})"),
            "field \"notices[0]\": \"kind\" is missing (expected one of \"approval\", "
            "\"denial\", \"authorization\", \"financial_responsibility\")");
  EXPECT_EQ(error_of(f, R"({"case":{},"decision":"approve","decision":"deny"})"),
            "field \"decision\" is given twice");
}

TEST(RecordJson, TopLevelStringIsReadWithoutParsing) {
  EXPECT_EQ(RecordDecoder::top_level_string(R"({"case":{"plan":"x"},"plan":"hpsj"})", "plan"),
            "hpsj");
  EXPECT_EQ(RecordDecoder::top_level_string(R"({"case":{"plan":"x"}})", "plan"), std::nullopt);
  EXPECT_EQ(RecordDecoder::top_level_string(R"({"note":"plan","plan":"a\"b"})", "plan"),
            std::nullopt);
}

}  // namespace
}  // namespace sop
