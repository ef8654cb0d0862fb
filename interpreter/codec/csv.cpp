#include "interpreter/codec/csv.hpp"

#include <fmt/format.h>

namespace sop {

size_t csv_record_end(std::string_view text, size_t pos, bool& quoted) {
  for (size_t i = pos; i < text.size(); ++i) {
    char ch = text[i];
    // A doubled quote inside a quoted field toggles twice, which leaves the state unchanged.
    if (ch == '"')
      quoted = !quoted;
    else if (ch == '\n' && !quoted)
      return i;
  }
  return std::string_view::npos;
}

bool split_csv_record(std::string_view r, std::vector<std::string>& fields, size_t& count,
                      std::string& error) {
  if (!r.empty() && r.back() == '\r') r.remove_suffix(1);
  count = 0;
  size_t i = 0;
  while (true) {
    if (fields.size() <= count) fields.emplace_back();
    std::string& f = fields[count++];
    f.clear();
    if (i < r.size() && r[i] == '"') {
      ++i;
      while (true) {
        size_t q = r.find('"', i);
        if (q == std::string_view::npos) {
          error = fmt::format("column {}: a quoted field is not closed", count);
          return false;
        }
        f.append(r.substr(i, q - i));
        i = q + 1;
        if (i < r.size() && r[i] == '"') {  // a doubled quote is one quote
          f += '"';
          ++i;
          continue;
        }
        break;
      }
      if (i < r.size() && r[i] != ',') {
        error = fmt::format("column {}: text after the closing quote of a quoted field", count);
        return false;
      }
    } else {
      size_t end = r.find(',', i);
      if (end == std::string_view::npos) end = r.size();
      std::string_view cell = r.substr(i, end - i);
      if (cell.find('"') != std::string_view::npos) {
        error = fmt::format(
            "column {}: a quote inside a field that does not start with one (quote the whole "
            "field and double the quote)",
            count);
        return false;
      }
      f.append(cell);
      i = end;
    }
    if (i >= r.size()) return true;
    ++i;  // the comma
  }
}

void append_csv_field(std::string& out, std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(s);
    return;
  }
  out += '"';
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace sop
