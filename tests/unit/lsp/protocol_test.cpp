// JSON-RPC and the protocol's lifecycle, with clients that get it wrong: every bad message gets
// an error response (or, for a notification, a logged message), and the server keeps running.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp_client.hpp"

namespace sop::lsp::testing {
namespace {

int error_code(const json& response) {
  EXPECT_TRUE(response.contains("error")) << response.dump();
  return response.contains("error") ? response["error"]["code"].get<int>() : 0;
}

// The one response among `messages` (a server's answer to a message without a usable id).
json only_response(const std::vector<json>& messages) {
  EXPECT_EQ(messages.size(), 1u);
  return messages.empty() ? json() : messages.front();
}

TEST(Protocol, RequestsBeforeInitializeAreRefusedThenInitializeWorks) {
  Client c;
  json r = c.request("textDocument/hover", at("file:///x.sop", 0, 0));
  EXPECT_EQ(error_code(r), -32002);
  EXPECT_EQ(r["error"]["message"], "the server is not initialized: send `initialize` first");
  c.initialize();
  EXPECT_EQ(error_code(c.request("initialize", json::object())), -32600);  // only once
}

TEST(Protocol, InitializeAnnouncesTheFeatures) {
  Client c;
  json caps = c.request("initialize", {{"capabilities", json::object()}})["result"]["capabilities"];
  EXPECT_EQ(caps["positionEncoding"], "utf-16");
  EXPECT_EQ(caps["textDocumentSync"]["change"], 1);
  for (const char* feature :
       {"hoverProvider", "definitionProvider", "referencesProvider", "completionProvider",
        "documentSymbolProvider", "documentFormattingProvider", "codeLensProvider",
        "executeCommandProvider"})
    EXPECT_TRUE(caps.contains(feature)) << feature;
  EXPECT_EQ(caps["executeCommandProvider"]["commands"], json::array({"sop.runTests"}));
}

TEST(Protocol, MalformedJsonIsAParseErrorAndTheServerKeepsRunning) {
  Client c;
  c.initialize();
  for (const char* body :
       {"{", "not json", "", "{\"id\": 1, \"method\": \"shutdown\"", "\xff\xfe"}) {
    json r = only_response(c.send_body(body));
    EXPECT_EQ(error_code(r), -32700) << body;
    EXPECT_TRUE(r["id"].is_null());
  }
  EXPECT_TRUE(c.alive());
  EXPECT_TRUE(c.request("shutdown", nullptr).contains("result"));
}

TEST(Protocol, WhatIsNotARequestIsAnInvalidRequest) {
  Client c;
  c.initialize();
  for (const char* body : {"[]", "42", "\"x\"", R"({"jsonrpc": "2.0"})",
                           R"({"jsonrpc": "2.0", "id": {"a": 1}, "method": "shutdown"})",
                           R"({"jsonrpc": "2.0", "id": 1.5, "method": "shutdown"})"}) {
    json r = only_response(c.send_body(body));
    EXPECT_EQ(error_code(r), -32600) << body;
    EXPECT_TRUE(r["id"].is_null()) << body;
  }
  json r = only_response(c.send_body(R"({"jsonrpc": "2.0", "id": 7, "method": 5})"));
  EXPECT_EQ(error_code(r), -32600);
  EXPECT_EQ(r["id"], 7);
  // A response from the client needs no answer.
  EXPECT_TRUE(c.send_body(R"({"jsonrpc": "2.0", "id": 3, "result": null})").empty());
}

TEST(Protocol, AnUnknownMethodIsNotFoundAndAnUnknownNotificationIgnored) {
  Client c;
  c.initialize();
  json r = c.request("textDocument/rename", json::object());
  EXPECT_EQ(error_code(r), -32601);
  EXPECT_EQ(r["error"]["message"], "unknown method `textDocument/rename`");
  EXPECT_TRUE(c.notify("$/cancelRequest", {{"id", 1}}).empty());
  EXPECT_TRUE(c.notify("workspace/didChangeConfiguration", json::object()).empty());
}

TEST(Protocol, InvalidParamsAreAnswered) {
  Client c;
  c.initialize();
  EXPECT_EQ(error_code(c.request("textDocument/hover", nullptr)), -32602);
  EXPECT_EQ(error_code(c.request("textDocument/hover", {{"textDocument", {{"uri", 5}}}})), -32602);
  json r = c.request("textDocument/definition", at("file:///nowhere.sop", 0, 0));
  EXPECT_EQ(error_code(r), -32602);
  EXPECT_EQ(r["error"]["message"], "invalid params: `file:///nowhere.sop` is not open");
  json bad_position = at("file:///nowhere.sop", 0, 0);
  bad_position["position"]["line"] = "one";
  EXPECT_EQ(error_code(c.request("textDocument/hover", bad_position)), -32602);
  EXPECT_EQ(error_code(c.request("workspace/executeCommand", {{"command", "rm -rf"}})), -32602);
}

TEST(Protocol, ABadNotificationIsLoggedNotFatal) {
  Client c;
  c.initialize();
  std::vector<json> out =
      c.notify("textDocument/didOpen", {{"textDocument", {{"uri", "file:///x.sop"}}}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["method"], "window/logMessage");
  EXPECT_EQ(out[0]["params"]["type"], 1);
  out = c.notify("textDocument/didChange", {{"textDocument", {{"uri", "file:///closed.sop"}}},
                                            {"contentChanges", json::array()}});
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0]["params"]["message"].get<std::string>().find("is not open"), std::string::npos);
  EXPECT_TRUE(c.request("shutdown", nullptr).contains("result"));
}

TEST(Protocol, AfterShutdownOnlyExit) {
  Client c;
  c.initialize();
  EXPECT_TRUE(c.request("shutdown", nullptr)["result"].is_null());
  EXPECT_EQ(error_code(c.request("textDocument/hover", at("file:///x.sop", 0, 0))), -32600);
  EXPECT_TRUE(c.alive());
  c.notify("exit", nullptr);
  EXPECT_FALSE(c.alive());
  EXPECT_EQ(c.server().exit_status(), 0);
}

TEST(Protocol, ExitWithoutShutdownIsAFailure) {
  Client c;
  c.initialize();
  c.notify("exit", nullptr);
  EXPECT_FALSE(c.alive());
  EXPECT_EQ(c.server().exit_status(), 1);
}

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

TEST(Protocol, RunAnswersBadHeadersAndGoesOn) {
  std::istringstream in("Content-Type: text/plain\r\n\r\n" +
                        std::string("Content-Length: x\r\n\r\n") +
                        framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                        framed(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
                        framed(R"({"jsonrpc":"2.0","method":"exit"})") +
                        framed(R"({"jsonrpc":"2.0","id":3,"method":"shutdown"})"));
  std::ostringstream out;
  Server server(out);
  EXPECT_EQ(server.run(in), 0);
  std::istringstream written(out.str());
  std::vector<json> replies;
  for (Incoming m = read_message(written); m.kind == Incoming::Kind::message;
       m = read_message(written))
    replies.push_back(json::parse(m.body));
  ASSERT_EQ(replies.size(), 4u);  // nothing after exit
  EXPECT_EQ(replies[0]["error"]["code"], -32700);
  EXPECT_EQ(replies[0]["error"]["message"], "malformed header: the header has no `Content-Length`");
  EXPECT_EQ(replies[1]["error"]["message"],
            "malformed header: `Content-Length` is not a number: `x`");
  EXPECT_EQ(replies[2]["id"], 1);
  EXPECT_TRUE(replies[2]["result"].contains("capabilities"));
  EXPECT_EQ(replies[3]["id"], 2);
}

TEST(Protocol, TheStreamEndingWithoutShutdownIsAFailure) {
  std::istringstream in(framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})"));
  std::ostringstream out;
  Server server(out);
  EXPECT_EQ(server.run(in), 1);
}

}  // namespace
}  // namespace sop::lsp::testing
