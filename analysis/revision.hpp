#pragma once
// A revision of a plan as a reviewer reads it: B's structural changes to A grouped into edits —
// one per rule (its aspects together: condition, value, quote, citation …), definition,
// document, calendar or header field — and, for change impact, the lines of A's file each edit
// rewrites, so that "A plus this edit alone" can be written out and checked as a program of its
// own (analysis/change_impact.hpp).
#include <cstddef>
#include <string>
#include <vector>

#include "analysis/structural_diff.hpp"
#include "lang/line_diff.hpp"
#include "lang/program.hpp"

namespace sop::analysis {

// A run of lines where A's root file and B's differ: A's [a_begin, a_end) become B's
// [b_begin, b_end) (0-based line numbers).
using Hunk = LineHunk;

struct Edit {
  std::vector<Change> aspects;  // the structural changes it groups (one what/target/label)
  std::vector<size_t> hunks;    // the hunks it rewrites (indices into Revision::hunks)
  // Whether the edit can be applied alone: it has lines of its own in both files' root texts
  // (where it exists), and shares no hunk with another edit. Edits that share a hunk are one
  // group (`group`): they are applied, and reported, together.
  bool has_lines = false;
  size_t group = 0;
  // The document's own dates (a header field of type date): shown in the title block, not as a
  // change to the rules.
  bool document_date = false;
  // Only what is said changed (quote, title, citation): no determination can change.
  bool text_only = false;
  std::string title() const;  // "changed rule output.label"
};

struct Revision {
  std::vector<Edit> edits;
  std::vector<Hunk> hunks;
  std::string a_text, b_text;  // the two root files
};

Revision revision(const Program& a, const Program& b);

// A's root file with the hunks of the edits in `group` applied (B's lines in their place).
std::string apply_group(const Revision& r, size_t group);

}  // namespace sop::analysis
