#pragma once
// The evaluator: applies a checked Program to one case at a time.
//
// Construction does all the allocation (slots, arena blocks) and compiles the program's nodes
// into this evaluator's own code (evaluator_code.cpp): compact nodes whose operands are code
// indices, with every expression that does not depend on the case folded to a constant and calls
// with constant arguments inlined, so that `within(72 hours)` costs what its case-dependent part
// costs. evaluate() then walks that code with names already resolved to slots: no string
// look-up and, once the arena has grown to the program's needs, no heap allocation.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "interpreter/arena.hpp"
#include "interpreter/calendar.hpp"
#include "lang/program.hpp"

namespace sop {

// The facts of one case: a value per var (facts only; others stay unknown).
struct Case {
  std::vector<Value> facts;         // indexed by var index
  std::deque<std::string> strings;  // storage the string values point into
  explicit Case(const Program& p) : facts(p.vars.size()) {}
  Case() = default;
};

struct TraceEntry {
  uint32_t var;   // the output or def the rule defines
  uint32_t rule;  // the rule (or exception) that fired
};

enum class Tri : uint8_t { no, yes, unknown };

class Evaluator {
 public:
  explicit Evaluator(const Program& program);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Evaluates every output and def for `c`. Results stay valid until the next call.
  // Fact defaults (declared `= …`) are applied to absent facts here.
  void evaluate(const Case& c, bool trace = true);

  // Why the last evaluate() could not decide its case, if it could not: an operation whose
  // result does not exist (an integer overflow, a date before 0001-01-01 or after 9999-12-31) makes
  // its value unknown and is reported here (the first one, with the expression and where it is in
  // the policy). Such a case is an error, not a determination with holes; empty if none.
  const std::string& fault() const { return fault_; }

  const Program& program() const { return p_; }
  const Value& value(uint32_t var) const { return slots_[var]; }
  const std::vector<TraceEntry>& trace() const { return trace_; }

  // The unknown facts that decide an output that is now unknown (or holds an unknown part),
  // as fact var indices in declaration order. Allocates; meant for reporting.
  std::vector<uint32_t> missing_facts();
  // The unknown facts that `var` depends on (for a REPL's "why").
  std::vector<uint32_t> missing_facts_of(uint32_t var);

  // Evaluates one node against the current case (REPL, tests). Records and lists it builds
  // live until the next evaluate().
  Value eval(NodeIndex n);

  // Built on first use: a calendar's table costs some 14 KB and 1,200 holiday computations,
  // and a program may declare any number of calendars it never counts on.
  const Calendar& calendar(uint32_t index) const;

  // One operation on its operands' values (every op but constant, fact, var, param,
  // current_cite and call): the single definition of what each operator means, shared by
  // eval() and by analyses that evaluate over sets of cases. Records and lists it builds live
  // in this evaluator's arena until the next evaluate().
  Value combine(const Node& n, const Value* operands);
  static uint32_t operand_count(const Node& n);
  NodeIndex operand(const Node& n, uint32_t i) const;
  // The per-case arena, for analyses that build values with combine() across many cases.
  Arena& arena() { return arena_; }

  // What-if support: from the next evaluate() on, output or def `var` takes the value of node
  // `expr` (evaluated in its place, dependencies first) instead of its own rules; k_none unpins.
  void pin(uint32_t var, int32_t expr);
  int32_t pinned(uint32_t var) const { return pinned_[var]; }
  // Whether `rule` (with its exceptions) applies to the current case.
  Tri applies(uint32_t rule) { return outcome(rule).applies; }

  // Deep: a record field or list item that is unknown makes the value incomplete.
  bool incomplete(const Value& v, TypeId type) const;
  // Three-valued equality (unknown when either side is, or a partial list decides nothing).
  Tri equal(const Value& a, const Value& b) const;

 private:
  struct Outcome {
    Tri applies;
    uint32_t cite_rule;  // the rule whose citation the value carries
    int32_t value_code;  // the code that gives the value (k_none: none)
  };
  // A program node compiled for this evaluator: the node's op and non-operand fields, with
  // operands as code indices (a, b, c as in Node; n-ary operands in code_operands_).
  struct Code {
    Op op = Op::constant;
    uint32_t a = 0, b = 0, c = 0;
    NodeIndex origin = 0;  // the program node: its span, type and non-operand fields
  };
  // A rule's condition, value and exceptions as code (k_none: absent).
  struct RuleCode {
    int32_t condition = k_none;
    int32_t value = k_none;
    bool skip = false;
    bool has_exceptions = false;
  };
  // One output or def in evaluation order, and how it is defined.
  struct Step {
    uint32_t var;
    int32_t derive = k_none;      // code of an inline derivation
    int32_t definition = k_none;  // else a definition
  };
  void compile_program();
  uint32_t compile(NodeIndex n, const std::vector<int32_t>* params);
  uint32_t emit(const Code& c);
  uint32_t constant(const Value& v, NodeIndex origin);
  bool inlinable(const Function& fn, const std::vector<uint32_t>& args) const;
  uint32_t fold(uint32_t code);
  Value run(uint32_t code);
  // A boolean expression's truth, without building Values (conditions, and, or, not, ==).
  Tri test(uint32_t code);
  // The value of an operand: a slot, a constant or a field of a slot read in place, else run.
  const Value& operand_value(uint32_t code, Value& scratch);
  Value run_call(const Code& c);
  Value run_operands(const Code& c);
  Tri condition_code(int32_t code) {
    return code == k_none ? Tri::yes : test(static_cast<uint32_t>(code));
  }
  Value evaluate_definition(const Definition& d);
  Value evaluate_first(const Definition& d);
  Value evaluate_collect(const Definition& d);
  // Inline: most rules have no exceptions, and this is on every rule's path.
  Outcome outcome(uint32_t rule) {
    const RuleCode& rc = rule_code_[rule];
    if (!rc.has_exceptions) return {condition_code(rc.condition), rule, rc.value};
    return outcome_with_exceptions(rule);
  }
  Outcome outcome_with_exceptions(uint32_t rule);
  Tri condition(int32_t node);
  Value eval_arith(const Node& n, const Value& a, const Value& b, const Value* cal);
  Value apply_builtin(const Node& n, Value a);
  // Records a fault (if it is the first) and returns unknown, the value of the operation.
  Value fail(const Node& n, std::string_view what);
  Value date_result(const Node& n, int64_t day);
  // `day` plus `amount` business days of calendar `cal`, or a fault when the count walks over
  // a day whose holiday the calendar does not know (a listed holiday's unlisted year).
  Value business_days(const Node& n, uint32_t cal, int32_t day, int64_t amount);
  Value datetime_result(const Node& n, int64_t epoch_seconds, int32_t offset_minutes);
  Tri compare_order(const Value& a, const Value& b, int& sign) const;
  Tri member(const Value& x, const Value& xs) const;

  void blame_var(uint32_t v, std::vector<uint8_t>& facts, std::vector<uint8_t>& seen);
  void blame_node(NodeIndex n, std::vector<uint8_t>& facts, std::vector<uint8_t>& seen);
  void blame_rule(uint32_t r, std::vector<uint8_t>& facts, std::vector<uint8_t>& seen);

  const Program& p_;
  std::vector<Value> slots_;
  std::vector<Code> code_;
  std::vector<uint32_t> code_operands_;
  std::vector<Value> consts_;
  std::vector<uint32_t> entry_;      // program node -> its code (compiled without inlining)
  std::vector<RuleCode> rule_code_;  // per rule
  std::vector<Step> steps_;          // eval_order
  std::vector<std::pair<uint32_t, int32_t>> defaults_;  // fact var, code of its default (or k_none)
  std::vector<uint8_t> collect_set_;                    // per definition: a collect into a set
  Arena const_arena_;                                   // the records and lists of folded constants
  bool any_pinned_ = false;
  bool bulk_facts_ = false;  // every var that is not a fact is written by a step
  std::vector<std::pair<uint32_t, int32_t>> defaulted_;       // the facts with a default
  mutable std::vector<std::unique_ptr<Calendar>> calendars_;  // null until first used
  Arena arena_;
  std::vector<TraceEntry> trace_;
  bool tracing_ = true;
  int32_t current_rule_ = k_none;
  // While blaming inside a function body: the argument node each parameter slot came from.
  std::vector<int32_t> param_args_;
  std::vector<int32_t> pinned_;  // per var: a node that replaces its definition, or k_none
  std::string fault_;
};

const char* tri_name(Tri t);

}  // namespace sop
