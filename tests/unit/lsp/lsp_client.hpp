#pragma once
// A client for the protocol tests: drives a Server through in-memory streams, framing each
// message as an editor does and reading back every message the server wrote.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "lsp/server.hpp"
#include "lsp/transport.hpp"

namespace sop::lsp::testing {

using nlohmann::json;

class Client {
 public:
  // Sends a request; returns the server's answer to it (a response with this id).
  json request(const std::string& method, const json& params) {
    int id = ++next_id_;
    json answer;
    for (const json& m :
         send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}}))
      if (m.contains("id") && m["id"] == id) answer = m;
    EXPECT_FALSE(answer.is_null()) << "no response to " << method;
    return answer;
  }
  // Sends a notification; returns what the server wrote in reply (notifications of its own).
  std::vector<json> notify(const std::string& method, const json& params) {
    return send({{"jsonrpc", "2.0"}, {"method", method}, {"params", params}});
  }
  // Sends a raw body (not necessarily JSON); returns what the server wrote.
  std::vector<json> send_body(const std::string& body) {
    alive_ = server_.handle(body);
    return take();
  }
  std::vector<json> send(const json& message) { return send_body(message.dump()); }

  void initialize() {
    json r =
        request("initialize",
                {{"processId", nullptr}, {"rootUri", nullptr}, {"capabilities", json::object()}});
    ASSERT_TRUE(r.contains("result")) << r.dump();
    notify("initialized", json::object());
  }
  // Opens a document; returns the diagnostics published for it.
  json open(const std::string& uri, const std::string& text, int version = 1) {
    return diagnostics_for(
        uri,
        notify("textDocument/didOpen",
               {{"textDocument",
                 {{"uri", uri}, {"languageId", "sop"}, {"version", version}, {"text", text}}}}));
  }
  json change(const std::string& uri, const std::string& text, int version) {
    return diagnostics_for(uri, notify("textDocument/didChange",
                                       {{"textDocument", {{"uri", uri}, {"version", version}}},
                                        {"contentChanges", json::array({json{{"text", text}}})}}));
  }
  static json diagnostics_for(const std::string& uri, const std::vector<json>& messages) {
    json found;
    for (const json& m : messages)
      if (m.value("method", "") == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri)
        found = m["params"]["diagnostics"];
    return found;
  }
  bool alive() const { return alive_; }
  lsp::Server& server() { return server_; }

 private:
  std::vector<json> take() {
    std::istringstream in(out_.str());
    out_.str("");
    std::vector<json> messages;
    for (Incoming m = read_message(in); m.kind != Incoming::Kind::end; m = read_message(in)) {
      EXPECT_EQ(m.kind, Incoming::Kind::message) << m.error;
      messages.push_back(json::parse(m.body));
    }
    return messages;
  }

  std::ostringstream out_;
  lsp::Server server_{out_};
  int next_id_ = 0;
  bool alive_ = true;
};

// `textDocument` and `position` params.
inline json at(const std::string& uri, uint32_t line, uint32_t character) {
  return {{"textDocument", {{"uri", uri}}},
          {"position", {{"line", line}, {"character", character}}}};
}

}  // namespace sop::lsp::testing
