// LSP positions count UTF-16 code units; policies hold `§`, `→`, `☒` (one unit, two or three
// bytes) and may hold characters beyond the Basic Multilingual Plane (two units, four bytes).
#include <gtest/gtest.h>

#include "lsp/positions.hpp"

namespace sop::lsp {
namespace {

// "§" is 2 bytes, "→" and "☒" 3, "😀" 4 (a surrogate pair in UTF-16).
const std::string k_text = "ab\n§→☒😀x\r\nlast";

TEST(Positions, CountUtf16UnitsNotBytes) {
  size_t x = k_text.find('x');
  Position p = position_at(k_text, static_cast<uint32_t>(x));
  EXPECT_EQ(p.line, 1u);
  EXPECT_EQ(p.character, 5u);  // § → ☒ one unit each, 😀 two
  EXPECT_EQ(offset_at(k_text, {1, 5}), x);
}

TEST(Positions, RoundTripEveryCharacterStart) {
  for (uint32_t i = 0; i <= k_text.size(); ++i) {
    if (i < k_text.size() && (static_cast<unsigned char>(k_text[i]) & 0xC0) == 0x80) continue;
    if (i < k_text.size() && k_text[i] == '\n' && i > 0 && k_text[i - 1] == '\r') continue;
    EXPECT_EQ(offset_at(k_text, position_at(k_text, i)), i) << i;
  }
}

TEST(Positions, OutOfRangeClampsToTheLineOrTheText) {
  EXPECT_EQ(offset_at(k_text, {0, 99}), 2u);                 // the end of "ab"
  EXPECT_EQ(offset_at(k_text, {1, 99}), k_text.find('\r'));  // before CRLF
  EXPECT_EQ(offset_at(k_text, {9, 0}), k_text.size());
  EXPECT_EQ(position_at(k_text, 10000).line, 2u);
}

TEST(Positions, AColumnInsideASurrogatePairIsThePairsStart) {
  size_t emoji = k_text.find("😀");
  EXPECT_EQ(offset_at(k_text, {1, 4}), emoji);
  EXPECT_EQ(offset_at(k_text, {1, 3}), emoji);
  EXPECT_EQ(offset_at(k_text, {1, 2}), k_text.find("☒"));
}

TEST(Positions, RangeOfASpan) {
  size_t x = k_text.find('x');
  Span s{Location{0, 2, 0, static_cast<uint32_t>(x)}, 1};
  nlohmann::json r = range_json(k_text, s);
  EXPECT_EQ(r["start"], (nlohmann::json{{"line", 1}, {"character", 5}}));
  EXPECT_EQ(r["end"], (nlohmann::json{{"line", 1}, {"character", 6}}));
}

TEST(Positions, MalformedJsonThrows) {
  EXPECT_THROW(position_from_json(nlohmann::json{{"line", "one"}, {"character", 0}}),
               nlohmann::json::exception);
  EXPECT_THROW(position_from_json(nlohmann::json::array()), nlohmann::json::exception);
}

}  // namespace
}  // namespace sop::lsp
