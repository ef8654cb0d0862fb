#pragma once
// Quotes checked against their sources (`sop check --sources DIR`): a module's
// `source "FILE" for "PREFIX"` says that the citations beginning with PREFIX quote DIR/FILE.
// Every such quote must occur in the file (lang/source_text.hpp says up to what), and every
// cited section must be found in it. Not a checker pass: it reads files besides the program's.
//
// A quote is pieces: `…` (or `...`) stands for omitted text, and the pieces must occur in
// order. A note `(§LABEL: TEXT)` or `[§LABEL: TEXT]` quotes TEXT from section LABEL of the same
// document: TEXT is found anywhere in it, and LABEL must be a section of it.
#include <map>
#include <string>
#include <vector>

#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop {

struct QuoteReport {
  size_t quotes_found = 0;    // quotes whose every piece was found
  size_t sections_found = 0;  // cited sections found
  // Citations of documents without a source: the document as cited → how many quote.
  std::map<std::string, size_t> no_source;
  // Sources whose sections are (partly) not checked: the file → which, and the reason given.
  std::map<std::string, std::string> sections_unchecked;
  std::vector<std::string> files;  // the source files read, in the order met
};

// Codes E0501 (a quote not found: the nearest passage and a word diff as notes), E0502 (found,
// but not in the cited section), E0503 (a cited section not found), E0504 (a source file that
// cannot be read). Re-parses the program's modules for the citations' spans.
QuoteReport check_quotes(const Program& program, const std::string& sources_dir,
                         Diagnostics& diags);

// The lines `sop check --sources` prints under `ok FILE`: what was found, what was not checked.
std::vector<std::string> describe(const QuoteReport& report);

}  // namespace sop
