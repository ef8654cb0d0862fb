#pragma once
// A source document's text, normalised so that a quote can be found in it verbatim up to the
// artefacts of extracting text from a PDF: whitespace and line breaks, hyphenation at a line's
// end, typographic quotes and dashes, markup left by the extraction (HTML tags, `**`, `\_`,
// list bullets), and page headers repeated on every page. Case and punctuation are kept: a
// quote is a claim that the source says exactly this, and "member" for "Member" or "or" for
// "and" is a difference the analyst should see. Generic text handling: no domain words.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sop::text {

// One word of a normalised text: as written (markup removed) and the key words are compared by.
struct Word {
  std::string text;
  std::string key;
  uint32_t offset = 0;  // byte offset in the original text
};

// A line that starts with a label such as `VI.`, `D.`, `1.`, `c.` (after any list bullet).
struct Heading {
  std::string label;  // without the dot
  size_t word = 0;    // index of the line's first word
};

// A line of the normalised text (page headers dropped), for finding named sections.
struct Line {
  std::string text;  // words joined by single spaces
  size_t word = 0;   // index of the line's first word
};

struct Document {
  std::vector<Word> words;
  std::vector<Heading> headings;
  std::vector<Line> lines;
};

// Normalises a source document. `drop_repeated` drops every line of two or more words that
// occurs more than once (page headers and footers).
Document normalise(std::string_view raw, bool drop_repeated = true);
// The key a word is compared by: typographic quotes, apostrophes and dashes as ASCII, and a
// hyphen between letters dropped (so a word hyphenated at a line's end matches it unbroken).
std::string word_key(std::string_view word);
// The words of a quote (or part of one), normalised as a document's are.
std::vector<Word> quote_words(std::string_view quote);

// Where `piece` occurs in `doc` at or after word `from`: the index of its first word. A piece
// that a gap (`…`) opens or closes may cut the punctuation off its first or last word.
std::optional<size_t> find(const Document& doc, const std::vector<Word>& piece, size_t from = 0,
                           bool open_start = false, bool open_end = false);

// The passage of `doc` most like `piece`: the window of the piece's length with the longest
// common subsequence of words.
struct Nearest {
  size_t begin = 0, end = 0;  // word indices
  size_t common = 0;          // words in common, in order
};
Nearest nearest(const Document& doc, const std::vector<Word>& piece);
// A word diff of `piece` against the passage: common words as they are, the quote's own as
// `[-w-]`, the source's own as `{+w+}`.
std::string word_diff(const Document& doc, const Nearest& n, const std::vector<Word>& piece);
// The passage's words joined by single spaces.
std::string passage(const Document& doc, size_t begin, size_t end);

// A cited section: an optional name (a heading line such as `PURPOSE` or `Applies to:`), then
// a path of labels (`VI`, `D`, `1`), each a heading line after the previous one and before the
// next heading that follows it in its own numbering (`VII`, `E`, `2`). Returns the words from
// the last heading found to the end of its section (a named section runs to the document's
// end), or nullopt with what was not found in `missing`.
struct Section {
  size_t begin = 0, end = 0;  // word indices
  size_t outer = 0;           // the heading of the enclosing section (its lead-in starts there)
};
std::optional<Section> find_section(const Document& doc, std::string_view name,
                                    const std::vector<std::string>& path, std::string& missing);

}  // namespace sop::text
