// `sop lsp` as the command line runs it: the protocol on standard input and output, nothing else
// written there, the exit status the protocol asks for.
#include <gtest/gtest.h>

#include <sstream>

#include <nlohmann/json.hpp>

#include "lsp/transport.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

using testing_support::sop;

std::string framed(const std::string& body) {
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::vector<nlohmann::json> messages(const std::string& out) {
  std::istringstream in(out);
  std::vector<nlohmann::json> all;
  for (lsp::Incoming m = lsp::read_message(in); m.kind != lsp::Incoming::Kind::end;
       m = lsp::read_message(in)) {
    EXPECT_EQ(m.kind, lsp::Incoming::Kind::message) << out;
    all.push_back(nlohmann::json::parse(m.body));
  }
  return all;
}

TEST(LspCommand, ASessionOnStandardInputAndOutput) {
  std::string input = framed(R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{}})") +
                      framed(R"({"jsonrpc":"2.0","method":"initialized","params":{}})") +
                      framed(R"({"jsonrpc":"2.0","id":2,"method":"shutdown"})") +
                      framed(R"({"jsonrpc":"2.0","method":"exit"})");
  auto r = sop({"lsp"}, input);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::vector<nlohmann::json> out = messages(r.out);
  ASSERT_EQ(out.size(), 2u) << r.out;
  EXPECT_TRUE(out[0]["result"]["capabilities"]["hoverProvider"].get<bool>());
  EXPECT_EQ(out[1]["id"], 2);
}

TEST(LspCommand, InputEndingWithoutShutdownExitsOne) {
  auto r = sop({"lsp"}, "Content-Length: 2\r\n\r\n{}");
  EXPECT_EQ(r.status, 1);
  std::vector<nlohmann::json> out = messages(r.out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]["error"]["code"], -32600);
}

TEST(LspCommand, HasHelp) {
  auto r = sop({"lsp", "--help"});
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("language server"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace sop
