#include "lang/check/environment.hpp"

#include <fmt/format.h>

namespace sop::check {

Environment environment_of(const Program& p) {
  Environment env;
  auto index = [](NameIndex& map, const auto& items) {
    for (size_t i = 0; i < items.size(); ++i) map[items[i].name] = static_cast<uint32_t>(i);
  };
  index(env.enums, p.enums);
  index(env.records, p.records);
  index(env.vars, p.vars);
  index(env.functions, p.functions);
  index(env.documents, p.documents);
  index(env.calendars, p.calendars);
  index(env.readings, p.readings);
  for (size_t e = 0; e < p.enums.size(); ++e)
    for (size_t v = 0; v < p.enums[e].values.size(); ++v)
      env.enum_values[p.enums[e].values[v].name].emplace_back(static_cast<uint32_t>(e),
                                                              static_cast<uint32_t>(v));
  return env;
}

std::string where(const Program& p, Span s) {
  if (s.begin.line == 0) return "elsewhere";
  return fmt::format("{}:{}", p.sources.file(s.begin.file).path, s.begin.line);
}

void note_reference(Program& program, Reference::Kind kind, Span use, Span declaration,
                    uint32_t index) {
  program.references.push_back({kind, use, declaration, index});
}

}  // namespace sop::check
