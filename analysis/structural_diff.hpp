#pragma once
// The structural difference of two programs: header fields, documents, calendars, and the
// rules of each definition matched by label, with both citations and the changed text.
#include <string>
#include <vector>

#include "lang/program.hpp"

namespace sop::analysis {

struct Change {
  enum class Kind { added, removed, changed, moved };
  Kind kind = Kind::changed;
  std::string what;    // "header", "document", "calendar", "definition", "rule"
  std::string target;  // the header field, document, calendar, or output / def name
  std::string label;   // the rule's label (rules only)
  std::string aspect;  // what changed: "condition", "value", "citation", "quote", "title", …
  std::string a_text, b_text;  // the text on each side (empty where absent)
  std::string a_cite, b_cite;  // the rule's citation on each side
};

std::vector<Change> structural_diff(const Program& a, const Program& b);

const char* kind_name(Change::Kind k);

// A header field as its text reads: a string without quotes, an absent field as "" (this text is
// also the JSON report's). By name: "" when the program has no such field.
std::string header_text(const Program& p, const HeaderField& h);
std::string header_text(const Program& p, const std::string& field);

// The source text of a node (its span in its file).
std::string node_text(const Program& p, int32_t node);

}  // namespace sop::analysis
