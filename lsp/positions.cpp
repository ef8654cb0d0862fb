#include "lsp/positions.hpp"

#include <algorithm>

namespace sop::lsp {

namespace {

// UTF-16 units of the character whose first byte is `lead`; continuation bytes count none.
uint32_t units_of(unsigned char lead) {
  if ((lead & 0xC0) == 0x80) return 0;
  return lead >= 0xF0 ? 2 : 1;
}

// The byte length of the character whose first byte is `lead` (1 for a stray byte).
uint32_t length_of(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

}  // namespace

Position position_at(std::string_view text, uint32_t offset) {
  size_t end = std::min<size_t>(offset, text.size());
  Position p;
  size_t line_start = 0;
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++p.line;
      line_start = i + 1;
    }
  }
  for (size_t i = line_start; i < end; ++i)
    p.character += units_of(static_cast<unsigned char>(text[i]));
  return p;
}

uint32_t offset_at(std::string_view text, Position pos) {
  size_t i = 0;
  for (uint32_t line = 0; line < pos.line; ++line) {
    size_t nl = text.find('\n', i);
    if (nl == std::string_view::npos) return static_cast<uint32_t>(text.size());
    i = nl + 1;
  }
  uint32_t units = 0;
  while (i < text.size() && text[i] != '\n' && text[i] != '\r') {
    auto lead = static_cast<unsigned char>(text[i]);
    uint32_t u = std::max<uint32_t>(units_of(lead), 1);
    if (units + u > pos.character) break;
    units += u;
    i = std::min<size_t>(i + length_of(lead), text.size());
  }
  return static_cast<uint32_t>(i);
}

nlohmann::json to_json(Position p) {
  return {{"line", p.line}, {"character", p.character}};
}

Position position_from_json(const nlohmann::json& j) {
  return Position{j.at("line").get<uint32_t>(), j.at("character").get<uint32_t>()};
}

nlohmann::json range_json(std::string_view text, const Span& span) {
  return {{"start", to_json(position_at(text, span.begin.offset))},
          {"end", to_json(position_at(text, span.begin.offset + span.length))}};
}

}  // namespace sop::lsp
