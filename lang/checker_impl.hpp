#pragma once
// Private to the checker's .cpp files: the Checker's state, shared by declaration checking
// (checker.cpp), expression lowering (lower.cpp) and definition assembly (definitions.cpp).
#include <string>
#include <unordered_map>
#include <vector>

#include "lang/ast.hpp"
#include "lang/diagnostic.hpp"
#include "lang/program.hpp"

namespace sop {

class Checker {
 public:
  Checker(const std::vector<ast::Module>& modules, Program& program, Diagnostics& diags)
      : modules_(modules), p_(program), diags_(diags) {}
  // For expressions against a program already checked: the name tables are rebuilt from it.
  Checker(Program& program, Diagnostics& diags);
  void run();

  // ---- expression lowering (lower.cpp)
  // Types and lowers `e`; `expected` guides bare enum names and literals (0: no expectation).
  NodeIndex lower(const ast::Expr& e, TypeId expected);
  // Lowers `e` and reports an error unless its type is assignable to `expected`.
  NodeIndex lower_as(const ast::Expr& e, TypeId expected, const char* what);
  NodeIndex emit(Op op, TypeId type, Span span, uint32_t a = 0, uint32_t b = 0, uint32_t c = 0);
  NodeIndex constant(Value v, TypeId type, Span span);
  std::string type_name(TypeId t) const { return p_.type_name(t); }

 private:
  // checker.cpp
  void declare();
  void declare_module(const ast::Module& m, bool root);
  bool claim_value_name(const std::string& name, Span span);
  TypeId resolve_type(const ast::TypeExpr& t);
  void resolve_declarations();
  void check_header();
  void lower_vars_and_functions();
  void order_evaluation();
  void check_evaluation_limits();  // limits.cpp
  void check_tests();
  void check_completeness();
  std::optional<Value> fold(NodeIndex n);
  void refs_of(NodeIndex n, std::vector<uint32_t>& vars, std::vector<uint32_t>& fns) const;

  // definitions.cpp
  void assemble_definitions();

  // lower.cpp helpers
  NodeIndex lower_name(const ast::Expr& e, const ast::Name& n, TypeId expected);
  NodeIndex lower_member(const ast::Expr& e, const ast::Member& m, TypeId expected);
  NodeIndex lower_binary(const ast::Expr& e, const ast::Binary& b, TypeId expected);
  NodeIndex lower_call(const ast::Expr& e, const ast::Call& c, TypeId expected);
  NodeIndex lower_record(const ast::Expr& e, const ast::RecordLit& r, TypeId expected);
  NodeIndex lower_collection(const ast::Expr& e, const ast::CollectionLit& c, TypeId expected);
  NodeIndex error_node(Span span);
  int32_t enum_value_for(const std::string& name, TypeId expected, uint32_t& enum_index) const;

 public:
  const std::vector<ast::Module>& modules_;
  Program& p_;
  Diagnostics& diags_;

  std::unordered_map<std::string, uint32_t> enums_, records_, vars_, fns_, docs_, cals_;
  std::unordered_map<std::string, Span> value_names_;  // every value-namespace name, for duplicates
  std::unordered_map<std::string, std::vector<std::pair<uint32_t, uint32_t>>> enum_values_;
  std::vector<const ast::EnumDecl*> enum_decls_;
  std::vector<const ast::RecordDecl*> record_decls_;
  std::vector<const ast::VarDecl*> var_decls_;
  std::vector<const ast::FnDecl*> fn_decls_;
  const ast::HeaderDecl* header_decl_ = nullptr;
  const ast::PlanDecl* plan_decl_ = nullptr;
  std::vector<std::pair<const ast::Definition*, uint32_t>> definitions_;  // with module file
  std::vector<std::pair<const ast::TestDecl*, uint32_t>> tests_;

  // Scope while lowering a function body: parameter name → index into the function's params.
  const Function* current_fn_ = nullptr;
  std::vector<std::vector<uint32_t>> fn_refs_vars_, fn_refs_fns_;
};

}  // namespace sop
