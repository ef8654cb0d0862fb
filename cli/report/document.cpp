#include "cli/report/document.hpp"

#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "cli/html.hpp"
#include "interpreter/value_text.hpp"

#ifndef SOP_VERSION
#define SOP_VERSION "unknown"
#endif

namespace sop::report {

Document& Document::heading(std::string text, int level) {
  blocks.push_back({Block::Kind::heading, level, std::move(text), {}, {}, {}});
  return *this;
}
Document& Document::paragraph(std::string text, std::string style) {
  blocks.push_back({Block::Kind::paragraph, 0, std::move(text), {}, {}, std::move(style)});
  return *this;
}
Document& Document::list(std::vector<std::string> items, std::string style) {
  blocks.push_back({Block::Kind::list, 0, {}, std::move(items), {}, std::move(style)});
  return *this;
}
Document& Document::table(std::vector<std::vector<std::string>> rows, std::string style) {
  blocks.push_back({Block::Kind::table, 0, {}, {}, std::move(rows), std::move(style)});
  return *this;
}
Document& Document::page_break() {
  blocks.push_back({Block::Kind::page_break, 0, {}, {}, {}, {}});
  return *this;
}

std::string tool_version() {
  return std::string("sop ") + SOP_VERSION;
}

std::string generation_date() {
  std::time_t now = std::time(nullptr);
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) now = std::strtoll(epoch, nullptr, 10);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return fmt::format("{:04}-{:02}-{:02}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

namespace {

std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

// Greedy word wrap at `width` display columns; a word longer than the width (a JSON case) keeps
// its line rather than being cut, so that it can be copied whole.
std::vector<std::string> words_wrapped(const std::string& line, size_t width) {
  std::vector<std::string> out(1);
  size_t start = 0;
  while (start < line.size()) {
    size_t space = line.find(' ', start);
    std::string word =
        line.substr(start, space == std::string::npos ? std::string::npos : space - start);
    start = space == std::string::npos ? line.size() : space + 1;
    if (!out.back().empty() && display_width(out.back()) + 1 + display_width(word) > width)
      out.emplace_back();
    out.back() += (out.back().empty() ? "" : " ") + word;
  }
  return out;
}

// `text` wrapped at `width`, the first line after `first`, the others after `rest`.
void wrapped(std::string& out, const std::string& text, const std::string& first,
             const std::string& rest, size_t width) {
  bool head = true;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    std::string line = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    const std::string& lead = head ? first : rest;
    std::vector<std::string> parts =
        words_wrapped(line, width > lead.size() + 20 ? width - lead.size() : 20);
    for (const std::string& p : parts) {
      out += (head ? first : rest) + p + "\n";
      head = false;
    }
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
}

std::string md_escape_cell(std::string s) {
  for (size_t i = 0; (i = s.find('|', i)) != std::string::npos; i += 2) s.replace(i, 1, "\\|");
  for (size_t i = 0; (i = s.find('\n', i)) != std::string::npos;) s.replace(i, 1, "<br>");
  return s;
}

std::string html_lines(const std::string& s) {
  std::string out = cli::html_escape(s);
  for (size_t i = 0; (i = out.find('\n', i)) != std::string::npos;) out.replace(i, 1, "<br>");
  return out;
}

}  // namespace

std::string to_text(const Document& d, size_t width) {
  std::string out = d.title + "\n";
  for (const auto& [label, value] : d.meta) wrapped(out, value, "  " + label + ": ", "    ", width);
  for (const Block& b : d.blocks) {
    switch (b.kind) {
      case Block::Kind::heading:
        // A section's heading in capitals, a subsection's as written: one line each.
        out += "\n" + (b.level <= 2 ? upper(b.text) : b.text) + "\n";
        break;
      case Block::Kind::paragraph:
        wrapped(out, b.text, "", "", width);
        break;
      case Block::Kind::list:
        for (size_t i = 0; i < b.items.size(); ++i) {
          std::string mark = b.style == "numbered" ? fmt::format("{}. ", i + 1) : "- ";
          wrapped(out, b.items[i], "  " + mark, std::string(2 + mark.size(), ' '), width);
        }
        break;
      case Block::Kind::table:
        for (size_t r = 1; r < b.rows.size(); ++r) {
          std::string item;
          for (size_t c = 0; c < b.rows[r].size(); ++c) {
            if (b.rows[r][c].empty()) continue;
            item += (item.empty() ? "" : "\n") + b.rows[0][c] + ": " + b.rows[r][c];
          }
          wrapped(out, item, "  - ", "    ", width);
        }
        break;
      case Block::Kind::page_break:
        break;
    }
  }
  return out;
}

std::string to_markdown(const Document& d) {
  std::string out = "# " + d.title + "\n\n";
  for (const auto& [label, value] : d.meta) out += "- **" + label + ":** " + value + "\n";
  for (const Block& b : d.blocks) {
    out += "\n";
    switch (b.kind) {
      case Block::Kind::heading:
        out += std::string(static_cast<size_t>(b.level), '#') + " " + b.text + "\n";
        break;
      case Block::Kind::paragraph:
        out += b.text + "\n";
        break;
      case Block::Kind::list:
        for (size_t i = 0; i < b.items.size(); ++i) {
          std::string mark = b.style == "numbered" ? fmt::format("{}. ", i + 1) : "- ";
          std::string item = b.items[i];
          for (size_t k = 0; (k = item.find('\n', k)) != std::string::npos; k += mark.size() + 1)
            item.replace(k, 1, "  \n" + std::string(mark.size(), ' '));
          out += mark + item + "\n";
        }
        break;
      case Block::Kind::table:
        for (size_t r = 0; r < b.rows.size(); ++r) {
          out += "|";
          for (const std::string& c : b.rows[r]) out += " " + md_escape_cell(c) + " |";
          out += "\n";
          if (r == 0) {
            out += "|";
            for (size_t c = 0; c < b.rows[0].size(); ++c) out += "---|";
            out += "\n";
          }
        }
        break;
      case Block::Kind::page_break:
        out.pop_back();
        break;
    }
  }
  return out;
}

std::string to_html(const Document& d) {
  std::string out = cli::html_begin(d.title);
  out += "<header class=\"title-block\"><h1>" + cli::html_escape(d.title) + "</h1>\n<dl>\n";
  for (const auto& [label, value] : d.meta)
    out += "<dt>" + cli::html_escape(label) + "</dt><dd>" + html_lines(value) + "</dd>\n";
  out += "</dl></header>\n";
  auto cls = [](const std::string& s) { return s.empty() ? "" : " class=\"" + s + "\""; };
  for (const Block& b : d.blocks) {
    switch (b.kind) {
      case Block::Kind::heading:
        out += fmt::format("<h{0}>{1}</h{0}>\n", b.level, cli::html_escape(b.text));
        break;
      case Block::Kind::paragraph:
        out += "<p" + cls(b.style) + ">" + html_lines(b.text) + "</p>\n";
        break;
      case Block::Kind::list:
        out += (b.style == "numbered" ? "<ol" : "<ul") + cls(b.style) + ">\n";
        for (const std::string& item : b.items) out += "<li>" + html_lines(item) + "</li>\n";
        out += b.style == "numbered" ? "</ol>\n" : "</ul>\n";
        break;
      case Block::Kind::table:
        out += "<table" + cls(b.style) + "><thead><tr>";
        for (const std::string& c : b.rows[0]) out += "<th>" + cli::html_escape(c) + "</th>";
        out += "</tr></thead><tbody>\n";
        for (size_t r = 1; r < b.rows.size(); ++r) {
          out += "<tr>";
          for (const std::string& c : b.rows[r]) out += "<td>" + html_lines(c) + "</td>";
          out += "</tr>\n";
        }
        out += "</tbody></table>\n";
        break;
      case Block::Kind::page_break:
        out += "<div class=\"page-break\"></div>\n";
        break;
    }
  }
  return out + cli::html_end();
}

}  // namespace sop::report
