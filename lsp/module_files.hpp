#pragma once
// Where an editor can open the text of a module a program read: the file itself, or, for a
// module that exists only inside the binary (the embedded stdlib, which the loader uses when no
// stdlib/ folder is found beside a policy), a read-only copy written once under the user's cache
// directory — so that go-to-definition and a diagnostic in an import always lead somewhere, and
// to the text that was read, never to a different file of the same name.
#include <string>

#include "lang/source.hpp"

namespace sop::lsp {

// The path of a file holding exactly `f`'s text, or "" when there is none and none can be
// written. The cache directory is $XDG_CACHE_HOME/sop, else ~/.cache/sop, else the system's
// temporary directory.
std::string module_file(const SourceFile& f);

}  // namespace sop::lsp
