#pragma once
// What the HTML reports share: escaping and one self-contained page (inline CSS, no scripts,
// no external resources), so a report can be attached to a review packet, opened offline and
// printed.
#include <string>
#include <string_view>

namespace sop::cli {

// Text as HTML: & < > " ' escaped.
std::string html_escape(std::string_view text);

// The page up to and including <body>, with `title` escaped; html_end() closes it.
std::string html_begin(std::string_view title);
// `text` escaped, its `code` spans (between backticks) as <code> elements: notes written for a
// terminal read the same in a page, without raw markdown.
std::string html_code_spans(std::string_view text);
std::string html_end();

}  // namespace sop::cli
