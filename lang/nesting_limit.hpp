#pragma once
// How deep the parser lets expressions and types nest: pathological input becomes a diagnostic
// instead of a stack overflow. Its own header so that the grammar can use it without the
// parser's interface.
namespace sop {

inline constexpr int k_max_expression_depth = 256;

}  // namespace sop
