#pragma once
// The stdlib/*.sop modules compiled into the binary (see cmake/embed_stdlib.cmake), so that
// `sop` works from any directory without an install step.
#include <span>

namespace sop {

struct EmbeddedModule {
  const char* name;    // module name, as written after `import`
  const char* path;    // path shown in diagnostics, e.g. "stdlib/calendars.sop"
  const char* source;  // the file's text
};

// Defined in the generated embedded_stdlib.cpp (library sop_stdlib).
std::span<const EmbeddedModule> embedded_stdlib();

}  // namespace sop
