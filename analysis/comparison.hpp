#pragma once
// The one comparison engine under `sop diff`, `sop matrix` and change impact: programs compared
// over the case space they share. Each program is evaluated symbolically once
// (analysis/symbolic.hpp) and each of its outputs taken apart into components once; every
// question asked of the comparison (this pair, those five plans, A against A-plus-one-change)
// reuses them. A cell is a set of cases where each program asked about gives one value of a
// component and the values are not all equal: exact by construction, as BDDs over the facts.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "analysis/bdd.hpp"
#include "analysis/case_space.hpp"
#include "analysis/output_components.hpp"
#include "analysis/symbolic.hpp"
#include "interpreter/codec/case_json.hpp"

namespace sop::analysis {

// An output the programs write, matched by JSON name.
struct ComparedOutput {
  std::string json;
  std::vector<int32_t> var;  // per program: its var, or k_none when it does not write it
};

// One program's value of one component over a set of cases.
struct ComponentValue {
  Bdd::Ref guard = Bdd::k_false;
  nlohmann::json value;   // null: no value (unknown, or does not apply)
  int32_t rule = k_none;  // the rule that decided the whole output, or k_none
  int32_t cite = k_none;  // the rule whose citation the component carries, or k_none
  bool no_item = false;   // an item the component lies inside is absent
  uint8_t no_value = 0;   // why `value` is null (NoValue bits): for text, not compared
};

// A set of cases where the programs asked about give `values` (not all equal), with the
// combinations of their component values (rules, citations) that occur there.
struct Cell {
  std::vector<nlohmann::json> values;  // per program asked about
  Bdd::Ref cases = Bdd::k_false;
  struct Combination {
    std::vector<const ComponentValue*> parts;  // per program asked about
    Bdd::Ref cases;
  };
  std::vector<Combination> combinations;
};

class Comparison {
 public:
  // `zone`: the clock the case space's representative date-times are written on.
  explicit Comparison(std::vector<const Program*> programs, const TimeZone* zone = nullptr);
  Comparison(const Comparison&) = delete;
  Comparison& operator=(const Comparison&) = delete;

  size_t size() const { return programs_.size(); }
  const Program& program(size_t p) const { return *programs_[p]; }
  const CaseSpace& space() const { return space_; }
  const FactEncoding& encoding() const { return encoding_; }
  Bdd& bdd() { return bdd_; }
  // Outputs in declaration order (the first program's, then any only later ones write);
  // bookkeeping derived from the header or the case itself (plan id, case id) is left out.
  const std::vector<ComparedOutput>& outputs() const { return outputs_; }
  // Caveats: outputs or facts only some programs have.
  std::vector<std::string> notes(const std::vector<std::string>& names) const;

  // The components of output `o` any program gives, in the order first met.
  const std::vector<std::string>& components(size_t o);
  // Program `p`'s values of component `c` of output `o`, equal ones merged.
  const std::vector<ComponentValue>& values(size_t o, const std::string& c, size_t p);
  // Each program's whole value of output `o` as compared (citations aside), by guard.
  const std::vector<std::pair<Bdd::Ref, nlohmann::json>>& whole_values(size_t o, size_t p);

  // The cells of component `c` of output `o` among `programs` (indices): where their values
  // differ and every one has the items the component lies inside. `limit` bounds the
  // combinations explored; `complete` turns false when it is reached.
  std::vector<Cell> cells(size_t o, const std::string& c, const std::vector<size_t>& programs,
                          size_t limit, bool& complete);

  // The cases where program `p`'s boolean var `var` (a def or output) is true.
  Bdd::Ref holds(size_t p, uint32_t var);

  // Evaluates `witness` (a sop.case/1 object) under program `p` the ordinary way and returns
  // its value of component `c` of output `o` (value, deciding rule, citation). nullopt when
  // the witness does not decode.
  std::optional<ComponentValue> concrete(const nlohmann::json& witness, size_t o,
                                         const std::string& c, size_t p);

 private:
  struct Alternative {
    Bdd::Ref guard;
    std::vector<OutputComponent> parts;  // sorted by path
    int32_t rule;
  };
  const std::vector<Alternative>& alternatives(size_t o, size_t p);
  std::vector<OutputComponent> parts_of(Evaluator& ev, const Var& var, Value value,
                                        int32_t rule) const;

  std::vector<const Program*> programs_;
  CaseSpace space_;
  Bdd bdd_;
  FactEncoding encoding_;
  std::vector<std::unique_ptr<SymbolicEvaluator>> symbolic_;
  std::vector<std::unique_ptr<Evaluator>> concrete_;
  std::vector<std::unique_ptr<CaseDecoder>> decoders_;
  std::vector<ComparedOutput> outputs_;
  // Memos: [output][program] alternatives; [output] components; (output, component, program)
  // values.
  std::vector<std::vector<std::optional<std::vector<Alternative>>>> alternatives_;
  std::vector<std::optional<std::vector<std::string>>> components_;
  std::map<std::tuple<size_t, std::string, size_t>, std::vector<ComponentValue>> values_;
  std::map<std::pair<size_t, size_t>, std::vector<std::pair<Bdd::Ref, nlohmann::json>>> whole_;
};

}  // namespace sop::analysis
