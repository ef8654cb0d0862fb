#pragma once
// The abstract syntax tree of one sop module, as the parser builds it.
//
// Like cel-cpp, every expression node carries an id (unique within a Program) and a variant of
// kinds; the checker does not mutate nodes but fills side tables keyed by node id (types,
// resolved names). Declarations keep their source spans for diagnostics.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "lang/declaration_kinds.hpp"
#include "lang/holiday.hpp"
#include "lang/source.hpp"
#include "lang/value.hpp"

namespace sop::ast {

using NodeId = uint32_t;

// ---------------------------------------------------------------- types (as written)

// `bool`, `Tier`, `list of Notice`, `set of Recipient`, `int?`, `date | datetime`
struct TypeExpr {
  enum class Kind { named, list, set, optional, union_ };
  Kind kind = Kind::named;
  std::string name;            // for named
  std::vector<TypeExpr> args;  // list/set/optional: one; union_: two or more
  Span span;
};

// ---------------------------------------------------------------- expressions

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

enum class UnaryOp { not_, neg };
// `in` is set/list membership. `add` may carry a calendar (`x + 5 business_days using cal`).
enum class BinaryOp { or_, and_, eq, ne, lt, le, gt, ge, in, add, sub, mul, coalesce };

struct BoolLit {
  bool value;
};
struct IntLit {
  int64_t value;
};
struct StringLit {
  std::string value;  // unescaped
};
struct DateLit {
  int32_t days;  // days since 1970-01-01
};
struct DateTimeLit {
  int64_t epoch_seconds;   // UTC instant
  int32_t offset_minutes;  // the written offset, kept for output (`Z` = 0)
};
struct DurationLit {
  int64_t amount;
  DurationUnit unit;
};
struct NullLit {};
// An identifier: a fact, output, def, parameter, enum value, calendar, document, or `plan`.
struct Name {
  std::string name;
};
// `object.field`; also `Type.value` for a qualified enum value and `plan.policy`.
struct Member {
  ExprPtr object;
  std::string field;
  Span field_span;
};
struct Unary {
  UnaryOp op;
  ExprPtr operand;
};
struct Binary {
  BinaryOp op;
  ExprPtr lhs, rhs;
  ExprPtr calendar;  // only for add/sub with `using CAL`; else null
};
// `f(a, b)`: a declared fn or a builtin.
struct Call {
  std::string callee;
  Span callee_span;
  std::vector<ExprPtr> args;
};
// `if c then a else b`
struct If {
  ExprPtr cond, then_branch, else_branch;
};
// `[a, b, c]`: a list or a set, as the expected type says.
struct CollectionLit {
  std::vector<ExprPtr> items;
};
// `{ tier: premium, gift_wrap: true }`: a record, its type from context.
struct RecordLit {
  struct Field {
    std::string name;
    Span name_span;
    ExprPtr value;
  };
  std::vector<Field> fields;
};

struct Expr {
  NodeId id = 0;
  Span span;
  std::variant<BoolLit, IntLit, StringLit, DateLit, DateTimeLit, DurationLit, NullLit, Name, Member,
               Unary, Binary, Call, If, CollectionLit, RecordLit>
      kind;
};

// ---------------------------------------------------------------- declarations

struct Citation {
  std::string cite;   // `cite "P-12 §4.1"`
  std::string quote;  // optional `quote "…"`: the source sentence
  Span span;
  Span quote_span;  // the quote's string literal (empty without a quote)
};

// `import calendars`
struct Import {
  std::string module;
  Span span;
};

// `plan acme { policy: "P-12"  lines: [retail] }`
struct PlanDecl {
  std::string id;
  // `version "LABEL" from DATE`: which version of the plan the file holds, and the day (days
  // since 1970-01-01) it is in force from. Both optional: a plan with one version needs neither.
  std::optional<std::string> version;
  Span version_span;
  std::optional<int32_t> in_force_from;
  Span from_span;
  struct Field {
    std::string name;
    Span name_span;
    ExprPtr value;
  };
  std::vector<Field> fields;
  Span span;
};

// A field of a record, of the plan header schema, or an enum-less typed slot.
// `tier: Tier "the service tier" as "tier"`
struct FieldDecl {
  std::string name;
  TypeExpr type;
  std::string doc;
  std::string json_name;  // empty: same as name
  Span span;
};

// `header { policy: string "the plan's policy number" ... }` declares what a plan header holds.
struct HeaderDecl {
  std::vector<FieldDecl> fields;
  Span span;
};

// `enum Tier "service tier" { basic "the basic tier" premium "…" }`
struct EnumDecl {
  std::string name;
  std::string doc;
  struct Value {
    std::string name;
    std::string doc;
    std::string json_name;  // empty: same as name
    Span span;
  };
  std::vector<Value> values;
  Span span;
};

// `record Shipping "…" { tier: Tier "…"  cite: citation }`
struct RecordDecl {
  std::string name;
  std::string doc;
  std::vector<FieldDecl> fields;
  Span span;
};

// fact NAME : TYPE [in LO..HI] [= DEFAULT] [as "json"] "doc"
// output NAME : TYPE [as "json"] [unknown as EXPR] "doc" [= EXPR]
// def NAME : TYPE "doc" [= EXPR]
struct VarDecl {
  VarKind kind = VarKind::fact;
  std::string name;
  TypeExpr type;
  std::string doc;
  std::string json_name;            // empty: same as name
  std::optional<int64_t> range_lo;  // `in 2..99` (facts of type int)
  std::optional<int64_t> range_hi;
  ExprPtr value;       // fact: default when absent; output/def: inline derivation (no rule)
  ExprPtr unknown_as;  // output: what an unknown value is rendered as
  Span span;
};

struct Param {
  std::string name;
  TypeExpr type;
  Span span;
};

// fn deadline(d: duration) -> Deadline "doc" = EXPR
struct FnDecl {
  std::string name;
  std::vector<Param> params;
  TypeExpr result;
  std::string doc;
  ExprPtr body;
  Span span;
};

// document returns_policy "RP-7" "Returns and Refunds"
struct DocumentDecl {
  std::string name;
  std::string ref;    // how the document is cited
  std::string title;  // optional
  Span span;
};

// source "001_39125958f551800e.txt" for "MPUP3078" [sections ["PREFIX"] unchecked "reason"]
// Names the text file that holds the document whose citations begin with `cites`: `sop check
// --sources DIR` finds each such quote, and each cited section, in DIR/file (lang/sources.hpp).
struct SourceDecl {
  std::string file;
  std::string cites;
  std::string unchecked_sections;  // why cited sections cannot be checked; empty: they can
  std::string unchecked_prefix;    // which: those whose label starts with it; empty: all
  Span span;
};

// calendar us_federal "Federal holidays" cite "5 U.S.C. §6103" { holiday … }
struct CalendarDecl {
  std::string name;
  std::string doc;
  std::optional<Citation> citation;
  std::vector<Holiday> holidays;
  Span span;
};

// One rule of a definition. Which fields are set depends on kind:
//   rule LABEL ["title"] cite … [when C] => V [before|after L]
//   otherwise ["title"] cite … => V
//   exception to L ["title"] cite … when C [=> V | => skip]
//   adopt L cite …                       (refine only)
//   override L ["title"] cite … [when C] [=> V]   (refine only)
//   omit L because "reason"              (refine only)
struct Rule {
  enum class Kind { rule, otherwise, exception, adopt, override_, omit };
  Kind kind = Kind::rule;
  std::string label;  // the rule's name; for exception/adopt/override/omit: the rule it targets
  Span label_span;
  std::string title;  // optional display name for traces
  std::optional<Citation> citation;
  ExprPtr condition;    // `when`
  ExprPtr value;        // `=>`
  bool skip = false;    // `=> skip`: the targeted rule does not apply
  std::string because;  // omit
  enum class Position { end, before, after };
  Position position = Position::end;
  std::string anchor;  // the label for before/after
  Span anchor_span;
  Span span;
};

// A definition of an output or def; `refine NAME { … }` adapts a definition from an import.
struct Definition {
  std::string target;
  Span target_span;
  Combinator combinator = Combinator::value;
  bool refine = false;
  std::vector<Rule> rules;
  Span span;
};

// test "express order ships in two days" cite "P-12 §4.1" {
//   given { express: true, … }
//   expect delivery.days == 2
//   expect unknown carrier
//   expect missing [express, ordered_at]
// }
struct TestDecl {
  std::string name;
  std::optional<Citation> citation;
  struct Given {
    std::string fact;
    Span fact_span;
    ExprPtr value;
  };
  std::vector<Given> given;
  struct Expect {
    ExpectKind kind = ExpectKind::holds;
    ExprPtr expr;                    // holds, unknown
    std::vector<std::string> facts;  // missing
    std::vector<Span> fact_spans;
    Span span;
  };
  std::vector<Expect> expects;
  Span span;
};

// invariant LABEL ["title"] cite … [when C] => CLAIM
// A property of every determination (and its facts) that the checker proves over the whole case
// space: wherever C holds, CLAIM is never false. Parsed as a rule (kind `rule`) whose value is
// the claim, so that its parts read and print like a rule's.
struct InvariantDecl {
  Rule rule;
  Span span;
};

// reading NAME "doc" {
//   OPTION "doc" cite … [quote …]       (two or more)
//   default OPTION because "why"
// }
// A place where the source text supports more than one reading: each option with the quotes
// that support it, and the one evaluation uses unless told otherwise (`--reading NAME=OPTION`).
struct ReadingDecl {
  std::string name;
  Span name_span;
  std::string doc;
  struct Option {
    std::string name;
    std::string doc;
    std::optional<Citation> citation;
    Span span;
  };
  std::vector<Option> options;
  std::string default_option;
  Span default_span;
  std::string because;
  Span span;
};

using Decl =
    std::variant<Import, PlanDecl, HeaderDecl, EnumDecl, RecordDecl, VarDecl, FnDecl, DocumentDecl,
                 CalendarDecl, SourceDecl, Definition, TestDecl, InvariantDecl, ReadingDecl>;

struct Module {
  std::string name;   // the file stem
  uint32_t file = 0;  // index in the SourceSet
  std::vector<Decl> decls;
};

}  // namespace sop::ast
