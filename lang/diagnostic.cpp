#include "lang/diagnostic.hpp"

#include <algorithm>
#include <string_view>

#include <fmt/format.h>

namespace sop {

void Diagnostics::error(std::string code, Span span, std::string message, std::string help) {
  items_.push_back(
      {std::move(code), Severity::error, span, std::move(message), std::move(help), {}});
}

void Diagnostics::warning(std::string code, Span span, std::string message, std::string help) {
  items_.push_back(
      {std::move(code), Severity::warning, span, std::move(message), std::move(help), {}});
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

size_t Diagnostics::error_count() const {
  return static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

void Diagnostics::append(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::sort() {
  std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const Location& x = a.span.begin;
    const Location& y = b.span.begin;
    if (x.file != y.file) return x.file < y.file;
    if (x.line != y.line) return x.line < y.line;
    return x.column < y.column;
  });
}

static const char* severity_name(Severity s) {
  switch (s) {
    case Severity::error:
      return "error";
    case Severity::warning:
      return "warning";
    case Severity::note:
      return "note";
  }
  return "error";
}

namespace {

// The length of the well-formed UTF-8 sequence at s[i], or 0 if there is none.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  size_t n = b < 0x80                 ? 1
             : b >= 0xC2 && b <= 0xDF ? 2
             : b >= 0xE0 && b <= 0xEF ? 3
             : b >= 0xF0 && b <= 0xF4 ? 4
                                      : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k)
    if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
  return n;
}

// Text from a source or a user, as a message shows it: at most `max` bytes (cut at a character
// boundary, marked with "…"), valid UTF-8, no control characters but tabs — a byte that is not
// shown as itself is shown as U+FFFD.
std::string shown(std::string_view s, size_t max) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t n = utf8_sequence(s, i);
    size_t add = n == 0 ? 3 : n;
    if (out.size() + add > max) {
      out += "\u2026";
      break;
    }
    auto b = static_cast<unsigned char>(s[i]);
    if (n == 0 || (n == 1 && ((b < 0x20 && b != '\t') || b == 0x7F))) {
      out += "\uFFFD";
      i += n == 0 ? 1 : n;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

// Longest line shown in full; a longer one (a hostile policy may be one line of megabytes) is
// shown as a window around the column.
constexpr size_t k_max_line = 2000;
// Longest message or help shown; user text in them (a name, a string) can be of any length.
constexpr size_t k_max_message = 1000;
// Longest note shown: a note may carry a whole case as JSON.
constexpr size_t k_max_note = 8000;

}  // namespace

std::string format_diagnostic(const Diagnostic& d, const SourceSet& sources) {
  const Location& at = d.span.begin;
  std::string message = shown(d.message, k_max_message);
  std::string out;
  if (at.line == 0 || at.file >= sources.size()) {
    std::string where = at.file < sources.size() ? sources.file(at.file).path + ": " : "";
    out = fmt::format("{}{}: {}\n", where, severity_name(d.severity), message);
  } else {
    const SourceFile& f = sources.file(at.file);
    out = fmt::format("{}:{}:{}: {}: {}\n", f.path, at.line, at.column, severity_name(d.severity),
                      message);
    std::string_view line = f.line_text(at.line);
    size_t col = std::min<size_t>(at.column - 1, line.size());
    size_t from = 0, to = line.size();
    if (line.size() > k_max_line) {
      from = col > k_max_line / 3 ? col - k_max_line / 3 : 0;
      to = std::min(line.size(), from + k_max_line);
      while (from > 0 && (static_cast<unsigned char>(line[from]) & 0xC0) == 0x80) --from;
      while (to < line.size() && (static_cast<unsigned char>(line[to]) & 0xC0) == 0x80) ++to;
    }
    std::string text = (from > 0 ? "\u2026" : "") +
                       shown(line.substr(from, to - from), 4 * k_max_line) +
                       (to < line.size() ? "\u2026" : "");
    std::string gutter = fmt::format("{}", at.line);
    out += fmt::format(" {} | {}\n", gutter, text);
    // Caret under the span, clipped to the line shown; tabs kept so the caret lines up. Like
    // the column, the caret counts bytes.
    std::string pad = from > 0 ? " " : "";
    for (size_t i = from; i < col; ++i) pad += line[i] == '\t' ? '\t' : ' ';
    size_t room = to > col ? to - col : 1;
    size_t width = std::max<size_t>(1, std::min<size_t>(d.span.length, room));
    out += fmt::format(" {} | {}^{}\n", std::string(gutter.size(), ' '), pad,
                       std::string(width - 1, '~'));
  }
  if (!d.help.empty()) out += fmt::format("help: {}\n", shown(d.help, k_max_message));
  for (const std::string& note : d.notes) out += fmt::format("note: {}\n", shown(note, k_max_note));
  return out;
}

std::string format_diagnostics(const Diagnostics& ds, const SourceSet& sources) {
  std::string out;
  for (const Diagnostic& d : ds.items()) out += format_diagnostic(d, sources);
  return out;
}

}  // namespace sop
