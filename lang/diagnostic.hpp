#pragma once
// Diagnostics are values collected per layer, sorted and printed one way:
//   file:line:col: error: message
//    12 | the source line
//       |     ^~~~
//   help: advice
#include <string>
#include <vector>

#include "lang/source.hpp"

namespace sop {

enum class Severity { error, warning, note };

struct Diagnostic {
  std::string code;  // stable id, e.g. "E0101" (syntax), "E0201" (undefined name)
  Severity severity = Severity::error;
  Span span;
  std::string message;  // lowercase, no final period, user text in backticks
  std::string help;     // optional advice, printed on its own line
  // Further lines of evidence (e.g. a counterexample and the rules behind it), each printed on
  // its own `note:` line after the help.
  std::vector<std::string> notes;
};

class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  void error(std::string code, Span span, std::string message, std::string help = {});
  void warning(std::string code, Span span, std::string message, std::string help = {});
  bool has_errors() const;
  size_t error_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  void append(const Diagnostics& other);
  // Sorts by file, line, column (stable for equal positions).
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// Renders one diagnostic in the file:line:col form with the source line and a caret.
std::string format_diagnostic(const Diagnostic& d, const SourceSet& sources);
// Renders all (sorted) diagnostics, each followed by a newline.
std::string format_diagnostics(const Diagnostics& ds, const SourceSet& sources);

}  // namespace sop
