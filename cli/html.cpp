#include "cli/html.hpp"

namespace sop::cli {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string html_begin(std::string_view title) {
  // Styles for screen and print: tables that break between rows, not inside them, and
  // differing values that stand out without colour (bold) as well as with it.
  return std::string(R"(<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>)") +
         html_escape(title) + R"(</title>
<style>
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em; color: #111; }
h1 { font-size: 1.5em; } h2 { font-size: 1.25em; margin-top: 2em; } h3 { font-size: 1.05em; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; width: 100%; }
th, td { border: 1px solid #bbb; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
tr { page-break-inside: avoid; break-inside: avoid; }
code, .witness { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
.witness { word-break: break-all; }
.cite { display: block; color: #555; font-size: 0.85em; }
.value { font-weight: 600; }
.when { margin: 0; padding-left: 1.2em; }
.note { color: #555; font-style: italic; }
.unconfirmed { color: #a00; font-weight: 600; }
.summary td:first-child { white-space: nowrap; }
table.summary { font-size: 0.9em; } table.summary td, table.summary th { padding: 0.15em 0.4em; }
.title-block dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; margin: 0 0 1em; }
.title-block dt { font-weight: 600; } .title-block dd { margin: 0; }
td, th, li, p { overflow-wrap: break-word; word-break: normal; hyphens: none; }
.page-break { break-after: page; page-break-after: always; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
li { break-inside: avoid; page-break-inside: avoid; }
@page { size: Letter; margin: 0.6in; }
@media print { body { margin: 0; font-size: 10.5px; } a { color: inherit; text-decoration: none; } }
</style>
</head>
<body>
)";
}

std::string html_code_spans(std::string_view text) {
  std::string out;
  bool open = false;
  size_t start = 0;
  for (size_t i = text.find('`'); i != std::string_view::npos; i = text.find('`', start)) {
    out += html_escape(text.substr(start, i - start));
    out += open ? "</code>" : "<code>";
    open = !open;
    start = i + 1;
  }
  out += html_escape(text.substr(start));
  if (open) out += "</code>";  // an unpaired backtick: close what it opened
  return out;
}

std::string html_end() {
  return "</body>\n</html>\n";
}

}  // namespace sop::cli
