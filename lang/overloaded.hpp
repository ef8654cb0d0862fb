#pragma once
// The overload set of lambdas for std::visit over the AST's variants (the parser and the
// formatter visit the same node types).

namespace sop {

template <class... Fs>
struct overloaded : Fs... {
  using Fs::operator()...;
};
// Spelt out for clang 14 (the fuzzing build), which lacks C++20's implicit guide for aggregates.
template <class... Fs>
overloaded(Fs...) -> overloaded<Fs...>;

}  // namespace sop
