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
std::string html_end();

}  // namespace sop::cli
