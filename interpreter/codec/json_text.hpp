#pragma once
// Writing JSON text straight into a string, byte for byte as nlohmann's compact dump
// (`dump(-1, ' ', false, error_handler_t::replace)`) writes it, without building a tree: the
// batch writes millions of determinations, and a tree per determination cost more than the
// evaluation.
#include <cstdint>
#include <string>
#include <string_view>

namespace sop {

// Appends `s` as a JSON string literal: quotes, `\"`, `\\`, the short escapes (`\b \f \n \r
// \t`), other control characters as `\u00xx`; other bytes as they are when `s` is valid UTF-8,
// else (as nlohmann's replace handler does) each invalid sequence as U+FFFD.
void append_json_string(std::string& out, std::string_view s);
void append_json_int(std::string& out, int64_t i);
// Whether `s` is well-formed UTF-8 (Unicode Table 3-7: no overlong forms, no surrogates, nothing
// past U+10FFFF): the bytes nlohmann's parser accepts in a string.
bool valid_utf8(std::string_view s);

}  // namespace sop
