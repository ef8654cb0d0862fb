// libFuzzer target: the bytes an editor sends `sop lsp` — headers, JSON-RPC messages, documents
// opened and changed, every request — through Server::run on in-memory streams, as the process
// reads standard input. Each input follows an `initialize`, so the fuzzer starts where the
// features are. Any crash, sanitizer report, leak or hang is a bug, and so is a reply that is
// not a framed JSON message: every message, however malformed, gets a well-formed answer or
// none.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "lsp/server.hpp"
#include "lsp/transport.hpp"

namespace {

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::string initialize =
      framed(R"({"jsonrpc":"2.0","id":0,"method":"initialize","params":{"capabilities":{}}})");
  std::istringstream in(initialize + std::string(reinterpret_cast<const char*>(data), size));
  std::ostringstream out;
  sop::lsp::Server server(out);
  server.run(in);
  std::istringstream written(out.str());
  for (sop::lsp::Incoming m = sop::lsp::read_message(written);
       m.kind != sop::lsp::Incoming::Kind::end; m = sop::lsp::read_message(written)) {
    if (m.kind != sop::lsp::Incoming::Kind::message ||
        nlohmann::json::parse(m.body, nullptr, false).is_discarded())
      std::abort();
  }
  return 0;
}
