// Readings: each becomes an enumeration of its options (so a condition can compare with them,
// `list_reading == closed`) and a constant, the option chosen. The choice is made here, once,
// from the defaults and the `--reading NAME=OPTION` choices the program was loaded with, so
// that evaluation folds every condition on a reading away.
#include <algorithm>

#include <fmt/format.h>

#include "lang/check/passes.hpp"
#include "lang/suggest.hpp"

namespace sop::check {

namespace {

std::string option_names(const ReadingDef& r) {
  std::string out;
  for (const auto& o : r.options) out += (out.empty() ? "`" : ", `") + o.name + "`";
  return out;
}

int32_t option_index(const ReadingDef& r, const std::string& name) {
  for (size_t i = 0; i < r.options.size(); ++i)
    if (r.options[i].name == name) return static_cast<int32_t>(i);
  return -1;
}

// The options, each cited (E0290), at least two (E0291), names unique (E0210).
ReadingDef reading_of(const ast::ReadingDecl& d, Diagnostics& diags) {
  ReadingDef r{d.name, d.doc, 0, {}, 0, d.because, 0, d.span};
  for (const auto& o : d.options) {
    if (std::any_of(r.options.begin(), r.options.end(),
                    [&](const ReadingDef::Option& x) { return x.name == o.name; })) {
      diags.error("E0210", o.span,
                  fmt::format("`{}` is already an option of `{}`", o.name, d.name));
      continue;
    }
    ReadingDef::Option option{o.name, o.doc, "", "", o.span};
    if (o.citation) option.cite = o.citation->cite, option.quote = o.citation->quote;
    if (option.cite.empty()) {
      diags.error("E0290", o.span,
                  fmt::format("option `{}` of `{}` has no citation", o.name, d.name),
                  "each reading of the text cites the passage that supports it");
    }
    r.options.push_back(std::move(option));
  }
  if (r.options.size() < 2) {
    diags.error("E0291", d.name_span,
                fmt::format("reading `{}` has {} option{}; a reading chooses between two or more",
                            d.name, r.options.size(), r.options.size() == 1 ? "" : "s"));
  }
  return r;
}

// The enumeration of the options, so that conditions can name them.
uint32_t add_enumeration(const ReadingDef& r, Environment& env, Program& p) {
  EnumDef e{r.name, r.doc, {}, r.span};
  for (size_t i = 0; i < r.options.size(); ++i) {
    e.values.push_back({r.options[i].name, r.options[i].doc, r.options[i].name, r.options[i].span});
    env.enum_values[r.options[i].name].emplace_back(static_cast<uint32_t>(p.enums.size()),
                                                    static_cast<uint32_t>(i));
  }
  auto index = static_cast<uint32_t>(p.enums.size());
  env.enums[r.name] = index;
  p.enums.push_back(std::move(e));
  return index;
}

// A choice names a declared reading (E0293) and one of its options (E0294).
void apply_choice(const ReadingChoice& c, const Environment& env, Program& p, Diagnostics& diags) {
  auto it = env.readings.find(c.reading);
  if (it == env.readings.end()) {
    std::string names;
    std::vector<std::string> candidates;
    for (const ReadingDef& r : p.readings) {
      names += (names.empty() ? "`" : ", `") + r.name + "`";
      candidates.push_back(r.name);
    }
    std::string help = did_you_mean_help(c.reading, candidates);
    diags.error("E0293", Span{}, fmt::format("the program has no reading `{}`", c.reading),
                !help.empty()   ? help
                : names.empty() ? "it declares no readings"
                                : "its readings are: " + names);
    return;
  }
  ReadingDef& r = p.readings[it->second];
  int32_t option = option_index(r, c.option);
  if (option < 0) {
    std::vector<std::string> candidates;
    for (const auto& o : r.options) candidates.push_back(o.name);
    std::string help = did_you_mean_help(c.option, candidates);
    diags.error("E0294", Span{},
                fmt::format("reading `{}` has no option `{}`", c.reading, c.option),
                help.empty() ? "its options are: " + option_names(r) : help);
    return;
  }
  r.chosen = static_cast<uint32_t>(option);
}

}  // namespace

void resolve_readings(Environment& env, const std::vector<ReadingChoice>& choices, Program& p,
                      Diagnostics& diags) {
  for (const ast::ReadingDecl* d : env.reading_decls) {
    ReadingDef r = reading_of(*d, diags);
    int32_t option = option_index(r, d->default_option);
    if (option < 0) {
      diags.error("E0292", d->default_span,
                  fmt::format("`{}` is not an option of `{}`", d->default_option, d->name),
                  "the options are: " + option_names(r));
    }
    r.default_option = r.chosen = static_cast<uint32_t>(std::max(option, 0));
    r.enumeration = add_enumeration(r, env, p);
    p.readings.push_back(std::move(r));
  }
  for (const ReadingChoice& c : choices) apply_choice(c, env, p, diags);
}

}  // namespace sop::check
