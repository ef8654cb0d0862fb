#pragma once
// The names a program declares, as the declaration passes find them: built once by
// `declare_names` and `resolve_declarations`, then read (never changed) by every later pass.
// Indices are those of the Program's tables (enums, records, vars, functions, documents,
// calendars); the declarations as written sit beside them, index-aligned, for the passes
// that lower their expressions.
#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop::check {

using NameIndex = std::unordered_map<std::string, uint32_t>;

struct Environment {
  NameIndex enums, records, vars, functions, documents, calendars, readings;
  // A bare enum value's name → every (enum, value) that has it.
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> enum_values;

  std::vector<const ast::EnumDecl*> enum_decls;
  std::vector<const ast::RecordDecl*> record_decls;
  std::vector<const ast::VarDecl*> var_decls;
  std::vector<const ast::FnDecl*> fn_decls;
  const ast::HeaderDecl* header_decl = nullptr;
  const ast::PlanDecl* plan_decl = nullptr;
  // In source order, each with the file index of its module.
  std::vector<std::pair<const ast::Definition*, uint32_t>> definitions;
  std::vector<std::pair<const ast::TestDecl*, uint32_t>> tests;
  std::vector<std::pair<const ast::InvariantDecl*, uint32_t>> invariants;
  std::vector<const ast::ReadingDecl*> reading_decls;
};

// The environment of a program already checked, for expressions compiled against it later:
// the name tables only (there are no declarations to lower).
Environment environment_of(const Program& program);

// "file:line" of a span, for messages that point at a second place.
std::string where(const Program& program, Span span);

// Adds a resolved reference to the program's side table.
void note_reference(Program& program, Reference::Kind kind, Span use, Span declaration,
                    uint32_t index);

}  // namespace sop::check
