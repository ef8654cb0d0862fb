// The expressions that declarations carry: a fact's default, an output's or def's inline
// derivation and `unknown as` rendering, and function bodies (with their parameters in scope).
#include "lang/check/passes.hpp"

namespace sop::check {

void lower_declarations(const Environment& env, Lowering& lowering, Program& p) {
  for (size_t i = 0; i < env.var_decls.size(); ++i) {
    const ast::VarDecl& d = *env.var_decls[i];
    Var& v = p.vars[i];
    if (d.value) {
      if (v.kind == VarKind::fact) {
        v.default_node = static_cast<int32_t>(lowering.lower_as(*d.value, v.type, "default"));
      } else {
        v.derive_node = static_cast<int32_t>(lowering.lower_as(*d.value, v.type, "value"));
      }
    }
    if (d.unknown_as) {
      v.unknown_as =
          static_cast<int32_t>(lowering.lower_as(*d.unknown_as, v.type, "`unknown as` value"));
    }
  }
  for (size_t i = 0; i < env.fn_decls.size(); ++i) {
    lowering.enter_function(&p.functions[i]);
    NodeIndex body =
        lowering.lower_as(*env.fn_decls[i]->body, p.functions[i].result, "function result");
    lowering.enter_function(nullptr);
    p.functions[i].body = static_cast<int32_t>(body);
  }
}

}  // namespace sop::check
