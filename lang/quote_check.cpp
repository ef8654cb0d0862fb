#include "lang/quote_check.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include "lang/parser.hpp"
#include "lang/source_text.hpp"

namespace sop {

namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string_view::npos) return {};
  return std::string(s.substr(b, s.find_last_not_of(" \t") - b + 1));
}

// A section as cited after the document: `Policy §B.3` → name "Policy", path [B, 3];
// `(Applies to)` → name "Applies to".
struct SectionRef {
  std::string name;
  std::vector<std::string> path;
  bool empty() const { return name.empty() && path.empty(); }
};

SectionRef parse_section(std::string_view s) {
  SectionRef r;
  size_t mark = s.find("§");
  r.name = trim(s.substr(0, mark));
  if (r.name.size() >= 2 && r.name.front() == '(' && r.name.back() == ')')
    r.name = trim(std::string_view(r.name).substr(1, r.name.size() - 2));
  if (mark == std::string_view::npos) return r;
  std::string p = trim(s.substr(mark + std::string_view("§").size()));
  for (size_t at = 0; at <= p.size();) {
    size_t dot = std::min(p.find('.', at), p.size());
    if (dot > at) r.path.push_back(p.substr(at, dot - at));
    at = dot + 1;
  }
  return r;
}

// A quote's parts: the quote itself, then each `(§LABEL: TEXT)` note, in pieces split at `…`.
struct Piece {
  std::string text;
  bool open_start = false, open_end = false;  // a gap before / after it
};
struct QuotePart {
  std::string section;  // a note's LABEL (`§VI.A`); empty for the quote itself
  std::vector<Piece> pieces;
};

std::vector<Piece> split_gaps(std::string_view s) {
  std::vector<Piece> pieces;
  Piece cur;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, 3, "…") == 0 || s.compare(i, 3, "...") == 0) {
      cur.open_end = true;
      pieces.push_back(cur);
      cur = Piece{{}, true, false};
      i += 3;
    } else {
      cur.text += s[i++];
    }
  }
  pieces.push_back(cur);
  for (Piece& p : pieces) p.text = trim(p.text);
  std::erase_if(pieces, [](const Piece& p) { return p.text.empty(); });
  return pieces;
}

// Takes the `(§…: …)` and `[§…: …]` notes out of a quote (brackets inside a note nest).
std::vector<QuotePart> split_quote(std::string_view q) {
  std::vector<QuotePart> notes;
  std::string main;
  for (size_t i = 0; i < q.size();) {
    bool open = (q[i] == '(' || q[i] == '[') && q.compare(i + 1, 2, "§") == 0;
    size_t colon = open ? q.find(": ", i) : std::string_view::npos;
    if (colon == std::string_view::npos) {
      main += q[i++];
      continue;
    }
    size_t j = i + 1;
    for (int depth = 1; j < q.size() && depth > 0; ++j)
      depth += (q[j] == '(' || q[j] == '[') ? 1 : (q[j] == ')' || q[j] == ']') ? -1 : 0;
    notes.push_back({trim(q.substr(i + 1, colon - i - 1)),
                     split_gaps(q.substr(colon + 2, j - 1 - (colon + 2)))});
    i = j;
  }
  std::vector<QuotePart> parts{{"", split_gaps(main)}};
  parts.insert(parts.end(), notes.begin(), notes.end());
  return parts;
}

// Every citation of a module, with the source declarations it makes.
void collect(const ast::Module& m, std::vector<const ast::Citation*>& cites,
             std::vector<const ast::SourceDecl*>& sources) {
  auto add = [&](const std::optional<ast::Citation>& c) {
    if (c) cites.push_back(&*c);
  };
  for (const ast::Decl& d : m.decls) {
    if (auto* x = std::get_if<ast::Definition>(&d))
      for (const ast::Rule& r : x->rules) add(r.citation);
    if (auto* x = std::get_if<ast::InvariantDecl>(&d)) add(x->rule.citation);
    if (auto* x = std::get_if<ast::TestDecl>(&d)) add(x->citation);
    if (auto* x = std::get_if<ast::CalendarDecl>(&d)) add(x->citation);
    if (auto* x = std::get_if<ast::ReadingDecl>(&d))
      for (const ast::ReadingDecl::Option& o : x->options) add(o.citation);
    if (auto* x = std::get_if<ast::SourceDecl>(&d)) sources.push_back(x);
  }
}

struct Source {
  const ast::SourceDecl* decl = nullptr;
  std::string raw;
  std::optional<text::Document> doc;  // null: the file could not be read
};

// The source a citation quotes: the one whose prefix is longest and ends at a word's end.
const Source* source_of(const std::vector<Source>& sources, const std::string& cite) {
  const Source* best = nullptr;
  for (const Source& s : sources) {
    const std::string& p = s.decl->cites;
    if (p.empty() || cite.rfind(p, 0) != 0) continue;
    bool ends = cite.size() == p.size() || cite[p.size()] == ' ' || cite[p.size()] == '(';
    if (ends && (!best || p.size() > best->decl->cites.size())) best = &s;
  }
  return best;
}

uint32_t line_of(const std::string& raw, uint32_t offset) {
  return 1 + static_cast<uint32_t>(std::count(raw.begin(), raw.begin() + offset, '\n'));
}

class Checker {
 public:
  Checker(const std::string& dir, Diagnostics& diags, QuoteReport& report)
      : dir_(dir), diags_(diags), report_(report) {}

  Source load(const ast::SourceDecl* decl) {
    Source s{decl, {}, {}};
    std::ifstream in(std::filesystem::path(dir_) / decl->file, std::ios::binary);
    if (!in) {
      diags_.error("E0504", decl->span,
                   fmt::format("cannot read source `{}` in `{}`", decl->file, dir_),
                   "`sop check --sources DIR` looks for each `source` file in DIR");
      return s;
    }
    std::ostringstream text;
    text << in.rdbuf();
    s.raw = text.str();
    s.doc = text::normalise(s.raw);
    report_.files.push_back(decl->file);
    if (!decl->unchecked_sections.empty())
      report_.sections_unchecked[decl->file] =
          (decl->unchecked_prefix.empty() ? "all" : "`" + decl->unchecked_prefix + "…`") +
          "): " + decl->unchecked_sections;
    return s;
  }

  void citation(const std::vector<Source>& sources, const ast::Citation& c) {
    const Source* s = source_of(sources, c.cite);
    if (!s) {
      if (!c.quote.empty()) ++report_.no_source[trim(c.cite.substr(0, c.cite.find("§")))];
      return;
    }
    if (!s->doc) return;
    Span cite_span{c.span.begin, std::min<uint32_t>(c.span.length, 7 + c.cite.size())};
    std::string cited = trim(c.cite.substr(s->decl->cites.size()));
    Scope own = section(*s, cited, cite_span);
    if (c.quote.empty()) return;
    bool ok = true;
    for (const QuotePart& part : split_quote(c.quote)) {
      // The quote lies in the section it cites; a note, in the section it names.
      Scope scope = part.section.empty() ? own : section(*s, part.section, c.quote_span);
      ok = quote_part(*s, part, scope, c.quote_span) && ok;
    }
    if (ok) ++report_.quotes_found;
  }

 private:
  // Where a quote must lie: a cited section's words, or the whole document when the section is
  // not checked (none cited, `sections unchecked`, or not found: an error already).
  struct Scope {
    std::string label;  // empty: the whole document
    text::Section words;
  };

  static bool unchecked(const ast::SourceDecl& d, const std::string& cited) {
    return !d.unchecked_sections.empty() && cited.rfind(d.unchecked_prefix, 0) == 0;
  }

  Scope section(const Source& s, const std::string& cited, Span at) {
    Scope whole{"", {0, s.doc->words.size(), 0}};
    SectionRef ref = parse_section(cited);
    if (ref.empty() || unchecked(*s.decl, cited)) return whole;
    std::string missing;
    if (auto found = text::find_section(*s.doc, ref.name, ref.path, missing)) {
      ++report_.sections_found;
      return {cited, *found};
    }
    diags_.error("E0503", at,
                 fmt::format("section `{}` is not in `{}`: no heading `{}`", trim(cited),
                             s.decl->file, missing),
                 "a section is a heading line (`VI.`, then `D.`, then `1.`, in order) or a "
                 "named heading (`PURPOSE`); docs/encoding-conventions.md");
    return whole;
  }

  // Finds a part's pieces in order within its scope; on the first piece not found there, an
  // error: where it is in the document if elsewhere, else the nearest passage.
  bool quote_part(const Source& s, const QuotePart& part, const Scope& scope, Span at) {
    // The quote ends in its section and starts there or in the enclosing section's lead-in
    // ("Timeframes … as follows: 1. If …" cited as §VI.D.1).
    size_t from = scope.words.outer;
    for (size_t i = 0; i < part.pieces.size(); ++i) {
      const Piece& p = part.pieces[i];
      std::vector<text::Word> words = text::quote_words(p.text);
      auto found = text::find(*s.doc, words, from, p.open_start, p.open_end);
      bool last = i + 1 == part.pieces.size();
      if (found && *found + words.size() <= scope.words.end &&
          (!last || *found + words.size() > scope.words.begin)) {
        from = *found + words.size();
        continue;
      }
      if (auto elsewhere = text::find(*s.doc, words, 0, p.open_start, p.open_end))
        outside(s, part, i, scope, *elsewhere, at);
      else
        not_found(s, part, i, words, at);
      return false;
    }
    return true;
  }

  static std::string what(const QuotePart& part, size_t i) {
    std::string w = part.section.empty() ? "quote" : fmt::format("note ({})", part.section);
    return part.pieces.size() > 1 ? fmt::format("part {} of the {}", i + 1, w) : w;
  }

  void outside(const Source& s, const QuotePart& part, size_t i, const Scope& scope, size_t at_word,
               Span at) {
    Diagnostic d{"E0502",
                 Severity::error,
                 at,
                 fmt::format("{} is in `{}`, but not in section `{}` (or not in order)",
                             what(part, i), s.decl->file, scope.label),
                 "cite the section the sentence is in, or quote another section in a note "
                 "`(§LABEL: …)` (docs/encoding-conventions.md)",
                 {}};
    d.notes.push_back(
        fmt::format("found at {}:{}", s.decl->file, line_of(s.raw, s.doc->words[at_word].offset)));
    diags_.add(std::move(d));
  }

  void not_found(const Source& s, const QuotePart& part, size_t i,
                 const std::vector<text::Word>& words, Span at) {
    Diagnostic d{"E0501",
                 Severity::error,
                 at,
                 fmt::format("{} not found in `{}`", what(part, i), s.decl->file),
                 "a quote is the source's words, in order; `…` marks omitted text "
                 "(docs/encoding-conventions.md)",
                 {}};
    text::Nearest n = text::nearest(*s.doc, words);
    if (n.common > 0) {
      d.notes.push_back(fmt::format("nearest passage ({}:{}): \"{}\"", s.decl->file,
                                    line_of(s.raw, s.doc->words[n.begin].offset),
                                    text::passage(*s.doc, n.begin, n.end)));
      d.notes.push_back("difference ([-quote-] {+source+}): " + text::word_diff(*s.doc, n, words));
    }
    diags_.add(std::move(d));
  }

  const std::string& dir_;
  Diagnostics& diags_;
  QuoteReport& report_;
};

}  // namespace

QuoteReport check_quotes(const Program& program, const std::string& sources_dir,
                         Diagnostics& diags) {
  QuoteReport report;
  std::vector<ast::Module> modules;
  ast::NodeId next_id = 1;
  Diagnostics parse_diags;  // the program has parsed once already; nothing new to report
  for (uint32_t f = 0; f < program.sources.size(); ++f)
    if (auto m = parse_module(program.sources, f, next_id, parse_diags))
      modules.push_back(std::move(*m));
  std::vector<const ast::Citation*> cites;
  std::vector<const ast::SourceDecl*> decls;
  for (const ast::Module& m : modules) collect(m, cites, decls);
  Checker checker(sources_dir, diags, report);
  std::vector<Source> sources;
  for (const ast::SourceDecl* d : decls) sources.push_back(checker.load(d));
  for (const ast::Citation* c : cites) checker.citation(sources, *c);
  return report;
}

std::vector<std::string> describe(const QuoteReport& r) {
  std::vector<std::string> lines;
  if (!r.files.empty())
    lines.push_back(fmt::format("  sources {}: {} quotes and {} sections found",
                                fmt::join(r.files, ", "), r.quotes_found, r.sections_found));
  for (const auto& [file, reason] : r.sections_unchecked)
    lines.push_back(fmt::format("  not checked: the sections cited in {} ({}", file, reason));
  for (const auto& [doc, n] : r.no_source)
    lines.push_back(
        fmt::format("  not checked: no source for {} ({} quote{})", doc, n, n == 1 ? "" : "s"));
  return lines;
}

}  // namespace sop
