#pragma once
// The base protocol (LSP 3.17 §Base Protocol): each message is a header block — lines
// `Name: value` ended by CRLF, then an empty line — and a body of exactly `Content-Length`
// bytes of JSON. Reading never trusts the peer: a header block without a usable length is
// reported and skipped, and the next message is read after it.
#include <iosfwd>
#include <string>

#include <nlohmann/json.hpp>

namespace sop::lsp {

struct Incoming {
  enum class Kind {
    message,     // `body` holds the message's bytes (not yet parsed)
    bad_header,  // `error` says what was wrong; the block (and any body it announced) is skipped
    end,         // the stream ended (also in the middle of a message)
  };
  Kind kind = Kind::end;
  std::string body;
  std::string error;
};

// The most a body may be: far beyond any policy (the loader refuses sources past 64 MiB).
inline constexpr size_t k_max_body_bytes = size_t{96} << 20;

Incoming read_message(std::istream& in);
// Writes `message` with its header, and flushes: the client waits for it.
void write_message(std::ostream& out, const nlohmann::json& message);

}  // namespace sop::lsp
