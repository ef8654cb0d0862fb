#pragma once
// LSP positions are a line and a column in UTF-16 code units (LSP 3.17 §Position, the default
// and only encoding every client supports); sop's spans are byte offsets into UTF-8 text. A
// policy's `§`, `→` or `☒` is two or three bytes but one unit, and a character outside the
// Basic Multilingual Plane is four bytes but two units.
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "lang/source.hpp"

namespace sop::lsp {

struct Position {
  uint32_t line = 0;       // 0-based
  uint32_t character = 0;  // 0-based, in UTF-16 code units
};

// The position of byte `offset` of `text` (past the end: the end). An offset inside a
// character's bytes counts that character as not yet passed.
Position position_at(std::string_view text, uint32_t offset);
// The byte offset of `pos` in `text`; a column past the line's end is the line's end, a line
// past the text's end is the text's end, a column inside a surrogate pair is the pair's start.
uint32_t offset_at(std::string_view text, Position pos);

// {"line", "character"} and back; the JSON is the client's and may be malformed: from_json
// throws nlohmann::json::exception then, which the server answers as invalid params.
nlohmann::json to_json(Position p);
Position position_from_json(const nlohmann::json& j);
// The LSP range of `span` in `text`.
nlohmann::json range_json(std::string_view text, const Span& span);

}  // namespace sop::lsp
