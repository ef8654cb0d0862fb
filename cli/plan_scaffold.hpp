#pragma once
// `sop new plan`: the text of a new plan file, generated from the standard library it imports,
// so that it follows the library as the library changes: the `plan` block lists every field the
// `header { … }` declaration declares, and the baseline accounting lists every rule of every
// baseline definition and every output no baseline defines, each as a commented stub to fill
// in. The scaffold does not pass `sop check` until the analyst writes what only the policy can
// say (the header's values, a citation per rule): the checker's messages then name each thing
// to fill in (docs/tutorial.md, "Start a new plan"; docs/design.md says why).
#include <map>
#include <optional>
#include <string>

#include "lang/program.hpp"

namespace sop::cli {

// The modules a new plan imports: every module of the embedded standard library.
std::string scaffold_imports();

struct ScaffoldOptions {
  std::string id;                             // the plan id, the file's stem
  std::map<std::string, std::string> fields;  // header field → its string value (--issuer …)
};

// The plan file for `options`, given `library`: scaffold_imports() checked as a module of its
// own. An error message (and no text) when a given field is not a string field of the header.
struct Scaffold {
  std::string text;
  std::string error;
};
Scaffold plan_scaffold(const Program& library, const ScaffoldOptions& options);

}  // namespace sop::cli
