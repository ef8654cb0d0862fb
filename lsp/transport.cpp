#include "lsp/transport.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <istream>
#include <ostream>

namespace sop::lsp {

namespace {

// A header line longer than this is not a header: it is reported rather than buffered.
constexpr size_t k_max_header_line = 4096;

enum class Line { ok, too_long, end };

// One header line without its CRLF (or bare LF).
Line read_line(std::istream& in, std::string& line) {
  line.clear();
  bool too_long = false;
  for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return too_long ? Line::too_long : Line::ok;
    }
    if (line.size() < k_max_header_line) {
      line += static_cast<char>(c);
    } else {
      too_long = true;
    }
  }
  return Line::end;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

struct Header {
  bool has_length = false;
  size_t length = 0;
  std::string error;
};

// Takes one line of a header block into `h`; the first fault is the one reported.
void take_line(const std::string& line, Header& h) {
  size_t colon = line.find(':');
  if (colon == std::string::npos) {
    if (h.error.empty()) h.error = "a header line without `:`";
    return;
  }
  if (lower(trim(line.substr(0, colon))) != "content-length") return;
  std::string value = trim(line.substr(colon + 1));
  size_t n = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size()) {
    if (h.error.empty()) h.error = "`Content-Length` is not a number: `" + value + "`";
    return;
  }
  h.has_length = true;
  h.length = n;
}

}  // namespace

Incoming read_message(std::istream& in) {
  Header h;
  std::string line;
  bool any = false;
  for (;;) {
    Line got = read_line(in, line);
    if (got == Line::end) return {};
    if (got == Line::too_long && h.error.empty()) h.error = "a header line is too long";
    if (line.empty() && got == Line::ok) {
      if (any) break;
      continue;  // blank lines between messages are tolerated
    }
    any = true;
    if (got == Line::ok) take_line(line, h);
  }
  if (h.error.empty() && !h.has_length) h.error = "the header has no `Content-Length`";
  if (h.error.empty() && h.length > k_max_body_bytes)
    h.error = "the message is larger than the server accepts";
  if (!h.error.empty()) {
    // A length that was given is trusted to find the next message.
    if (h.has_length) in.ignore(static_cast<std::streamsize>(h.length));
    return {Incoming::Kind::bad_header, {}, h.error};
  }
  Incoming m{Incoming::Kind::message, std::string(h.length, '\0'), {}};
  in.read(m.body.data(), static_cast<std::streamsize>(h.length));
  if (static_cast<size_t>(in.gcount()) != h.length) return {};
  return m;
}

void write_message(std::ostream& out, const nlohmann::json& message) {
  // Invalid UTF-8 (a source file's bytes in a message) is replaced, never a throw.
  std::string body = message.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace sop::lsp
