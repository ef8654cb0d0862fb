#include <filesystem>

#include "lsp/features.hpp"
#include "lsp/module_files.hpp"
#include "lsp/positions.hpp"
#include "lsp/uri.hpp"

namespace sop::lsp {

namespace {

int severity(Severity s) {
  switch (s) {
    case Severity::error:
      return 1;
    case Severity::warning:
      return 2;
    case Severity::note:
      return 3;
  }
  return 1;
}

std::string message_of(const Diagnostic& d) {
  std::string m = d.message;
  if (!d.help.empty()) m += "\nhelp: " + d.help;
  for (const std::string& n : d.notes) m += "\nnote: " + n;
  return m;
}

// `path:line:col: ` of a diagnostic in another file, as `sop check` prints it.
std::string where(const Program& p, const Diagnostic& d) {
  const Location& l = d.span.begin;
  if (l.line == 0 || l.file >= p.sources.size()) return {};
  return p.sources.file(l.file).path + ":" + std::to_string(l.line) + ":" +
         std::to_string(l.column) + ": ";
}

nlohmann::json diagnostic_json(const Document& doc, const Diagnostic& d) {
  const Program& p = *doc.load.program;
  nlohmann::json j = {{"severity", severity(d.severity)}, {"source", "sop"}};
  if (!d.code.empty()) j["code"] = d.code;
  bool here = d.span.begin.line == 0 || d.span.begin.file == doc.file();
  if (here) {
    j["range"] = span_range(p, d.span);
    j["message"] = message_of(d);
    return j;
  }
  j["range"] = range_json(doc.text, Span{});
  j["message"] = where(p, d) + message_of(d);
  std::string uri = file_uri(doc, d.span.begin.file);
  if (!uri.empty())
    j["relatedInformation"] = nlohmann::json::array(
        {{{"location", {{"uri", uri}, {"range", span_range(p, d.span)}}}, {"message", d.message}}});
  return j;
}

}  // namespace

nlohmann::json publish_diagnostics(const Document& d) {
  nlohmann::json list = nlohmann::json::array();
  for (const Diagnostic& diag : d.load.diagnostics.items())
    list.push_back(diagnostic_json(d, diag));
  return {{"uri", d.uri}, {"version", d.version}, {"diagnostics", std::move(list)}};
}

std::string file_uri(const Document& d, uint32_t file) {
  const Program& p = *d.load.program;
  if (file == d.file()) return d.uri;
  if (file >= p.sources.size()) return {};
  std::string path = module_file(p.sources.file(file));
  return path.empty() ? std::string() : uri_from_path(path);
}

nlohmann::json span_range(const Program& p, const Span& span) {
  if (span.begin.line == 0 || span.begin.file >= p.sources.size())
    return range_json(std::string_view(), Span{});
  return range_json(p.sources.file(span.begin.file).text, span);
}

}  // namespace sop::lsp
