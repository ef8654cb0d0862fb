#pragma once
// The documents an editor has open, each checked as `sop check` checks a file: the buffer's
// text stands for the file at its path (its imports resolve beside it), and every open buffer
// stands for its file in any program that imports it. A change re-checks the document and every
// open document whose program read it.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "lang/loader.hpp"

namespace sop::lsp {

struct Document {
  std::string uri;
  std::string path;  // the file the URI names
  std::string text;
  int64_t version = 0;
  // The text checked, diagnostics with it (invariant failures included). Always has a program.
  LoadResult load;
  // The last program that got as far as declaring names, kept while the text does not parse
  // (a line being typed), so that completion still knows the names.
  std::unique_ptr<Program> last_declared;

  uint32_t file() const { return load.program->root_module; }
  // The program completion reads: this text's if it declared anything, else the last one.
  const Program& names() const;
};

class Workspace {
 public:
  // Opens or replaces a document; returns the documents checked again: it, and those that
  // import it.
  std::vector<const Document*> open(const std::string& uri, std::string text, int64_t version);
  // Null when the URI is not open.
  Document* find(const std::string& uri);
  // Closes a document; returns the documents that imported it, checked again (with the file).
  std::vector<const Document*> close(const std::string& uri);
  // The open documents, by URI.
  const std::map<std::string, std::unique_ptr<Document>>& documents() const { return docs_; }

 private:
  void check(Document& d) const;
  // Checks again every other document whose program read the file at `path`; appends them.
  void check_importers(const std::string& path, const Document* except,
                       std::vector<const Document*>& checked);
  std::map<std::string, std::unique_ptr<Document>> docs_;
};

}  // namespace sop::lsp
