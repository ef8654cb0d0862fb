#pragma once
// Loads a program: the root file, its imports (transitively), then checks it.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop {

struct LoadOptions {
  // Directories searched for `import NAME` (as NAME.sop) after the importing file's own
  // directory and its sibling `stdlib/` directory; then the stdlib embedded in the binary.
  std::vector<std::string> search_paths;
  bool use_embedded_stdlib = true;
  // Options other than the defaults for the program's readings (`--reading NAME=OPTION`).
  std::vector<ReadingChoice> readings;
  // Texts read in place of files, keyed by absolute, normalised path (an editor's unsaved
  // buffers, so that a plan sees the module being edited as it stands).
  std::map<std::string, std::string> overlays;
};

struct LoadResult {
  // Always set, so that diagnostics can be rendered against its sources; usable only if
  // `diagnostics` has no errors.
  std::unique_ptr<Program> program;
  Diagnostics diagnostics;
  bool ok() const { return !diagnostics.has_errors(); }
};

// Loads and checks the file at `path`.
LoadResult load_program(const std::string& path, const LoadOptions& options = {});
// Loads and checks `text` as if it were the file `path` (imports resolve beside `path`).
LoadResult load_program_text(const std::string& path, std::string text,
                             const LoadOptions& options = {});

}  // namespace sop
