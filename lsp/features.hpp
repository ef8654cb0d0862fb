#pragma once
// What the server answers, one feature group a file, each a function of an open document (and
// the request's parameters already turned into a byte offset where there is one). Results are
// the LSP 3.17 JSON structures; null where the protocol allows "nothing here".
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/workspace.hpp"

namespace sop::lsp {

// diagnostics.cpp: `textDocument/publishDiagnostics` params for the document: its program's
// diagnostics with the codes and messages of `sop check` (help and notes on lines of their
// own). A diagnostic in another file (an import) is shown at the document's start, where it
// says, and points there through relatedInformation.
nlohmann::json publish_diagnostics(const Document& d);

// hover.cpp: what the name at `offset` is (a fact's type, description and JSON name, an
// enumeration's values, a document's title, the baseline rule an `adopt` or `override` names)
// or, on a rule's first line, the rule's citation and quote. Null when nothing is there.
nlohmann::json hover(const Document& d, uint32_t offset);

// navigation.cpp: the declaration of the name at `offset` (a Location; null if none, or if the
// declaration is in a module that exists only inside the binary), and every use of it.
nlohmann::json definition(const Document& d, uint32_t offset);
nlohmann::json references(const Document& d, uint32_t offset, bool include_declaration);

// completion.cpp: fact, output and def names, enumeration values (only the type's after
// `Type.`), types, functions and keywords, for the word before `offset`.
nlohmann::json completion(const Document& d, uint32_t offset);

// symbols.cpp: the document's declarations; each output or def with its rules beneath it.
nlohmann::json document_symbols(const Document& d);

// formatting.cpp: the document in `sop fmt`'s layout as one whole-text edit (none when it is
// already so); throws std::invalid_argument, an error response, when the text does not parse.
nlohmann::json formatting(const Document& d);

// tests.cpp: a lens above each test that runs the file's tests, and the command behind it.
inline constexpr const char* k_run_tests_command = "sop.runTests";
nlohmann::json code_lenses(const Document& d);
// Runs the document's tests (all, or the one named `only`): {passed, failed, summary,
// results: [{name, passed, failures}]}.
nlohmann::json run_tests(const Document& d, const std::string& only);

// Shared by the features: the URI of a file of the document's program ("" when it is not on
// disk: an embedded module) and the LSP range of a span in it.
std::string file_uri(const Document& d, uint32_t file);
nlohmann::json span_range(const Program& p, const Span& span);

}  // namespace sop::lsp
