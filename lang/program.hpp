#pragma once
// A checked program: every name resolved to an index, every expression lowered to a flat array
// of typed nodes. The interpreter evaluates this; it never sees the AST or a name string on the
// evaluation path. One Program evaluates any number of cases.
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lang/declaration_kinds.hpp"
#include "lang/holiday.hpp"
#include "lang/source.hpp"
#include "lang/types.hpp"
#include "lang/value.hpp"

namespace sop {

using NodeIndex = uint32_t;
inline constexpr int32_t k_none = -1;

enum class Op : uint8_t {
  constant,  // constants[a]
  fact,      // the slot of var a (a fact)
  var,       // the slot of var a (an output or def)
  param,     // slot a (a function parameter)
  not_,
  neg,  // a
  and_,
  or_,
  coalesce,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  add,
  sub,
  mul,  // a, b
  add_cal,
  sub_cal,       // a + b using c
  if_,           // if a then b else c
  field,         // field b of record a
  project,       // field b of every record in list a (a list)
  make_record,   // record a; fields: operands[b .. b+c)
  make_list,     // operands[b .. b+c)
  make_set,      // enum a; operands[b .. b+c)
  call,          // function a; arguments operands[b .. b+c)
  builtin,       // Builtin a; arguments operands[b .. b+c)
  current_cite,  // the citation of the rule being evaluated
};

enum class Builtin : uint8_t { count, known, unit_of, amount_of, date_of, certain };

struct Node {
  Op op = Op::constant;
  TypeId type = 0;
  uint32_t a = 0, b = 0, c = 0;
  Span span;
};

struct Program;
// A node's operands: how many, and the i-th, whatever the op stores them in.
uint32_t operand_count(const Node& n);
NodeIndex operand(const Program& p, const Node& n, uint32_t i);

struct EnumDef {
  std::string name;
  std::string doc;
  struct Item {
    std::string name;
    std::string doc;
    std::string json;
    Span span;
  };
  std::vector<Item> values;
  Span span;
};

struct RecordDef {
  std::string name;
  std::string doc;
  struct Field {
    std::string name;
    TypeId type = 0;
    std::string doc;
    std::string json;
    Span span;
  };
  std::vector<Field> fields;
  Span span;
};

struct Var {
  VarKind kind = VarKind::fact;
  std::string name;
  TypeId type = 0;
  std::string doc;
  std::string json;
  std::optional<int64_t> range_lo, range_hi;
  int32_t default_node = k_none;  // fact: its value when absent
  int32_t derive_node = k_none;   // output / def: inline derivation
  int32_t unknown_as = k_none;    // output: rendering of unknown
  int32_t definition = k_none;    // output / def: index into definitions
  uint32_t module = 0;            // file index of the declaring module
  Span span;
};

struct Rule {
  enum class Kind { rule, otherwise, exception };
  Kind kind = Kind::rule;
  std::string label;
  std::string title;  // display name (falls back to label)
  std::string cite;
  std::string quote;
  std::string baseline_cite;         // the baseline's citation, when adopted or overridden
  int32_t condition = k_none;        // none: always applies
  int32_t value = k_none;            // none (exception): the value of the rule it modifies
  bool skip = false;                 // exception: the rule it modifies does not apply
  std::vector<uint32_t> exceptions;  // rule indices, tried in order before this rule
  uint32_t definition = 0;
  Span span;
  const std::string& display() const { return title.empty() ? label : title; }
};

struct Definition {
  uint32_t var = 0;
  Combinator combinator = Combinator::value;
  std::vector<uint32_t> rules;  // top-level rules, in order (exceptions hang off them)
  Span span;
};

struct Function {
  std::string name;
  std::string doc;
  std::vector<uint32_t> param_slots;
  std::vector<TypeId> param_types;
  std::vector<std::string> param_names;
  std::vector<Span> param_spans;
  TypeId result = 0;
  int32_t body = k_none;
  Span span;
};

struct DocumentDef {
  std::string name;
  std::string ref;
  std::string title;
  Span span;
};

struct CalendarDef {
  std::string name;
  std::string doc;
  std::string cite;
  std::vector<Holiday> holidays;
  Span span;
};

struct TestDef {
  std::string name;
  std::string cite;
  struct Given {
    uint32_t fact = 0;
    NodeIndex value = 0;
    Span span;
  };
  std::vector<Given> given;
  struct Expect {
    ExpectKind kind = ExpectKind::holds;
    NodeIndex node = 0;
    std::vector<uint32_t> facts;  // missing
    Span span;
  };
  std::vector<Expect> expects;
  uint32_t module = 0;
  Span span;
};

// A property every determination of the plan must have: wherever `condition` holds (k_none:
// everywhere), `claim` is never false. Proved over the whole case space by the analysis layer
// (analysis/invariants.hpp), not evaluated per case.
struct InvariantDef {
  std::string label;
  std::string title;  // what it says, in words (falls back to the label)
  std::string cite;
  std::string quote;
  int32_t condition = k_none;
  NodeIndex claim = 0;
  uint32_t module = 0;  // file index of the declaring module
  Span span;
  const std::string& display() const { return title.empty() ? label : title; }
};

// A place where the source supports more than one reading (`reading NAME { … }`): the options
// with the quotes behind each, the default and why, and the option this program was checked
// with. A use of NAME in an expression is the chosen option, a constant: every analysis
// compares readings by comparing two programs.
struct ReadingDef {
  std::string name;
  std::string doc;
  uint32_t enumeration = 0;  // the enum whose values are the options (named NAME)
  struct Option {
    std::string name;
    std::string doc;
    std::string cite;
    std::string quote;
    Span span;
  };
  std::vector<Option> options;
  uint32_t default_option = 0;
  std::string because;
  uint32_t chosen = 0;  // the default unless the program was loaded with another choice
  Span span;
};

// `--reading NAME=OPTION`: evaluate with OPTION for reading NAME instead of its default.
struct ReadingChoice {
  std::string reading;
  std::string option;
};

struct HeaderField {
  std::string name;
  TypeId type = 0;
  std::string doc;
  Span span;    // the field's declaration in the header schema
  Value value;  // the plan's value (null when the plan leaves an optional field out)
};

// A name as written and the declaration it resolved to, kept by the checker beside the
// program (as cel-cpp keeps its reference map) for tools: go to definition, hover, the REPL's
// explanations. Never read while evaluating.
struct Reference {
  enum class Kind : uint8_t {
    var,           // a fact, output or def (index: var)
    enum_type,     // index: enum
    enum_value,    // index: enum; the value is found by the declaration span
    record_type,   // index: record
    field,         // a record field (index: record)
    function,      // index: function
    parameter,     // index: function
    document,      // index: document
    calendar,      // index: calendar
    rule,          // a rule a refinement or exception names (index: var it defines)
    header_field,  // `plan.X` or a plan header field (index: header field)
    reading,       // index: reading
  };
  Kind kind = Kind::var;
  Span use;
  Span declaration;
  uint32_t index = 0;
};

struct Program {
  SourceSet sources;
  TypeTable types;
  std::vector<EnumDef> enums;
  std::vector<RecordDef> records;
  std::vector<Var> vars;
  std::vector<Rule> rules;
  std::vector<Definition> definitions;
  std::vector<Function> functions;
  std::vector<DocumentDef> documents;
  std::vector<CalendarDef> calendars;
  std::vector<TestDef> tests;
  std::vector<InvariantDef> invariants;
  std::vector<ReadingDef> readings;

  std::vector<Node> nodes;
  std::vector<NodeIndex> operands;
  std::vector<Value> constants;
  std::deque<std::string> strings;  // storage for string constants (stable addresses)

  std::vector<uint32_t> facts;       // var indices, in declaration order
  std::vector<uint32_t> outputs;     // var indices, in declaration order
  std::vector<uint32_t> eval_order;  // outputs and defs, dependencies first
  uint32_t slot_count = 0;           // vars, then function parameters

  bool is_plan = false;  // the root module has a `plan` header
  std::string plan_id;
  // The plan's version clause (`plan ID version "LABEL" from DATE`): the version's label and
  // the day (days since 1970-01-01) it is in force from; absent where the plan states none.
  // interpreter/plan_versions.hpp chooses among the versions of a plan by them.
  std::optional<std::string> version;
  std::optional<int32_t> in_force_from;
  // Where the plan declaration, its label and its day are written (for messages about versions).
  Span plan_span, version_span, from_span;
  std::vector<HeaderField> header;
  uint32_t root_module = 0;  // file index of the root module

  std::vector<Reference> references;  // in the order the checker met them

  // Lookups by name, for tools (CLI, REPL, tests); not used while evaluating.
  int32_t find_var(std::string_view name) const;
  int32_t find_enum(std::string_view name) const;
  int32_t find_calendar(std::string_view name) const;
  std::string type_name(TypeId t) const;
  // The reference whose use covers byte `offset` of file `file`, or null.
  const Reference* reference_at(uint32_t file, uint32_t offset) const;
};

}  // namespace sop
