// "Unknown" is spelled one way in every text report (docs/design.md), distinct from null ("does
// not apply") and from the enumeration value `none`; table cells wrap by display columns.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A case that leaves most facts out, written where `sop compare` can read it.
std::string sparse_case() {
  std::string path = (std::filesystem::temp_directory_path() / "sop-unknown-text.json").string();
  std::ofstream(path) << R"({"id": "sparse", "requester": "member", "care_from": "specialist"})";
  return path;
}

TEST(UnknownText, CompareSaysUnknownNotAQuestionMark) {
  auto r = sop({"compare", sparse_case()});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.out, " unknown ")) << r.out;
  EXPECT_FALSE(has(r.out, " ? ")) << r.out;
  r = sop({"compare", sparse_case(), "--format", "markdown"});
  EXPECT_TRUE(has(r.out, "| unknown |")) << r.out;
}

TEST(UnknownText, CompareWrapsWithoutSplittingCharacters) {
  auto r = sop({"compare", sparse_case()});
  // Every line is valid UTF-8 (a byte cut would leave half of a `§` or `→`), and over-long fact
  // names are cut after an underscore.
  for (size_t i = 0; i < r.out.size();) {
    unsigned char c = static_cast<unsigned char>(r.out[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    ASSERT_LE(i + n, r.out.size());
    for (size_t k = 1; k < n; ++k) ASSERT_EQ(static_cast<unsigned char>(r.out[i + k]) >> 6, 2u);
    i += n;
  }
  EXPECT_FALSE(has(r.out, "questions_diagnosis_or_pla ")) << r.out;
}

TEST(UnknownText, DiffTellsUnknownFromNull) {
  auto r = sop({"diff", "policies/partnership.sop", "policies/hpsj.sop"});
  EXPECT_FALSE(has(r.out, "unknown / none")) << r.out.substr(0, 2000);
  EXPECT_TRUE(has(r.out, "/ B unknown\n")) << r.out.substr(0, 2000);
  // HPSJ defers the timeframe to another policy: its amount does not apply, it is not unknown.
  EXPECT_TRUE(has(r.out, "timeframe.amount: A 72 / B null\n")) << r.out.substr(0, 2000);
  // An item a plan does not list is absent, not unknown.
  EXPECT_TRUE(has(r.out, "reasons[recommended_procedure]: A yes / B no\n"));
}

TEST(UnknownText, MatrixNullIsNotTheEnumValueNone) {
  auto r = sop({"matrix"});
  // `timeframe.kind` has a value `none`; `timeframe.amount` of a deferred timeframe is null.
  size_t amount = r.out.find("timeframe.amount\n");
  ASSERT_NE(amount, std::string::npos) << r.out.substr(0, 2000);
  size_t witness = r.out.find("witness", amount);
  std::string row = r.out.substr(amount, witness - amount);
  EXPECT_TRUE(has(row, "  null  [")) << row;
  EXPECT_FALSE(has(row, "  none  [")) << row;
}

}  // namespace
}  // namespace sop
