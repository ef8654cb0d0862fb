// `textDocument/formatting`: the document in `sop fmt`'s layout (lang/formatter.hpp), as one
// edit of the whole text. A text that does not parse is not formatted: the request fails with
// the first syntax error, which the diagnostics already show in place.
#include <stdexcept>

#include "lang/formatter.hpp"
#include "lsp/features.hpp"
#include "lsp/positions.hpp"

namespace sop::lsp {

nlohmann::json formatting(const Document& d) {
  FormatResult r = format_source(d.text, d.path);
  if (!r.ok()) throw std::invalid_argument("not formatted: " + r.diagnostics.front().message);
  if (r.text == d.text) return nlohmann::json::array();
  nlohmann::json range = {{"start", to_json(position_at(d.text, 0))},
                          {"end", to_json(position_at(d.text, static_cast<uint32_t>(d.text.size())))}};
  return nlohmann::json::array({{{"range", range}, {"newText", r.text}}});
}

}  // namespace sop::lsp
