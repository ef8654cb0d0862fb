#pragma once
// A report as a document: a title block, then headings, paragraphs, lists and tables of plain
// text. One model rendered three ways (text for a terminal, markdown for a repository, HTML for a
// review packet), so that every report says the same in each and no format leaks into another
// (no markdown inside HTML). Used by `sop diff` and `sop matrix`.
#include <string>
#include <utility>
#include <vector>

namespace sop::report {

struct Block {
  enum class Kind { heading, paragraph, list, table, page_break };
  Kind kind = Kind::paragraph;
  int level = 2;                               // heading: 2 or 3
  std::string text;                            // heading, paragraph
  std::vector<std::string> items;              // list: one item each (may hold "\n" lines)
  std::vector<std::vector<std::string>> rows;  // table: the first row is the header
  std::string style;                           // an HTML class: "summary", "note", "witness"
};

struct Document {
  std::string title;
  std::vector<std::pair<std::string, std::string>> meta;  // the title block: label, value
  std::vector<Block> blocks;

  Document& heading(std::string text, int level = 2);
  Document& paragraph(std::string text, std::string style = {});
  Document& list(std::vector<std::string> items, std::string style = {});
  Document& table(std::vector<std::vector<std::string>> rows, std::string style = {});
  Document& page_break();
};

// Text wrapped at `width` columns; list items and table rows as indented blocks.
std::string to_text(const Document& d, size_t width = 100);
std::string to_markdown(const Document& d);
// A self-contained page with print styles (US Letter, page breaks between sections).
std::string to_html(const Document& d);

// "sop VERSION", for title blocks.
std::string tool_version();
// Today's date (UTC), for title blocks; SOURCE_DATE_EPOCH when set, for reproducible reports.
std::string generation_date();

}  // namespace sop::report
