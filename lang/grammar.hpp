#pragma once
// The PEGTL grammar of sop: docs/language.md, section "Grammar", is the reference.
//
// Included only by the parser's .cpp files and the grammar's own test, so that PEGTL stays
// private to the lang library.
//
// Conventions (after PEGTL's lua53.hpp and json_errors.hpp):
// - One empty struct per rule; the comment above each rule shows the syntax it accepts.
// - `sp` skips blanks and comments *before* a token, never after it, so that the input an
//   action sees is exactly its construct and spans begin and end on tokens.
// - A rule used as a commit point (inside must<> or if_must<>) has an entry in `error_message`;
//   `error_control::raise` static_asserts it, so a commit point without a message does not
//   compile. Commit points wrap only rules that can fail.
// - Once a construct has committed there is no backtracking: the parse stops with the message
//   of the commit point that failed. The actions (parser.cpp) rely on this: no action runs on
//   input that an alternative later gives back. Look-aheads (at<>, not_at<>) run no actions.
// - Reserved words (`and or not in if then else true false null`) are never identifiers;
//   every other keyword is contextual: recognised only where the grammar expects it.
#include <tao/pegtl.hpp>

#include "lang/nesting_limit.hpp"

namespace sop::grammar {

using namespace tao::pegtl;  // NOLINT: the grammar is written in PEGTL's vocabulary

// ================================================================ lexical structure

// `// …` to the end of the line
struct comment : seq<two<'/'>, until<eolf>> {};
// blanks, line breaks and comments between tokens
struct sp : star<sor<space, comment>> {};
// a UTF-8 byte order mark at the very start of a file
struct byte_order_mark : string<'\xEF', '\xBB', '\xBF'> {};

// Brackets are rules of their own: their actions track what is open, for "to match the `{`
// at line N" help when a closing bracket is missing.
// `(`
struct lparen : one<'('> {};
// `)`
struct rparen : one<')'> {};
// `[`
struct lbracket : one<'['> {};
// `]`
struct rbracket : one<']'> {};
// `{`
struct lbrace : one<'{'> {};
// `}`
struct rbrace : one<'}'> {};
// `,`
struct comma : one<','> {};
// `=>`
struct fat_arrow : string<'=', '>'> {};
// `->`
struct thin_arrow : string<'-', '>'> {};
// `=` (not `==` or `=>`)
struct eq_sign : seq<one<'='>, not_at<one<'=', '>'>>> {};

// ---------------------------------------------------------------- reserved words

// `and`
struct kw_and : TAO_PEGTL_KEYWORD("and") {};
// `or`
struct kw_or : TAO_PEGTL_KEYWORD("or") {};
// `not`
struct kw_not : TAO_PEGTL_KEYWORD("not") {};
// `in`
struct kw_in : TAO_PEGTL_KEYWORD("in") {};
// `if`
struct kw_if : TAO_PEGTL_KEYWORD("if") {};
// `then`
struct kw_then : TAO_PEGTL_KEYWORD("then") {};
// `else`
struct kw_else : TAO_PEGTL_KEYWORD("else") {};
// `true`
struct kw_true : TAO_PEGTL_KEYWORD("true") {};
// `false`
struct kw_false : TAO_PEGTL_KEYWORD("false") {};
// `null`
struct kw_null : TAO_PEGTL_KEYWORD("null") {};
// any reserved word, as a whole word
struct reserved_word
    : sor<kw_and, kw_or, kw_not, kw_in, kw_if, kw_then, kw_else, kw_true, kw_false, kw_null> {};

// `[A-Za-z_][A-Za-z0-9_]*`, not a reserved word. Its action remembers the last identifier,
// which the action of the enclosing rule then stores where it belongs.
struct ident : seq<not_at<reserved_word>, identifier> {};

// ---------------------------------------------------------------- contextual keywords

// A contextual keyword followed by `=` or `:` is a name being defined (`days = …`, `using:`),
// not the keyword.
struct defining_use : seq<sp, sor<eq_sign, one<':'>>> {};

// `import`
struct kw_import : TAO_PEGTL_KEYWORD("import") {};
// `plan`
struct kw_plan : TAO_PEGTL_KEYWORD("plan") {};
// `header`
struct kw_header : TAO_PEGTL_KEYWORD("header") {};
// `enum`
struct kw_enum : TAO_PEGTL_KEYWORD("enum") {};
// `record`
struct kw_record : TAO_PEGTL_KEYWORD("record") {};
// `fact`
struct kw_fact : TAO_PEGTL_KEYWORD("fact") {};
// `output`
struct kw_output : TAO_PEGTL_KEYWORD("output") {};
// `def`
struct kw_def : TAO_PEGTL_KEYWORD("def") {};
// `fn`
struct kw_fn : TAO_PEGTL_KEYWORD("fn") {};
// `document`
struct kw_document : TAO_PEGTL_KEYWORD("document") {};
// `source`
struct kw_source : TAO_PEGTL_KEYWORD("source") {};
// `for`
struct kw_for : TAO_PEGTL_KEYWORD("for") {};
// `sections`
struct kw_sections : TAO_PEGTL_KEYWORD("sections") {};
// `unchecked`
struct kw_unchecked : TAO_PEGTL_KEYWORD("unchecked") {};
// `calendar`
struct kw_calendar : TAO_PEGTL_KEYWORD("calendar") {};
// `refine`
struct kw_refine : TAO_PEGTL_KEYWORD("refine") {};
// `test`
struct kw_test : TAO_PEGTL_KEYWORD("test") {};
// `invariant`
struct kw_invariant : TAO_PEGTL_KEYWORD("invariant") {};
// `reading`
struct kw_reading : TAO_PEGTL_KEYWORD("reading") {};
// `default`
struct kw_default : TAO_PEGTL_KEYWORD("default") {};
// `as`
struct kw_as : TAO_PEGTL_KEYWORD("as") {};
// `unknown`
struct kw_unknown : TAO_PEGTL_KEYWORD("unknown") {};
// `list`
struct kw_list : TAO_PEGTL_KEYWORD("list") {};
// `set`
struct kw_set : TAO_PEGTL_KEYWORD("set") {};
// `of`
struct kw_of : TAO_PEGTL_KEYWORD("of") {};
// `first`
struct kw_first : TAO_PEGTL_KEYWORD("first") {};
// `collect`
struct kw_collect : TAO_PEGTL_KEYWORD("collect") {};
// `rule`
struct kw_rule : TAO_PEGTL_KEYWORD("rule") {};
// `otherwise`
struct kw_otherwise : TAO_PEGTL_KEYWORD("otherwise") {};
// `exception`
struct kw_exception : TAO_PEGTL_KEYWORD("exception") {};
// `to`
struct kw_to : TAO_PEGTL_KEYWORD("to") {};
// `adopt`
struct kw_adopt : TAO_PEGTL_KEYWORD("adopt") {};
// `override`
struct kw_override : TAO_PEGTL_KEYWORD("override") {};
// `omit`
struct kw_omit : TAO_PEGTL_KEYWORD("omit") {};
// `because`
struct kw_because : TAO_PEGTL_KEYWORD("because") {};
// `before`
struct kw_before : TAO_PEGTL_KEYWORD("before") {};
// `after`
struct kw_after : TAO_PEGTL_KEYWORD("after") {};
// `cite`
struct kw_cite : TAO_PEGTL_KEYWORD("cite") {};
// `quote`
struct kw_quote : TAO_PEGTL_KEYWORD("quote") {};
// `when`
struct kw_when : TAO_PEGTL_KEYWORD("when") {};
// `skip`
struct kw_skip : TAO_PEGTL_KEYWORD("skip") {};
// `holiday`
struct kw_holiday : TAO_PEGTL_KEYWORD("holiday") {};
// `on`
struct kw_on : TAO_PEGTL_KEYWORD("on") {};
// `observed`
struct kw_observed : TAO_PEGTL_KEYWORD("observed") {};
// `from`
struct kw_from : TAO_PEGTL_KEYWORD("from") {};
// `until`
struct kw_until : TAO_PEGTL_KEYWORD("until") {};
// `version`
struct kw_version : TAO_PEGTL_KEYWORD("version") {};
// `dates`
struct kw_dates : TAO_PEGTL_KEYWORD("dates") {};
// `between`
struct kw_between : TAO_PEGTL_KEYWORD("between") {};
// `day` or `days`
struct kw_day_or_days : sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")> {};
// `given`
struct kw_given : TAO_PEGTL_KEYWORD("given") {};
// `expect`
struct kw_expect : TAO_PEGTL_KEYWORD("expect") {};
// `missing`
struct kw_missing : TAO_PEGTL_KEYWORD("missing") {};
// `using`, unless it is a name being defined
struct kw_using : seq<TAO_PEGTL_KEYWORD("using"), not_at<defining_use>> {};

// ================================================================ literals

// `"` opening a string (its action remembers where, for "unterminated string")
struct string_open : one<'"'> {};
// after a backslash: `"`, `\`, `n`, `t` or `uXXXX`
struct escape_code : sor<one<'"', '\\', 'n', 't'>, seq<one<'u'>, rep<4, xdigit>>> {};
// `\"`, `\\`, `\n`, `\t`, `\uXXXX`
struct escape : if_must<one<'\\'>, escape_code> {};
// an escape, or any byte but `"`, `\` and line breaks: a string may not span lines
struct string_char : sor<escape, not_one<'"', '\\', '\n', '\r'>> {};
// `"` closing a string
struct string_close : one<'"'> {};
// `"…"`
struct string_lit : seq<string_open, star<string_char>, must<string_close>> {};

// `0`, `72`: digits not followed by a letter (a sign is an operator, not part of the literal)
struct int_token : seq<plus<digit>, not_at<identifier_other>> {};

// `2024-09-11`
struct date_part : seq<rep<4, digit>, one<'-'>, rep<2, digit>, one<'-'>, rep<2, digit>> {};
// `Z` or `+05:30` / `-08:00`
struct utc_offset : sor<one<'Z', 'z'>, seq<one<'+', '-'>, rep<2, digit>, one<':'>, rep<2, digit>>> {
};
// `16:30`, `16:30:00`, `16:30:00.250`, then the offset
struct time_part : seq<rep<2, digit>, one<':'>, rep<2, digit>,
                       opt<one<':'>, rep<2, digit>, opt<one<'.'>, plus<digit>>>, utc_offset,
                       not_at<identifier_other>> {};
// `T16:30:00-08:00` after a date
struct datetime_tail : if_must<seq<one<'T', 't'>, at<digit>>, time_part> {};
// `2024-09-11` or `2026-11-20T16:30:00-08:00`
struct date_lit : seq<date_part, opt<datetime_tail>, not_at<identifier_other>> {};

// `hour` / `hours`
struct unit_hours : sor<TAO_PEGTL_KEYWORD("hours"), TAO_PEGTL_KEYWORD("hour")> {};
// `day` / `days`
struct unit_days : sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day")> {};
// `business_day` / `business_days`
struct unit_business_days
    : sor<TAO_PEGTL_KEYWORD("business_days"), TAO_PEGTL_KEYWORD("business_day")> {};
// a duration unit, unless it is a name being defined (`days = …` on the next line)
struct duration_unit : seq<not_at<sor<unit_hours, unit_days, unit_business_days>, defining_use>,
                           sor<unit_hours, unit_days, unit_business_days>> {};
// `72` or `72 hours`, `5 business_days`
struct number_lit : seq<int_token, opt<sp, duration_unit>> {};

// ================================================================ expressions

struct expr;
struct not_expr;
struct or_expr;
struct additive;
struct term;
struct unary;

// `true`
struct true_lit : kw_true {};
// `false`
struct false_lit : kw_false {};
// `null`
struct null_lit : kw_null {};
// a string in an expression
struct string_expr : seq<string_lit> {};
// a name in an expression
struct name_ref : seq<ident> {};

// `(` of a call
struct call_open : seq<lparen> {};
// the next argument, after `,`
struct call_next_arg : seq<sp, expr> {};
// `)` after the arguments
struct call_close : seq<sp, rparen> {};
// `)` or `ARG ("," ARG)* )`
struct call_args
    : seq<sp, sor<rparen, seq<expr, star<sp, comma, must<call_next_arg>>, must<call_close>>>> {};
// `(ARG, …)` after a function name
struct call_suffix : seq<call_open, must<call_args>> {};
// `NAME` or `NAME(ARG, …)`: only a plain name may be called
struct name_or_call : seq<name_ref, opt<sp, call_suffix>> {};

// `(` of a parenthesised expression
struct paren_inner : seq<sp, expr> {};
// `)`
struct paren_close : seq<sp, rparen> {};
// `( EXPR )`
struct paren_expr : seq<lparen, must<paren_inner, paren_close>> {};

// `[` of a list or set
struct collection_open : seq<lbracket> {};
// the next item, after `,` (a `]` there ends the list: a trailing comma)
struct collection_next : seq<expr> {};
// `]` after the items
struct collection_close : seq<sp, rbracket> {};
// `]` or `ITEM ("," ITEM)* ","? ]`
struct collection_body
    : seq<sp, sor<rbracket, seq<expr, star<sp, comma, sp, not_at<rbracket>, must<collection_next>>,
                                opt<sp, comma>, must<collection_close>>>> {};
// `[a, b, c]`
struct collection_lit : seq<collection_open, must<collection_body>> {};

// `{` of a record
struct record_open : seq<lbrace> {};
// the name of a record field
struct record_field_name : seq<ident> {};
// `:` after a field name
struct field_colon : seq<sp, one<':'>> {};
// a field's value, after `:`
struct field_value : seq<sp, expr> {};
// `NAME: EXPR`
struct record_field : seq<record_field_name, must<field_colon, field_value>> {};
// the next field, after `,` (a `}` there ends the record: a trailing comma)
struct record_next : seq<record_field> {};
// `}` after the fields
struct record_close : seq<sp, rbrace> {};
// `}` or `FIELD ("," FIELD)* ","? }`
struct record_body
    : seq<sp, sor<rbrace, seq<record_field, star<sp, comma, sp, not_at<rbrace>, must<record_next>>,
                              opt<sp, comma>, must<record_close>>>> {};
// `{ tier: plan_network, same_specialty: true }`
struct record_lit : seq<record_open, must<record_body>> {};

// datetime | date | duration | int | string | true | false | null | NAME | NAME(…) | […] | {…}
// | ( EXPR )
struct primary : sor<paren_expr, collection_lit, record_lit, string_expr, date_lit, number_lit,
                     true_lit, false_lit, null_lit, name_or_call> {};

// never matched: raised for `x.f(…)`, `(f)(…)`, `f(x)(y)`
struct callee_not_name : failure {};
// a field name after `.`
struct member_name : seq<sp, ident> {};
// `.NAME`
struct member_suffix : if_must<one<'.'>, member_name> {};
// `(` after something that is not a plain name
struct bad_call : seq<at<lparen>, raise<callee_not_name>> {};
// `PRIMARY (.NAME)*`; a call is part of the primary
struct postfix : seq<primary, star<sp, sor<member_suffix, bad_call>>> {};

// `-`, not `->`
struct op_neg : seq<one<'-'>, not_at<one<'>'>>> {};
// the operand of `-`
struct neg_operand : seq<sp, unary> {};
// `- UNARY`
struct neg_expr : if_must<op_neg, neg_operand> {};
// `- UNARY | POSTFIX`
struct unary : sor<neg_expr, postfix> {};

// `*`
struct op_mul : one<'*'> {};
// the right operand of `*`
struct mul_rhs : seq<sp, unary> {};
// `* UNARY`
struct mul_tail : if_must<op_mul, mul_rhs> {};
// `UNARY ("*" UNARY)*`
struct term : seq<unary, star<sp, mul_tail>> {};

// `+`
struct op_add : one<'+'> {};
// `-`, not `->`
struct op_sub : seq<one<'-'>, not_at<one<'>'>>> {};
// the right operand of `+` / `-`
struct add_rhs : seq<sp, term> {};
// `+ TERM` or `- TERM`
struct add_tail : if_must<sor<op_add, op_sub>, add_rhs> {};
// the calendar after `using`
struct using_calendar : seq<sp, term> {};
// `using TERM`
struct using_clause : if_must<kw_using, using_calendar> {};
// never matched: raised for `using` without `+` or `-`
struct using_needs_sum : failure {};
// `using` after a term that is not a sum
struct using_without_sum : seq<at<kw_using>, raise<using_needs_sum>> {};
// `TERM (("+" | "-") TERM)* ("using" TERM)?`: the calendar goes to the outermost `+`/`-`
struct additive
    : seq<term, sor<seq<plus<sp, add_tail>, opt<sp, using_clause>>, opt<sp, using_without_sum>>> {};

// `==`
struct op_eq : string<'=', '='> {};
// `!=`
struct op_ne : string<'!', '='> {};
// `<=`
struct op_le : string<'<', '='> {};
// `>=`
struct op_ge : string<'>', '='> {};
// `<`
struct op_lt : one<'<'> {};
// `>`
struct op_gt : one<'>'> {};
// `in`
struct op_in : kw_in {};
// a comparison operator
struct comparison_op : sor<op_eq, op_ne, op_le, op_ge, op_lt, op_gt, op_in> {};
// the right operand of a comparison
struct comparison_rhs : seq<sp, additive> {};
// `OP ADDITIVE`
struct comparison_tail : if_must<comparison_op, comparison_rhs> {};
// never matched: raised for `a < b < c`
struct comparison_chain : failure {};
// a second comparison operator after a comparison
struct chained_comparison : seq<at<comparison_op>, raise<comparison_chain>> {};
// `ADDITIVE (OP ADDITIVE)?`: comparisons do not chain
struct comparison : seq<additive, opt<sp, comparison_tail, opt<sp, chained_comparison>>> {};

// `not`
struct op_not : kw_not {};
// the operand of `not`
struct not_operand : seq<sp, not_expr> {};
// `not NOT_EXPR`
struct not_op_expr : if_must<op_not, not_operand> {};
// `not NOT_EXPR | COMPARISON`
struct not_expr : sor<not_op_expr, comparison> {};

// `and`
struct op_and : kw_and {};
// the right operand of `and`
struct and_rhs : seq<sp, not_expr> {};
// `and NOT_EXPR`
struct and_tail : if_must<op_and, and_rhs> {};
// `NOT_EXPR ("and" NOT_EXPR)*`
struct and_expr : seq<not_expr, star<sp, and_tail>> {};

// `or`
struct op_or : kw_or {};
// the right operand of `or`
struct or_rhs : seq<sp, and_expr> {};
// `or AND_EXPR`
struct or_tail : if_must<op_or, or_rhs> {};
// `AND_EXPR ("or" AND_EXPR)*`
struct or_expr : seq<and_expr, star<sp, or_tail>> {};

// `??`
struct op_coalesce : string<'?', '?'> {};
// the right operand of `??`
struct coalesce_rhs : seq<sp, or_expr> {};
// `?? OR_EXPR`
struct coalesce_tail : if_must<op_coalesce, coalesce_rhs> {};
// `OR_EXPR ("??" OR_EXPR)*`
struct coalesce_expr : seq<or_expr, star<sp, coalesce_tail>> {};

// the condition after `if`
struct if_cond : seq<sp, expr> {};
// `then`
struct if_then : seq<sp, kw_then> {};
// the value after `then`
struct if_then_value : seq<sp, expr> {};
// `else`
struct if_else : seq<sp, kw_else> {};
// the value after `else`
struct if_else_value : seq<sp, expr> {};
// `if EXPR then EXPR else EXPR`
struct if_expr : if_must<kw_if, if_cond, if_then, if_then_value, if_else, if_else_value> {};

// `if … then … else … | COALESCE`
struct expr : sor<if_expr, coalesce_expr> {};

// never matched: raised when expressions nest more than k_max_expression_depth levels
struct expression_too_deep : failure {};

// ================================================================ types

struct type_expr;
struct type_atom;

// a type name: `bool`, `Tier`, `calendar`
struct type_name : seq<ident> {};
// the element type after `of`
struct element_type : seq<sp, type_atom> {};
// `list of TYPE_ATOM`
struct list_type : if_must<seq<kw_list, sp, kw_of>, element_type> {};
// `set of TYPE_ATOM`
struct set_type : if_must<seq<kw_set, sp, kw_of>, element_type> {};
// the type inside parentheses
struct paren_type_inner : seq<sp, type_expr> {};
// `)` after a type
struct paren_type_close : seq<sp, rparen> {};
// `( TYPE )`
struct paren_type : seq<lparen, must<paren_type_inner, paren_type_close>> {};
// `?`
struct optional_mark : one<'?'> {};
// `(list of T | set of T | NAME | ( TYPE )) "?"?`
struct type_atom : seq<sor<list_type, set_type, paren_type, type_name>, opt<sp, optional_mark>> {};
// the type after `|`
struct union_alternative : seq<sp, type_atom> {};
// `| TYPE_ATOM`
struct union_tail : if_must<one<'|'>, union_alternative> {};
// `TYPE_ATOM ("|" TYPE_ATOM)*`
struct type_expr : seq<type_atom, star<sp, union_tail>> {};

// never matched: raised when types nest more than k_max_expression_depth levels
struct type_too_deep : failure {};

// ================================================================ citations

// the citation after `cite`
struct cite_text : seq<sp, string_lit> {};
// the quoted source text after `quote`
struct quote_text : seq<sp, string_lit> {};
// `quote "…"`
struct quote_clause : if_must<kw_quote, quote_text> {};
// `cite "…" (quote "…")?`
struct citation : seq<kw_cite, must<cite_text>, opt<sp, quote_clause>> {};

// ================================================================ declarations

// `as "json"` (its action stores the JSON name in the enum value, field, fact or output)
struct json_name : seq<sp, string_lit> {};
// `as "…"`
struct as_json : if_must<kw_as, json_name> {};

// ---------------------------------------------------------------- import, plan, header

// `import`
struct import_kw : kw_import {};
// the module name after `import`
struct import_name : seq<sp, ident> {};
// `import NAME`
struct import_decl : seq<import_kw, must<import_name>> {};

// `plan`
struct plan_kw : kw_plan {};
// the plan's id
struct plan_id : seq<sp, ident> {};
// the version's label, after `version`
struct plan_version_label : seq<sp, string_lit> {};
// `2025-09-10`
struct plan_version_day : seq<date_part, not_at<identifier_other>> {};
// the date the version is in force from, after `from`
struct plan_version_date : seq<sp, plan_version_day> {};
// `from 2025-09-10`
struct plan_version_from : if_must<kw_from, plan_version_date> {};
// `version "LABEL" (from DATE)?`: which version of the plan this file holds (docs/language.md)
struct plan_version : seq<if_must<kw_version, plan_version_label>, opt<sp, plan_version_from>> {};
// `{` after the plan's id (and version)
struct plan_open : seq<sp, lbrace> {};
// a plan field's name
struct plan_field_name : seq<ident> {};
// a plan field's value
struct plan_field_value : seq<sp, expr> {};
// `NAME: EXPR ","?`
struct plan_field : seq<plan_field_name, must<field_colon, plan_field_value>, opt<sp, comma>> {};
// `}` after the plan's fields
struct plan_close : seq<sp, rbrace> {};
// `plan NAME (version "LABEL" (from DATE)?)? { (NAME: EXPR ","?)* }`
struct plan_decl : seq<plan_kw, must<plan_id>, opt<sp, plan_version>, must<plan_open>,
                       star<sp, plan_field>, must<plan_close>> {};

// a declared field's name
struct field_name : seq<ident> {};
// `:` after a declared field's name
struct field_type_colon : seq<sp, one<':'>> {};
// a declared field's type
struct field_type : seq<sp, type_expr> {};
// a declared field's description
struct field_doc : seq<sp, string_lit> {};
// `NAME: TYPE (as "json")? "description" ","?`
struct field_decl : seq<field_name, must<field_type_colon, field_type>, opt<sp, as_json>,
                        must<field_doc>, opt<sp, comma>> {};
// `}` after declared fields
struct fields_close : seq<sp, rbrace> {};

// `header`
struct header_kw : kw_header {};
// `{` after `header`
struct header_open : seq<sp, lbrace> {};
// `header { FIELD* }`
struct header_decl : seq<header_kw, must<header_open>, star<sp, field_decl>, must<fields_close>> {};

// ---------------------------------------------------------------- enum, record

// `enum`
struct enum_kw : kw_enum {};
// the enum's name
struct enum_name : seq<sp, ident> {};
// the enum's description
struct enum_doc : seq<sp, string_lit> {};
// `{` before the values
struct enum_open : seq<sp, lbrace> {};
// an enum value's name
struct enum_value_name : seq<ident> {};
// an enum value's description
struct enum_value_doc : seq<sp, string_lit> {};
// `NAME "description" (as "json")? ","?`
struct enum_value : seq<enum_value_name, must<enum_value_doc>, opt<sp, as_json>, opt<sp, comma>> {};
// `}` after the values
struct enum_close : seq<sp, rbrace> {};
// `enum NAME "description" { VALUE* }`
struct enum_decl
    : seq<enum_kw, must<enum_name, enum_doc, enum_open>, star<sp, enum_value>, must<enum_close>> {};

// `record`
struct record_kw : kw_record {};
// the record's name
struct record_name : seq<sp, ident> {};
// the record's description
struct record_doc : seq<sp, string_lit> {};
// `{` before the fields
struct record_decl_open : seq<sp, lbrace> {};
// `record NAME "description" { FIELD* }`
struct record_decl : seq<record_kw, must<record_name, record_doc, record_decl_open>,
                         star<sp, field_decl>, must<fields_close>> {};

// ---------------------------------------------------------------- fact, output, def

// `fact`
struct fact_kw : kw_fact {};
// `output`
struct output_kw : kw_output {};
// `def`
struct def_kw : kw_def {};
// the fact's name
struct fact_name : seq<sp, ident> {};
// the output's name
struct output_name : seq<sp, ident> {};
// the def's name
struct def_name : seq<sp, ident> {};
// `:` before the type
struct var_colon : seq<sp, one<':'>> {};
// the declared type
struct var_type : seq<sp, type_expr> {};
// `-`? digits: a bound of `in LO..HI`
struct range_bound : seq<opt<one<'-'>>, int_token> {};
// the lower bound after `in`
struct range_lo : seq<sp, range_bound> {};
// `..`
struct range_dots : seq<sp, two<'.'>> {};
// the upper bound after `..`
struct range_hi : seq<sp, range_bound> {};
// `in LO..HI`
struct fact_range : if_must<kw_in, range_lo, range_dots, range_hi> {};
// the value after `=`: a fact's default, an output's or def's derivation
struct var_value : seq<sp, expr> {};
// `= EXPR`
struct var_value_clause : if_must<eq_sign, var_value> {};
// the value after `unknown as`
struct unknown_value : seq<sp, expr> {};
// `unknown as EXPR`
struct unknown_as : if_must<seq<kw_unknown, sp, kw_as>, unknown_value> {};
// the fact's description
struct fact_doc : seq<sp, string_lit> {};
// the output's description
struct output_doc : seq<sp, string_lit> {};
// the def's description
struct def_doc : seq<sp, string_lit> {};
// `fact NAME: TYPE (in LO..HI)? (= EXPR)? (as "json")? "description"`
struct fact_decl : seq<fact_kw, must<fact_name, var_colon, var_type>, opt<sp, fact_range>,
                       opt<sp, var_value_clause>, opt<sp, as_json>, must<fact_doc>> {};
// `output NAME: TYPE (as "json")? (unknown as EXPR)? "description" (= EXPR)?`
struct output_decl : seq<output_kw, must<output_name, var_colon, var_type>, opt<sp, as_json>,
                         opt<sp, unknown_as>, must<output_doc>, opt<sp, var_value_clause>> {};
// `def NAME: TYPE "description" (= EXPR)?`
struct def_decl
    : seq<def_kw, must<def_name, var_colon, var_type, def_doc>, opt<sp, var_value_clause>> {};

// ---------------------------------------------------------------- fn

// `fn`
struct fn_kw : kw_fn {};
// the function's name
struct fn_name : seq<sp, ident> {};
// `(` before the parameters
struct fn_open : seq<sp, lparen> {};
// a parameter's name
struct param_name : seq<ident> {};
// `:` after a parameter's name
struct param_colon : seq<sp, one<':'>> {};
// a parameter's type
struct param_type : seq<sp, type_expr> {};
// `NAME: TYPE`
struct param : seq<param_name, must<param_colon, param_type>> {};
// the next parameter, after `,`
struct next_param : seq<sp, param> {};
// `)` after the parameters
struct params_close : seq<sp, rparen> {};
// `)` or `PARAM ("," PARAM)* )`
struct fn_params
    : seq<sp, sor<rparen, seq<param, star<sp, comma, must<next_param>>, must<params_close>>>> {};
// `->`
struct fn_arrow : seq<sp, thin_arrow> {};
// the result type
struct fn_result : seq<sp, type_expr> {};
// the function's description
struct fn_doc : seq<string_lit> {};
// `=` before the body
struct fn_eq : seq<sp, eq_sign> {};
// the function's body
struct fn_body : seq<sp, expr> {};
// `fn NAME ( PARAMS ) -> TYPE "description"? = EXPR`
struct fn_decl : seq<fn_kw, must<fn_name, fn_open, fn_params, fn_arrow, fn_result>, opt<sp, fn_doc>,
                     must<fn_eq, fn_body>> {};

// ---------------------------------------------------------------- document

// `document`
struct document_kw : kw_document {};
// the document's name
struct document_name : seq<sp, ident> {};
// how the document is cited
struct document_ref : seq<sp, string_lit> {};
// the document's title
struct document_title : seq<string_lit> {};
// `document NAME "REF" "TITLE"?`
struct document_decl
    : seq<document_kw, must<document_name, document_ref>, opt<sp, document_title>> {};

// ---------------------------------------------------------------- source

// `source`
struct source_kw : kw_source {};
// the file that holds the document's text (found in `sop check --sources DIR`)
struct source_file : seq<sp, string_lit> {};
// `for`
struct source_for : seq<sp, kw_for> {};
// the citation prefix whose quotes and sections the file holds, e.g. "MPUP3078"
struct source_cites : seq<sp, string_lit> {};
// ` unchecked` after `sections`
struct source_unchecked_kw : seq<sp, kw_unchecked> {};
// why cited sections cannot be found in the file (quotes still are)
struct source_unchecked_reason : seq<sp, string_lit> {};
// the cited sections the clause is about: those whose label starts with this ("Policy §B.")
struct source_unchecked_prefix : seq<sp, string_lit> {};
// `sections ("PREFIX")? unchecked "REASON"`
struct source_unchecked : seq<kw_sections, opt<source_unchecked_prefix>,
                              must<source_unchecked_kw, source_unchecked_reason>> {};
// `source "FILE" for "CITE" (sections "PREFIX"? unchecked "REASON")?`
struct source_decl
    : seq<source_kw, must<source_file, source_for, source_cites>, opt<sp, source_unchecked>> {};

// ---------------------------------------------------------------- calendar

// A month name, case-insensitive (`January`, `january`); N is 1..12.
template <int N, typename Word>
struct month_word : seq<Word, not_at<identifier_other>> {};
// `January` … `December`
struct month_name
    : sor<month_word<1, TAO_PEGTL_ISTRING("january")>, month_word<2, TAO_PEGTL_ISTRING("february")>,
          month_word<3, TAO_PEGTL_ISTRING("march")>, month_word<4, TAO_PEGTL_ISTRING("april")>,
          month_word<5, TAO_PEGTL_ISTRING("may")>, month_word<6, TAO_PEGTL_ISTRING("june")>,
          month_word<7, TAO_PEGTL_ISTRING("july")>, month_word<8, TAO_PEGTL_ISTRING("august")>,
          month_word<9, TAO_PEGTL_ISTRING("september")>,
          month_word<10, TAO_PEGTL_ISTRING("october")>,
          month_word<11, TAO_PEGTL_ISTRING("november")>,
          month_word<12, TAO_PEGTL_ISTRING("december")>> {};

// A weekday name, case-insensitive (`Monday`, `monday`); N is 0 (Monday) … 6 (Sunday).
template <int N, typename Word>
struct weekday_word : seq<Word, not_at<identifier_other>> {};
using monday = weekday_word<0, TAO_PEGTL_ISTRING("monday")>;
using friday = weekday_word<4, TAO_PEGTL_ISTRING("friday")>;
using saturday = weekday_word<5, TAO_PEGTL_ISTRING("saturday")>;
using sunday = weekday_word<6, TAO_PEGTL_ISTRING("sunday")>;
// `Monday` … `Sunday`
struct weekday_name
    : sor<monday, weekday_word<1, TAO_PEGTL_ISTRING("tuesday")>,
          weekday_word<2, TAO_PEGTL_ISTRING("wednesday")>,
          weekday_word<3, TAO_PEGTL_ISTRING("thursday")>, friday, saturday, sunday> {};

// An ordinal, case-insensitive; N is 1..5, or -1 for `last`.
template <int N, typename Word>
struct ordinal_word : seq<Word, not_at<identifier_other>> {};
// `first` | `second` | `third` | `fourth` | `fifth` | `last`
struct ordinal
    : sor<ordinal_word<1, TAO_PEGTL_ISTRING("first")>, ordinal_word<2, TAO_PEGTL_ISTRING("second")>,
          ordinal_word<3, TAO_PEGTL_ISTRING("third")>, ordinal_word<4, TAO_PEGTL_ISTRING("fourth")>,
          ordinal_word<5, TAO_PEGTL_ISTRING("fifth")>,
          ordinal_word<-1, TAO_PEGTL_ISTRING("last")>> {};

// the day after the month
struct day_of_month : seq<sp, int_token> {};
// `July 4`
struct fixed_date : seq<month_name, must<day_of_month>> {};
// the weekday after the ordinal
struct nth_weekday : seq<sp, weekday_name> {};
// `of` after the weekday
struct weekday_of : seq<sp, kw_of> {};
// the month after `of`
struct weekday_month : seq<sp, month_name> {};
// `fourth Thursday of November`
struct weekday_date : seq<ordinal, must<nth_weekday, weekday_of, weekday_month>> {};
// `2027-02-06` in a holiday's list (a date, not a date-time)
struct listed_day : seq<date_part, not_at<identifier_other>> {};
// a listed date's own source
struct listed_citation : seq<citation> {};
// `2027-02-06` or `2027-02-06 cite "…"`
struct listed_date : seq<listed_day, opt<sp, listed_citation>> {};
// `dates`: the holiday is a list of dates
struct dates_kw : kw_dates {};
// `{` before the dates
struct dates_open : seq<sp, lbrace> {};
// `}` after the dates
struct dates_close : seq<sp, rbrace> {};
// `dates { (DATE CITATION? ","?)* }`
struct holiday_dates
    : seq<dates_kw, must<dates_open>, star<sp, listed_date, opt<sp, comma>>, must<dates_close>> {};
// the date rule or the dates after `on`
struct holiday_date : seq<sp, sor<holiday_dates, fixed_date, weekday_date>> {};
// `N day(s)` after `+`
struct offset_days : seq<sp, int_token, sp, kw_day_or_days> {};
// `+ N day(s)`
struct holiday_offset : if_must<one<'+'>, offset_days> {};
// `saturday` or `sunday` before `->`
struct shift_source : sor<saturday, sunday> {};
// `->` in a shift
struct shift_arrow : seq<sp, thin_arrow> {};
// `friday` or `monday` after `->`
struct shift_target : seq<sp, sor<friday, monday>> {};
// `saturday -> friday`
struct weekend_shift : seq<sp, shift_source, must<shift_arrow, shift_target>> {};
// `observed SHIFT ("," SHIFT)*`
struct holiday_observed
    : seq<kw_observed, must<weekend_shift>, star<sp, comma, must<weekend_shift>>> {};
// the year after `from`
struct from_year : seq<sp, int_token> {};
// `from YEAR`
struct holiday_from : if_must<kw_from, from_year> {};
// the year after `until`
struct until_year : seq<sp, int_token> {};
// `until YEAR`
struct holiday_until : if_must<kw_until, until_year> {};
// `holiday`
struct holiday_kw : kw_holiday {};
// the holiday's name
struct holiday_name : seq<sp, string_lit> {};
// `on` before the date rule
struct holiday_on : seq<sp, kw_on> {};
// the day of the month after a window's month
struct window_day : seq<sp, int_token> {};
// `October 10` starting a window
struct window_start : seq<sp, month_name, must<window_day>> {};
// `and` between a window's two days
struct window_and : seq<sp, kw_and> {};
// `November 25` ending a window
struct window_end : seq<sp, month_name, must<window_day>> {};
// `between MONTH DAY and MONTH DAY`: where a listed holiday's unlisted dates can fall
struct holiday_window : if_must<kw_between, window_start, window_and, window_end> {};
// the holiday's own source
struct holiday_citation : seq<citation> {};
// `holiday "NAME" on (DATE_RULE (+ N day(s))? | dates { … } (between MONTH DAY and MONTH DAY)?)
//  (observed SHIFTS)? (from YEAR)? (until YEAR)? CITATION?`
struct holiday : seq<holiday_kw, must<holiday_name, holiday_on, holiday_date>,
                     opt<sp, holiday_offset>, opt<sp, holiday_window>, opt<sp, holiday_observed>,
                     opt<sp, holiday_from>, opt<sp, holiday_until>, opt<sp, holiday_citation>> {};

// `calendar`
struct calendar_kw : kw_calendar {};
// the calendar's name
struct calendar_name : seq<sp, ident> {};
// the calendar's description
struct calendar_doc : seq<string_lit> {};
// the calendar's source
struct calendar_citation : seq<citation> {};
// `{` before the holidays
struct calendar_open : seq<sp, lbrace> {};
// `}` after the holidays
struct calendar_close : seq<sp, rbrace> {};
// `calendar NAME "description"? CITATION? { HOLIDAY* }`
struct calendar_decl
    : seq<calendar_kw, must<calendar_name>, opt<sp, calendar_doc>, opt<sp, calendar_citation>,
          must<calendar_open>, star<sp, holiday>, must<calendar_close>> {};

// ================================================================ definitions and rules

// a rule's title
struct rule_title : seq<string_lit> {};
// the citation every rule must have
struct rule_citation : seq<sp, citation> {};
// the condition after `when`
struct condition : seq<sp, expr> {};
// `when EXPR`
struct when_clause : if_must<kw_when, condition> {};
// `=>` before a rule's value
struct rule_arrow : seq<sp, fat_arrow> {};
// the rule's value after `=>`
struct rule_value : seq<sp, expr> {};
// `before`
struct before_kw : kw_before {};
// `after`
struct after_kw : kw_after {};
// the label after `before` / `after`
struct anchor_label : seq<sp, ident> {};
// `before LABEL` / `after LABEL`
struct rule_position : seq<sor<before_kw, after_kw>, must<anchor_label>> {};

// `rule`
struct rule_kw : kw_rule {};
// the rule's label
struct rule_label : seq<sp, ident> {};
// `rule LABEL "title"? CITATION (when EXPR)? => EXPR (before|after LABEL)?`
struct rule_rule : seq<rule_kw, must<rule_label>, opt<sp, rule_title>, must<rule_citation>,
                       opt<sp, when_clause>, must<rule_arrow, rule_value>, opt<sp, rule_position>> {
};

// `otherwise`
struct otherwise_kw : kw_otherwise {};
// `otherwise "title"? CITATION => EXPR`
struct otherwise_rule
    : seq<otherwise_kw, opt<sp, rule_title>, must<rule_citation, rule_arrow, rule_value>> {};

// `exception`
struct exception_kw : kw_exception {};
// `to` after `exception`
struct exception_to : seq<sp, kw_to> {};
// the label of the rule an exception modifies
struct exception_target : seq<sp, ident> {};
// `when EXPR` of an exception
struct exception_when : seq<sp, when_clause> {};
// `skip`
struct skip_value : kw_skip {};
// what follows `=>` in an exception
struct exception_value : seq<sp, sor<skip_value, expr>> {};
// `=> skip` or `=> EXPR`
struct exception_arrow : if_must<fat_arrow, exception_value> {};
// `exception to LABEL "title"? CITATION when EXPR (=> skip | => EXPR)?`
struct exception_rule : seq<exception_kw, must<exception_to, exception_target>, opt<sp, rule_title>,
                            must<rule_citation, exception_when>, opt<sp, exception_arrow>> {};

// `adopt`
struct adopt_kw : kw_adopt {};
// the label of the adopted rule
struct adopt_target : seq<sp, ident> {};
// `adopt LABEL CITATION`
struct adopt_rule : seq<adopt_kw, must<adopt_target, rule_citation>> {};

// `override`
struct override_kw : kw_override {};
// the label of the overridden rule
struct override_target : seq<sp, ident> {};
// `=> EXPR` of an override
struct override_arrow : if_must<fat_arrow, rule_value> {};
// `override LABEL "title"? CITATION (when EXPR)? (=> EXPR)?`
struct override_rule : seq<override_kw, must<override_target>, opt<sp, rule_title>,
                           must<rule_citation>, opt<sp, when_clause>, opt<sp, override_arrow>> {};

// `omit`
struct omit_kw : kw_omit {};
// the label of the omitted rule
struct omit_target : seq<sp, ident> {};
// `because`
struct omit_because : seq<sp, kw_because> {};
// the reason after `because`
struct omit_reason : seq<sp, string_lit> {};
// `omit LABEL because "reason"`
struct omit_rule : seq<omit_kw, must<omit_target, omit_because, omit_reason>> {};

// a rule of `first { … }` or `collect { … }`
struct block_rule : sor<rule_rule, otherwise_rule, exception_rule> {};
// `}` after the rules of a block
struct rules_close : seq<sp, rbrace> {};
// `first {`
struct first_open : seq<kw_first, sp, lbrace> {};
// `collect {`
struct collect_open : seq<kw_collect, sp, lbrace> {};
// `first { RULE* }`
struct first_block : seq<first_open, star<sp, block_rule>, must<rules_close>> {};
// `collect { RULE* }`
struct collect_block : seq<collect_open, star<sp, block_rule>, must<rules_close>> {};
// the expression of `NAME = EXPR cite "…"`
struct value_expr : seq<expr> {};
// the citation of `NAME = EXPR cite "…"`
struct value_citation : seq<sp, citation> {};
// `EXPR CITATION`: one unconditional rule
struct value_definition : seq<value_expr, must<value_citation>> {};
// what follows `NAME =`
struct definition_body : seq<sp, sor<first_block, collect_block, value_definition>> {};
// `NAME =`, looked ahead: an item that starts so is a definition, whatever NAME is
struct definition_start : seq<ident, sp, eq_sign> {};
// the defined name
struct definition_target : seq<ident> {};
// `NAME = (first { RULE* } | collect { RULE* } | EXPR CITATION)`
struct definition
    : seq<at<definition_start>, definition_target, sp, eq_sign, must<definition_body>> {};

// `refine`
struct refine_kw : kw_refine {};
// the refined definition's name
struct refine_target : seq<sp, ident> {};
// `{` before the rules
struct refine_open : seq<sp, lbrace> {};
// a rule of `refine NAME { … }`
struct refine_rule
    : sor<rule_rule, otherwise_rule, exception_rule, adopt_rule, override_rule, omit_rule> {};
// `}` after the rules of `refine`
struct refine_close : seq<sp, rbrace> {};
// `refine NAME { (RULE | ADOPT | OVERRIDE | OMIT)* }`
struct refine_decl
    : seq<refine_kw, must<refine_target, refine_open>, star<sp, refine_rule>, must<refine_close>> {
};

// ================================================================ invariants

// `invariant`
struct invariant_kw : kw_invariant {};
// the invariant's label
struct invariant_label : seq<sp, ident> {};
// `invariant LABEL "title"? CITATION (when EXPR)? => EXPR`
struct invariant_decl
    : seq<invariant_kw, must<invariant_label>, opt<sp, rule_title>, must<rule_citation>,
          opt<sp, when_clause>, must<rule_arrow, rule_value>> {};

// ================================================================ readings

// `reading`
struct reading_kw : kw_reading {};
// the reading's name
struct reading_name : seq<sp, ident> {};
// what the reading is about
struct reading_doc : seq<sp, string_lit> {};
// `{` before the options
struct reading_open : seq<sp, lbrace> {};
// an option's name
struct reading_option_name : seq<ident> {};
// what the option reads the text as
struct reading_option_doc : seq<sp, string_lit> {};
// `OPTION "doc" CITATION`
struct reading_option
    : seq<not_at<kw_default>, reading_option_name, must<reading_option_doc, rule_citation>> {};
// the option after `default`
struct reading_default_name : seq<sp, ident> {};
// `because` before the reason
struct reading_because : seq<sp, kw_because> {};
// why the default is the default
struct reading_reason : seq<sp, string_lit> {};
// `default OPTION because "reason"`
struct reading_default
    : seq<kw_default, must<reading_default_name, reading_because, reading_reason>> {};
// `}` after the options and the default
struct reading_close : seq<sp, rbrace> {};
// `reading NAME "doc" { (OPTION "doc" CITATION)* default OPTION because "reason" }`
struct reading_decl : seq<reading_kw, must<reading_name, reading_doc, reading_open>,
                          star<sp, reading_option>, sp, must<reading_default, reading_close>> {};

// ================================================================ tests

// `test`
struct test_kw : kw_test {};
// the test's name
struct test_name : seq<sp, string_lit> {};
// `{` before the test's body
struct test_open : seq<sp, lbrace> {};
// `{` after `given`
struct given_open : seq<sp, lbrace> {};
// the name of a given fact
struct given_fact : seq<ident> {};
// the value of a given fact
struct given_value : seq<sp, expr> {};
// `NAME: EXPR ","?`
struct given_entry : seq<given_fact, must<field_colon, given_value>, opt<sp, comma>> {};
// `}` after the given facts
struct given_close : seq<sp, rbrace> {};
// `given { (NAME: EXPR ","?)* }`
struct given_block : seq<kw_given, must<given_open>, star<sp, given_entry>, must<given_close>> {};
// `expect`
struct expect_kw : kw_expect {};
// the expression after `expect unknown`
struct expect_unknown_value : seq<sp, expr> {};
// `unknown`
struct expect_unknown_kw : kw_unknown {};
// `unknown EXPR`
struct expect_unknown : seq<expect_unknown_kw, must<expect_unknown_value>> {};
// `missing`
struct expect_missing_kw : kw_missing {};
// `[` after `expect missing`
struct missing_open : seq<sp, lbracket> {};
// a fact's name in `expect missing [ … ]`
struct missing_fact : seq<ident> {};
// the next fact, after `,` (a `]` there ends the list: a trailing comma)
struct missing_next : seq<missing_fact> {};
// `]` after the facts
struct missing_close : seq<sp, rbracket> {};
// `]` or `NAME ("," NAME)* ","? ]`
struct missing_body
    : seq<sp,
          sor<rbracket, seq<missing_fact, star<sp, comma, sp, not_at<rbracket>, must<missing_next>>,
                            opt<sp, comma>, must<missing_close>>>> {};
// `missing [ NAME, … ]`
struct expect_missing : seq<expect_missing_kw, must<missing_open, missing_body>> {};
// an expression that must hold
struct expect_holds : seq<expr> {};
// what follows `expect`: `unknown` and `missing` are keywords there
struct expect_body : seq<sp, sor<expect_unknown, expect_missing, expect_holds>> {};
// `expect (unknown EXPR | missing [ … ] | EXPR)`
struct expect_stmt : seq<expect_kw, must<expect_body>> {};
// `}` after the test's body
struct test_close : seq<sp, rbrace> {};
// `test "name" CITATION? { GIVEN? EXPECT* }`
struct test_decl : seq<test_kw, must<test_name>, opt<sp, citation>, must<test_open>,
                       opt<sp, given_block>, star<sp, expect_stmt>, must<test_close>> {};

// ================================================================ module

// one declaration or definition; definitions are tried first, so that a contextual keyword
// can be defined (`calendar = …`)
struct item : sor<definition, import_decl, plan_decl, header_decl, enum_decl, record_decl,
                  fact_decl, output_decl, def_decl, fn_decl, document_decl, calendar_decl,
                  source_decl, refine_decl, test_decl, invariant_decl, reading_decl> {};
// the end of the file, where no further item starts
struct end_of_module : eof {};
// `ITEM*`
struct module : seq<opt<byte_order_mark>, sp, star<item, sp>, must<end_of_module>> {};

// A lone expression, as tools (a REPL, a diff's conditions) take one: `EXPR`.
struct end_of_expression : eof {};
struct lone_expr : expr {};
struct expression_input : seq<sp, must<lone_expr>, sp, must<end_of_expression>> {};

// ================================================================ error messages

// The message of each commit point: lowercase, no final period, user text in backticks.
// `{op}` is replaced by the operator just read.
template <typename>
inline constexpr const char* error_message = nullptr;

// lexical
template <>
inline constexpr const char* error_message<string_close> = "unterminated string";
template <>
inline constexpr const char* error_message<escape_code> = "invalid escape in string";
template <>
inline constexpr const char* error_message<time_part> =
    "expected a time and a UTC offset after `T`, as in `2026-11-20T16:30:00-08:00`";

// expressions
template <>
inline constexpr const char* error_message<expression_too_deep> =
    "expression nested too deeply (more than 256 levels)";
template <>
inline constexpr const char* error_message<callee_not_name> =
    "only a function name can be called, as in `f(x)`";
template <>
inline constexpr const char* error_message<using_needs_sum> =
    "`using` needs a sum, as in `received_at + 5 business_days using cal`";
template <>
inline constexpr const char* error_message<comparison_chain> = "comparisons do not chain";
template <>
inline constexpr const char* error_message<call_next_arg> = "expected an argument";
template <>
inline constexpr const char* error_message<call_close> = "expected `,` or `)`";
template <>
inline constexpr const char* error_message<call_args> = "expected an argument or `)`";
template <>
inline constexpr const char* error_message<paren_inner> = "expected an expression";
template <>
inline constexpr const char* error_message<paren_close> = "expected `)`";
template <>
inline constexpr const char* error_message<collection_next> = "expected an expression or `]`";
template <>
inline constexpr const char* error_message<collection_close> = "expected `,` or `]`";
template <>
inline constexpr const char* error_message<collection_body> = "expected an expression or `]`";
template <>
inline constexpr const char* error_message<field_colon> = "expected `:` after the field name";
template <>
inline constexpr const char* error_message<field_value> = "expected an expression";
template <>
inline constexpr const char* error_message<record_next> = "expected a field `NAME: value` or `}`";
template <>
inline constexpr const char* error_message<record_close> = "expected `,` or `}`";
template <>
inline constexpr const char* error_message<record_body> = "expected a field `NAME: value` or `}`";
template <>
inline constexpr const char* error_message<member_name> = "expected a field name after `.`";
template <>
inline constexpr const char* error_message<neg_operand> = "expected an expression after `-`";
template <>
inline constexpr const char* error_message<mul_rhs> = "expected an expression after `{op}`";
template <>
inline constexpr const char* error_message<add_rhs> = "expected an expression after `{op}`";
template <>
inline constexpr const char* error_message<using_calendar> = "expected a calendar after `using`";
template <>
inline constexpr const char* error_message<comparison_rhs> = "expected an expression after `{op}`";
template <>
inline constexpr const char* error_message<not_operand> = "expected an expression after `not`";
template <>
inline constexpr const char* error_message<and_rhs> = "expected an expression after `{op}`";
template <>
inline constexpr const char* error_message<or_rhs> = "expected an expression after `{op}`";
template <>
inline constexpr const char* error_message<coalesce_rhs> = "expected an expression after `{op}`";
template <>
inline constexpr const char* error_message<if_cond> = "expected a condition after `if`";
template <>
inline constexpr const char* error_message<if_then> = "expected `then` after the condition";
template <>
inline constexpr const char* error_message<if_then_value> = "expected an expression after `then`";
template <>
inline constexpr const char* error_message<if_else> = "expected `else` (every `if` needs one)";
template <>
inline constexpr const char* error_message<if_else_value> = "expected an expression after `else`";

// types
template <>
inline constexpr const char* error_message<type_too_deep> =
    "type nested too deeply (more than 256 levels)";
template <>
inline constexpr const char* error_message<element_type> = "expected the element type after `of`";
template <>
inline constexpr const char* error_message<paren_type_inner> = "expected a type";
template <>
inline constexpr const char* error_message<paren_type_close> = "expected `)`";
template <>
inline constexpr const char* error_message<union_alternative> = "expected a type after `|`";

// citations
template <>
inline constexpr const char* error_message<cite_text> =
    "expected the citation (a string) after `cite`";
template <>
inline constexpr const char* error_message<quote_text> =
    "expected the quoted source text (a string) after `quote`";
template <>
inline constexpr const char* error_message<json_name> =
    "expected the JSON name (a string) after `as`";

// declarations
template <>
inline constexpr const char* error_message<import_name> = "expected a module name after `import`";
template <>
inline constexpr const char* error_message<plan_id> = "expected the plan's id (a name)";
template <>
inline constexpr const char* error_message<plan_open> =
    "expected `{` (or `version \"LABEL\"`) after the plan's id";
template <>
inline constexpr const char* error_message<plan_version_label> =
    "expected the version's label (a string) after `version`";
template <>
inline constexpr const char* error_message<plan_version_date> =
    "expected the date the version is in force from (YYYY-MM-DD) after `from`";
template <>
inline constexpr const char* error_message<plan_field_value> = "expected an expression";
template <>
inline constexpr const char* error_message<plan_close> = "expected a field `NAME: value` or `}`";
template <>
inline constexpr const char* error_message<field_type_colon> = "expected `:` and the field's type";
template <>
inline constexpr const char* error_message<field_type> = "expected the field's type";
template <>
inline constexpr const char* error_message<field_doc> =
    "expected the field's description (a string)";
template <>
inline constexpr const char* error_message<fields_close> =
    "expected a field `NAME: type \"description\"` or `}`";
template <>
inline constexpr const char* error_message<header_open> = "expected `{` after `header`";
template <>
inline constexpr const char* error_message<enum_name> = "expected the enum's name";
template <>
inline constexpr const char* error_message<enum_doc> = "expected the enum's description (a string)";
template <>
inline constexpr const char* error_message<enum_open> = "expected `{` and the enum's values";
template <>
inline constexpr const char* error_message<enum_value_doc> =
    "expected the value's description (a string)";
template <>
inline constexpr const char* error_message<enum_close> =
    "expected a value `NAME \"description\"` or `}`";
template <>
inline constexpr const char* error_message<record_name> = "expected the record's name";
template <>
inline constexpr const char* error_message<record_doc> =
    "expected the record's description (a string)";
template <>
inline constexpr const char* error_message<record_decl_open> =
    "expected `{` and the record's fields";
template <>
inline constexpr const char* error_message<fact_name> = "expected the fact's name";
template <>
inline constexpr const char* error_message<output_name> = "expected the output's name";
template <>
inline constexpr const char* error_message<def_name> = "expected the def's name";
template <>
inline constexpr const char* error_message<var_colon> = "expected `:` and a type";
template <>
inline constexpr const char* error_message<var_type> = "expected a type";
template <>
inline constexpr const char* error_message<range_lo> = "expected the lower bound (an integer)";
template <>
inline constexpr const char* error_message<range_dots> = "expected `..` between the bounds";
template <>
inline constexpr const char* error_message<range_hi> = "expected the upper bound (an integer)";
template <>
inline constexpr const char* error_message<var_value> = "expected an expression after `=`";
template <>
inline constexpr const char* error_message<unknown_value> =
    "expected an expression after `unknown as`";
template <>
inline constexpr const char* error_message<fact_doc> = "expected the fact's description (a string)";
template <>
inline constexpr const char* error_message<output_doc> =
    "expected the output's description (a string)";
template <>
inline constexpr const char* error_message<def_doc> = "expected the def's description (a string)";
template <>
inline constexpr const char* error_message<fn_name> = "expected the function's name";
template <>
inline constexpr const char* error_message<fn_open> = "expected `(` and the function's parameters";
template <>
inline constexpr const char* error_message<param_colon> = "expected `:` and the parameter's type";
template <>
inline constexpr const char* error_message<param_type> = "expected the parameter's type";
template <>
inline constexpr const char* error_message<next_param> = "expected a parameter `NAME: type`";
template <>
inline constexpr const char* error_message<params_close> = "expected `,` or `)`";
template <>
inline constexpr const char* error_message<fn_params> = "expected a parameter `NAME: type` or `)`";
template <>
inline constexpr const char* error_message<fn_arrow> = "expected `->` and the result type";
template <>
inline constexpr const char* error_message<fn_result> = "expected the result type";
template <>
inline constexpr const char* error_message<fn_eq> = "expected `=` and the function's body";
template <>
inline constexpr const char* error_message<fn_body> =
    "expected the function's body (an expression)";
template <>
inline constexpr const char* error_message<document_name> = "expected the document's name";
template <>
inline constexpr const char* error_message<document_ref> =
    "expected how the document is cited (a string)";

template <>
inline constexpr const char* error_message<source_file> =
    "expected the file that holds the source's text (a string)";
template <>
inline constexpr const char* error_message<source_for> = "expected `for` and the citation prefix";
template <>
inline constexpr const char* error_message<source_cites> =
    "expected the citation prefix the source holds (a string)";
template <>
inline constexpr const char* error_message<source_unchecked_kw> = "expected `unchecked`";
template <>
inline constexpr const char* error_message<source_unchecked_reason> =
    "expected why the sections are unchecked (a string)";

// calendars
template <>
inline constexpr const char* error_message<calendar_name> = "expected the calendar's name";
template <>
inline constexpr const char* error_message<calendar_open> =
    "expected `{` and the calendar's holidays";
template <>
inline constexpr const char* error_message<calendar_close> = "expected `holiday` or `}`";
template <>
inline constexpr const char* error_message<holiday_name> = "expected the holiday's name (a string)";
template <>
inline constexpr const char* error_message<holiday_on> = "expected `on` and the holiday's date";
template <>
inline constexpr const char* error_message<holiday_date> =
    "expected a date such as `July 4` or `fourth Thursday of November`, or `dates { … }`";
template <>
inline constexpr const char* error_message<dates_open> =
    "expected `{` and the holiday's dates, as in `dates { 2027-02-06, 2028-01-26 }`";
template <>
inline constexpr const char* error_message<window_start> =
    "expected the first day the holiday can fall on, as in `between January 20 and February 21`";
template <>
inline constexpr const char* error_message<window_day> = "expected the day of the month";
template <>
inline constexpr const char* error_message<window_and> =
    "expected `and` and the last day the holiday can fall on";
template <>
inline constexpr const char* error_message<window_end> =
    "expected the last day the holiday can fall on, as in `… and February 21`";
template <>
inline constexpr const char* error_message<dates_close> =
    "expected a date such as `2027-02-06`, or `}`";
template <>
inline constexpr const char* error_message<day_of_month> = "expected the day of the month";
template <>
inline constexpr const char* error_message<nth_weekday> =
    "expected a weekday (`Monday` … `Sunday`)";
template <>
inline constexpr const char* error_message<weekday_of> = "expected `of` and a month";
template <>
inline constexpr const char* error_message<weekday_month> =
    "expected a month (`January` … `December`)";
template <>
inline constexpr const char* error_message<offset_days> =
    "expected a number of days after `+`, as in `+ 1 day`";
template <>
inline constexpr const char* error_message<weekend_shift> =
    "expected `saturday -> …` or `sunday -> …`";
template <>
inline constexpr const char* error_message<shift_arrow> =
    "expected `->` and the day the holiday is observed";
template <>
inline constexpr const char* error_message<shift_target> = "expected `friday` or `monday`";
template <>
inline constexpr const char* error_message<from_year> = "expected a year after `from`";
template <>
inline constexpr const char* error_message<until_year> = "expected a year after `until`";

// definitions and rules
template <>
inline constexpr const char* error_message<condition> = "expected a condition after `when`";
template <>
inline constexpr const char* error_message<rule_citation> =
    "expected `cite` and a citation string (every rule must cite its source)";
template <>
inline constexpr const char* error_message<value_citation> =
    "expected `cite` and a citation string (every rule must cite its source)";
template <>
inline constexpr const char* error_message<rule_arrow> = "expected `=>` and the rule's value";
template <>
inline constexpr const char* error_message<rule_value> = "expected the rule's value after `=>`";
template <>
inline constexpr const char* error_message<anchor_label> =
    "expected the label of a rule after `before` or `after`";
template <>
inline constexpr const char* error_message<rule_label> = "expected the rule's label";
template <>
inline constexpr const char* error_message<invariant_label> = "expected the invariant's label";
template <>
inline constexpr const char* error_message<reading_name> = "expected the reading's name";
template <>
inline constexpr const char* error_message<reading_doc> =
    "expected what the reading is about (a string)";
template <>
inline constexpr const char* error_message<reading_open> = "expected `{` and the reading's options";
template <>
inline constexpr const char* error_message<reading_option_doc> =
    "expected what the option reads the text as (a string)";
template <>
inline constexpr const char* error_message<reading_default> =
    "expected another option, or `default OPTION because \"…\"`";
template <>
inline constexpr const char* error_message<reading_default_name> =
    "expected the default option's name";
template <>
inline constexpr const char* error_message<reading_because> = "expected `because` and the reason";
template <>
inline constexpr const char* error_message<reading_reason> =
    "expected the reason for the default (a string)";
template <>
inline constexpr const char* error_message<reading_close> = "expected `}` after the default";
template <>
inline constexpr const char* error_message<exception_to> =
    "expected `to` and the label of the rule it modifies";
template <>
inline constexpr const char* error_message<exception_target> =
    "expected the label of the rule the exception modifies";
template <>
inline constexpr const char* error_message<exception_when> =
    "expected `when` and the exception's condition";
template <>
inline constexpr const char* error_message<exception_value> =
    "expected `skip` or the exception's value after `=>`";
template <>
inline constexpr const char* error_message<adopt_target> =
    "expected the label of the baseline rule to adopt";
template <>
inline constexpr const char* error_message<override_target> =
    "expected the label of the baseline rule to override";
template <>
inline constexpr const char* error_message<omit_target> =
    "expected the label of the baseline rule to omit";
template <>
inline constexpr const char* error_message<omit_because> = "expected `because` and the reason";
template <>
inline constexpr const char* error_message<omit_reason> =
    "expected the reason (a string) after `because`";
template <>
inline constexpr const char* error_message<rules_close> =
    "expected `rule`, `otherwise`, `exception to` or `}`";
template <>
inline constexpr const char* error_message<definition_body> =
    "expected `first {`, `collect {` or an expression after `=`";
template <>
inline constexpr const char* error_message<refine_target> =
    "expected the name of the definition to refine";
template <>
inline constexpr const char* error_message<refine_open> = "expected `{` and the refined rules";
template <>
inline constexpr const char* error_message<refine_close> =
    "expected `rule`, `otherwise`, `exception to`, `adopt`, `override`, `omit` or `}`";

// tests
template <>
inline constexpr const char* error_message<test_name> = "expected the test's name (a string)";
template <>
inline constexpr const char* error_message<test_open> = "expected `{` and the test's body";
template <>
inline constexpr const char* error_message<given_open> = "expected `{` after `given`";
template <>
inline constexpr const char* error_message<given_value> = "expected an expression";
template <>
inline constexpr const char* error_message<given_close> = "expected a fact `NAME: value` or `}`";
template <>
inline constexpr const char* error_message<expect_unknown_value> =
    "expected an expression after `expect unknown`";
template <>
inline constexpr const char* error_message<missing_open> = "expected `[` and the missing facts";
template <>
inline constexpr const char* error_message<missing_next> = "expected a fact name or `]`";
template <>
inline constexpr const char* error_message<missing_close> = "expected `,` or `]`";
template <>
inline constexpr const char* error_message<missing_body> = "expected a fact name or `]`";
template <>
inline constexpr const char* error_message<expect_body> =
    "expected an expression, `unknown EXPR` or `missing [FACTS]` after `expect`";
template <>
inline constexpr const char* error_message<test_close> = "expected `expect` or `}`";

// module
template <>
inline constexpr const char* error_message<end_of_module> =
    "expected a declaration (`import`, `fact`, `output`, `def`, `fn`, `enum`, `record`, …) or a "
    "definition `NAME = …`";

template <>
inline constexpr const char* error_message<lone_expr> = "expected an expression";
template <>
inline constexpr const char* error_message<end_of_expression> =
    "expected an operator or the end of the expression";

// The diagnostic code of each commit point; "E0101" (a token other than the one expected)
// unless listed here. Errors found by actions have their own codes (parser.cpp).
template <typename>
inline constexpr const char* error_code = "E0101";
template <>
inline constexpr const char* error_code<string_close> = "E0102";
template <>
inline constexpr const char* error_code<escape_code> = "E0103";
template <>
inline constexpr const char* error_code<time_part> = "E0104";
template <>
inline constexpr const char* error_code<expression_too_deep> = "E0106";
template <>
inline constexpr const char* error_code<type_too_deep> = "E0106";
template <>
inline constexpr const char* error_code<comparison_chain> = "E0107";
template <>
inline constexpr const char* error_code<using_needs_sum> = "E0108";
template <>
inline constexpr const char* error_code<callee_not_name> = "E0109";

// ================================================================ control

// Rules whose every entry is one level of nesting: expressions (each `( … )`, `[ … ]`, argument,
// branch…), the operands of prefix operators (which recurse without going through `expr`) and
// type atoms. Each is entered only where its construct must follow, never merely tried, so the
// depth counts levels that exist.
template <typename>
inline constexpr bool counts_expression_depth = false;
template <>
inline constexpr bool counts_expression_depth<expr> = true;
template <>
inline constexpr bool counts_expression_depth<not_operand> = true;
template <>
inline constexpr bool counts_expression_depth<neg_operand> = true;
template <typename>
inline constexpr bool counts_type_depth = false;
template <>
inline constexpr bool counts_type_depth<type_atom> = true;

// A commit point failed: the message of its rule and the diagnostic code.
class syntax_error : public parse_error {
 public:
  template <typename ParseInput>
  syntax_error(const char* message, const char* code, const ParseInput& in)
      : parse_error(message, in), code_(code) {}
  const char* code() const { return code_; }

 private:
  const char* code_;
};

// The parse's state must offer `int nesting` (the current depth); this is all the grammar needs
// of it. A parse with no actions (a test of the grammar alone) can use this one.
struct nesting_state {
  int nesting = 0;
};

// Plugs the error_message table into PEGTL (as PEGTL's json_errors example does with
// must_if<>), with two differences: only a failed must<> raises (a rule with a message may
// also be tried where failing is fine), and the nesting depth is limited before the C++ stack
// is.
template <typename Rule>
struct error_control : normal<Rule> {
  template <apply_mode A, rewind_mode M, template <typename...> class Action,
            template <typename...> class Control, typename ParseInput, typename State,
            typename... States>
  [[nodiscard]] static bool match(ParseInput& in, State& st, States&&... sts) {
    // A commit point is matched so that it gives back what it read on failure: the error is
    // then reported where the expected construct should start, not where the attempt gave up.
    constexpr rewind_mode mode = error_message<Rule> != nullptr ? rewind_mode::required : M;
    if constexpr (counts_expression_depth<Rule> || counts_type_depth<Rule>) {
      struct depth_guard {
        int& depth;
        explicit depth_guard(int& d) : depth(++d) {}
        ~depth_guard() { --depth; }
        depth_guard(const depth_guard&) = delete;
        depth_guard& operator=(const depth_guard&) = delete;
      } guard(st.nesting);
      if (st.nesting > k_max_expression_depth) {
        using too_deep =
            std::conditional_t<counts_type_depth<Rule>, type_too_deep, expression_too_deep>;
        Control<too_deep>::raise(in, st, sts...);
      }
      return normal<Rule>::template match<A, mode, Action, Control>(in, st, sts...);
    } else {
      return normal<Rule>::template match<A, mode, Action, Control>(in, st, sts...);
    }
  }

  template <typename ParseInput, typename... States>
  [[noreturn]] static void raise(const ParseInput& in, States&&... /*unused*/) {
    static_assert(error_message<Rule> != nullptr,
                  "a commit point (must<>, if_must<>, raise<>) needs an error_message");
    throw syntax_error(error_message<Rule>, error_code<Rule>, in);
  }
};

}  // namespace sop::grammar
