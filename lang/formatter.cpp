#include "lang/formatter.hpp"

#include <filesystem>
#include <optional>

#include "lang/ast_printer.hpp"
#include "lang/format_layout.hpp"
#include "lang/format_tokens.hpp"
#include "lang/format_walk.hpp"
#include "lang/parser.hpp"

namespace sop {

namespace {

constexpr std::string_view k_bom = "\xEF\xBB\xBF";

struct Parsed {
  SourceSet sources;
  std::optional<ast::Module> module;
  Diagnostics diags;
};

void parse(std::string_view text, std::string_view file_name, Parsed& p) {
  std::string stem = std::filesystem::path(std::string(file_name)).stem().string();
  uint32_t file = p.sources.add(std::string(file_name), std::string(text), stem);
  ast::NodeId next_id = 1;
  p.module = parse_module(p.sources, file, next_id, p.diags);
}

bool same_tokens(std::string_view a, std::string_view b) {
  std::vector<format::Token> x = format::lex(a), y = format::lex(b);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i].text != y[i].text || x[i].kind != y[i].kind) return false;
  return true;
}

// Whether `out` reads as `in` did: the same tokens and, parsed, the same module.
bool same_meaning(const Parsed& in, std::string_view in_text, std::string_view out,
                  std::string_view file_name) {
  if (!same_tokens(in_text, out)) return false;
  Parsed again;
  parse(out, file_name, again);
  return again.module && print_module(*again.module) == print_module(*in.module);
}

}  // namespace

FormatResult format_source(std::string_view text, std::string_view file_name) {
  Parsed p;
  parse(text, file_name, p);
  if (!p.module) return {std::string(text), p.diags.items()};
  format::Layout layout(format::lex(text));
  format::lay_out_module(*p.module, layout);
  std::string out = layout.tokens().empty() ? std::string() : layout.render();
  if (text.substr(0, k_bom.size()) == k_bom) out.insert(0, k_bom);
  if (!same_meaning(p, text, out, file_name)) {
    Diagnostic d;
    d.code = "E0190";
    d.span.begin = {0, 1, 1, 0};
    d.message = "`sop fmt` could not lay out this file without changing it (a formatter bug)";
    d.help = "the file is left as it is; please report it with the file";
    return {std::string(text), {d}};
  }
  return {out, {}};
}

}  // namespace sop
