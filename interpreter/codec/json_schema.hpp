#pragma once
// JSON Schemas (draft 2020-12) of the case a program reads and of the determination it writes,
// generated from the program's declarations: the facts, the outputs, their records and
// enumerations with their JSON names, ranges and docs. Nothing here knows a fact by name; the
// engine's own fields (`missing_facts`, `trace`) are the ones docs/case-format says every
// determination carries. What a schema cannot say (valid UTF-8, a calendar date that exists,
// duplicate keys) stays the decoder's to check.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "lang/program.hpp"

namespace sop {

// `sop.case/1`: an object of the facts, each optional and nullable, no other field.
nlohmann::ordered_json case_schema(const Program& program);
// `sop.determination/1`: the outputs in order (each required), `missing_facts` and, optional,
// `trace`.
nlohmann::ordered_json determination_schema(const Program& program);
// A line that carries a case under `case_key` (required) and, beside it, the fields of record
// type `record` (each optional and nullable; a list item's non-optional fields required), keys
// beginning with `extension_prefix` allowed as anything, no other key.
nlohmann::ordered_json record_line_schema(const Program& program, uint32_t record,
                                          const std::string& case_key,
                                          const std::string& extension_prefix,
                                          const std::string& id, const std::string& title);
// The facts' JSON names, in declaration order: a batch CSV's header (docs/cli.md).
std::vector<std::string> case_field_names(const Program& program);

}  // namespace sop
