#pragma once
// Expression checking and lowering: types each expression of the syntax tree against the
// environment and emits the flat, typed nodes the interpreter runs. Every name is resolved
// here, once, to a var, parameter, enum value, calendar or document, and recorded in the
// program's reference table.
#include <optional>
#include <string>

#include "lang/ast.hpp"
#include "lang/check/environment.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop::check {

class Lowering {
 public:
  Lowering(const Environment& env, Program& program, Diagnostics& diags)
      : env_(env), p_(program), diags_(diags) {}

  // Types and lowers `e`; `expected` guides bare enum names and literals (0: no expectation).
  NodeIndex lower(const ast::Expr& e, TypeId expected);
  // Lowers `e` and reports an error (E0300) unless its type is assignable to `expected`.
  NodeIndex lower_as(const ast::Expr& e, TypeId expected, const char* what);
  // The value of a constant node (a literal, a negated int, a set of literals), if it is one.
  std::optional<Value> fold(NodeIndex n) const;
  // Parameters of `fn` are in scope until the next call (null: none).
  void enter_function(const Function* fn) { current_fn_ = fn; }

 private:
  NodeIndex lower_literal(const ast::Expr& e);
  NodeIndex lower_name(const ast::Expr& e, const ast::Name& n, TypeId expected);
  NodeIndex lower_value_name(const ast::Expr& e, const ast::Name& n);
  NodeIndex lower_member(const ast::Expr& e, const ast::Member& m);
  NodeIndex lower_qualified(const ast::Expr& e, const ast::Member& m, bool& matched);
  NodeIndex lower_field(const ast::Expr& e, const ast::Member& m);
  NodeIndex lower_binary(const ast::Expr& e, const ast::Binary& b, TypeId expected);
  NodeIndex lower_comparison(const ast::Expr& e, const ast::Binary& b);
  NodeIndex lower_in(const ast::Expr& e, const ast::Binary& b);
  NodeIndex lower_arithmetic(const ast::Expr& e, const ast::Binary& b);
  NodeIndex lower_date_arithmetic(const ast::Expr& e, const ast::Binary& b, NodeIndex l,
                                  NodeIndex r);
  NodeIndex lower_call(const ast::Expr& e, const ast::Call& c);
  NodeIndex lower_builtin(const ast::Expr& e, const ast::Call& c);
  NodeIndex lower_record(const ast::Expr& e, const ast::RecordLit& r, TypeId expected);
  NodeIndex lower_collection(const ast::Expr& e, const ast::CollectionLit& c, TypeId expected);

  NodeIndex emit(Op op, TypeId type, Span span, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0);
  NodeIndex constant(Value v, TypeId type, Span span);
  NodeIndex error_node(Span span);
  uint32_t emit_operands(const std::vector<NodeIndex>& operands);
  int32_t enum_value_for(const std::string& name, TypeId expected, uint32_t& enum_index) const;
  std::string type_name(TypeId t) const { return p_.type_name(t); }
  // "`Tier` is one of: a, b, c" for enumeration `enum_index`.
  std::string enum_values_help(uint32_t enum_index) const;
  // The same for type `t` when it is an enumeration (or an optional one), else "".
  std::string enum_values_help_for(TypeId t) const;
  void note(Reference::Kind kind, Span use, Span declaration, uint32_t index) {
    note_reference(p_, kind, use, declaration, index);
  }

  const Environment& env_;
  Program& p_;
  Diagnostics& diags_;
  const Function* current_fn_ = nullptr;
};

}  // namespace sop::check
