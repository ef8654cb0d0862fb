#include "lang/diagnostic.hpp"

#include <algorithm>

#include <fmt/format.h>

namespace sop {

void Diagnostics::error(std::string code, Span span, std::string message, std::string help) {
  items_.push_back({std::move(code), Severity::error, span, std::move(message), std::move(help)});
}

void Diagnostics::warning(std::string code, Span span, std::string message, std::string help) {
  items_.push_back({std::move(code), Severity::warning, span, std::move(message), std::move(help)});
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

std::string format_diagnostic(const Diagnostic& d, const SourceSet& sources) {
  const Location& at = d.span.begin;
  std::string out;
  if (at.line == 0 || at.file >= sources.size()) {
    std::string where = at.file < sources.size() ? sources.file(at.file).path + ": " : "";
    out = fmt::format("{}{}: {}\n", where, severity_name(d.severity), d.message);
  } else {
    const SourceFile& f = sources.file(at.file);
    out = fmt::format("{}:{}:{}: {}: {}\n", f.path, at.line, at.column, severity_name(d.severity),
                      d.message);
    std::string_view line = f.line_text(at.line);
    std::string gutter = fmt::format("{}", at.line);
    out += fmt::format(" {} | {}\n", gutter, line);
    // Caret under the span, clipped to the line; tabs kept so the caret lines up.
    std::string pad;
    for (uint32_t i = 0; i + 1 < at.column && i < line.size(); ++i)
      pad += line[i] == '\t' ? '\t' : ' ';
    size_t room = line.size() >= at.column ? line.size() - (at.column - 1) : 1;
    size_t width = std::max<size_t>(1, std::min<size_t>(d.span.length, room));
    out += fmt::format(" {} | {}^{}\n", std::string(gutter.size(), ' '), pad,
                       std::string(width - 1, '~'));
  }
  if (!d.help.empty()) out += fmt::format("help: {}\n", d.help);
  return out;
}

std::string format_diagnostics(const Diagnostics& ds, const SourceSet& sources) {
  std::string out;
  for (const Diagnostic& d : ds.items()) out += format_diagnostic(d, sources);
  return out;
}

}  // namespace sop
