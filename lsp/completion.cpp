#include <cctype>

#include "lang/parser.hpp"
#include "lsp/features.hpp"

namespace sop::lsp {

namespace {

// LSP CompletionItemKind.
enum ItemKind {
  k_function = 3,
  k_variable = 6,
  k_class = 7,
  k_enum = 13,
  k_keyword = 14,
  k_member = 20
};

bool word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

nlohmann::json item(const std::string& label, int kind, const std::string& detail,
                    const std::string& doc = {}) {
  nlohmann::json j = {{"label", label}, {"kind", kind}, {"detail", detail}};
  if (!doc.empty()) j["documentation"] = doc;
  return j;
}

const char* kind_word(VarKind k) {
  return k == VarKind::fact ? "fact" : k == VarKind::output ? "output" : "def";
}

void add_enum_values(const EnumDef& e, nlohmann::json& out) {
  for (const EnumDef::Item& v : e.values) out.push_back(item(v.name, k_member, e.name, v.doc));
}

void add_everything(const Program& p, nlohmann::json& out) {
  for (const Var& v : p.vars)
    out.push_back(item(v.name, k_variable,
                       std::string(kind_word(v.kind)) + ": " + p.type_name(v.type), v.doc));
  for (const EnumDef& e : p.enums) {
    out.push_back(item(e.name, k_enum, "enum", e.doc));
    add_enum_values(e, out);
  }
  for (const RecordDef& r : p.records) out.push_back(item(r.name, k_class, "record", r.doc));
  for (const Function& f : p.functions)
    out.push_back(item(f.name, k_function, "fn -> " + p.type_name(f.result), f.doc));
  for (std::string_view k : keywords()) out.push_back(item(std::string(k), k_keyword, "keyword"));
}

}  // namespace

nlohmann::json completion(const Document& d, uint32_t offset) {
  const Program& p = d.names();
  std::string_view text = d.text;
  size_t end = std::min<size_t>(offset, text.size());
  size_t start = end;
  while (start > 0 && word_char(text[start - 1])) --start;
  nlohmann::json items = nlohmann::json::array();
  // `Type.` offers that enumeration's values only.
  if (start > 0 && text[start - 1] == '.') {
    size_t owner = start - 1;
    while (owner > 0 && word_char(text[owner - 1])) --owner;
    int32_t e = p.find_enum(text.substr(owner, start - 1 - owner));
    if (e >= 0) add_enum_values(p.enums[static_cast<size_t>(e)], items);
    return {{"isIncomplete", false}, {"items", std::move(items)}};
  }
  add_everything(p, items);
  return {{"isIncomplete", false}, {"items", std::move(items)}};
}

}  // namespace sop::lsp
