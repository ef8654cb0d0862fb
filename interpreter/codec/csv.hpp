#pragma once
// CSV as RFC 4180 writes it: fields separated by commas, a field that holds a comma, a quote or
// a line break enclosed in quotes, a quote inside such a field doubled. Records end at a line
// break outside quotes (LF or CRLF).
#include <string>
#include <string_view>
#include <vector>

namespace sop {

// Scans `text` from `pos` for the end of a record: the index of the '\n' that ends it (outside
// quotes), or npos if the text ends first. `quoted` carries whether the scan is inside quotes,
// so that a record can be scanned across several pieces of input.
size_t csv_record_end(std::string_view text, size_t pos, bool& quoted);

// Splits one record (without its final line break; a final '\r' is dropped) into `fields`,
// whose first `count` entries are set (the vector is reused, so its strings keep their
// capacity). On malformed input returns false and sets `error`, naming the column.
bool split_csv_record(std::string_view record, std::vector<std::string>& fields, size_t& count,
                      std::string& error);

// Appends `s` as one field, quoted only when it must be.
void append_csv_field(std::string& out, std::string_view s);

}  // namespace sop
