// The base protocol's framing, with peers that get it wrong.
#include <gtest/gtest.h>

#include <sstream>

#include "lsp/transport.hpp"

namespace sop::lsp {
namespace {

TEST(Transport, ReadsFramedMessagesInTurn) {
  std::istringstream in(
      "Content-Length: 2\r\n\r\n{}"
      "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\ncontent-length:  3 \r\n\r\n[1]");
  Incoming a = read_message(in);
  ASSERT_EQ(a.kind, Incoming::Kind::message);
  EXPECT_EQ(a.body, "{}");
  Incoming b = read_message(in);
  ASSERT_EQ(b.kind, Incoming::Kind::message);
  EXPECT_EQ(b.body, "[1]");
  EXPECT_EQ(read_message(in).kind, Incoming::Kind::end);
}

TEST(Transport, AHeaderWithoutLengthIsReportedAndTheNextMessageRead) {
  std::istringstream in("Content-Type: x\r\n\r\nContent-Length: 2\r\n\r\n{}");
  Incoming bad = read_message(in);
  EXPECT_EQ(bad.kind, Incoming::Kind::bad_header);
  EXPECT_EQ(bad.error, "the header has no `Content-Length`");
  Incoming good = read_message(in);
  ASSERT_EQ(good.kind, Incoming::Kind::message);
  EXPECT_EQ(good.body, "{}");
}

TEST(Transport, ALengthThatIsNotANumberIsReported) {
  std::istringstream in("Content-Length: twelve\r\n\r\nContent-Length: -1\r\n\r\n");
  Incoming a = read_message(in);
  EXPECT_EQ(a.kind, Incoming::Kind::bad_header);
  EXPECT_EQ(a.error, "`Content-Length` is not a number: `twelve`");
  EXPECT_EQ(read_message(in).kind, Incoming::Kind::bad_header);
  EXPECT_EQ(read_message(in).kind, Incoming::Kind::end);
}

TEST(Transport, ALineWithoutColonSkipsTheBodyItAnnounced) {
  std::istringstream in("garbage\r\nContent-Length: 5\r\n\r\nxxxxxContent-Length: 2\r\n\r\n{}");
  Incoming a = read_message(in);
  EXPECT_EQ(a.kind, Incoming::Kind::bad_header);
  EXPECT_EQ(a.error, "a header line without `:`");
  Incoming b = read_message(in);
  ASSERT_EQ(b.kind, Incoming::Kind::message);
  EXPECT_EQ(b.body, "{}");
}

TEST(Transport, AnOverlongHeaderLineIsReportedNotBuffered) {
  std::istringstream in("X: " + std::string(100000, 'a') + "\r\nContent-Length: 2\r\n\r\n{}");
  Incoming a = read_message(in);
  EXPECT_EQ(a.kind, Incoming::Kind::bad_header);
  EXPECT_EQ(a.error, "a header line is too long");
}

TEST(Transport, ATooLargeLengthIsRefused) {
  std::istringstream in("Content-Length: 999999999999\r\n\r\n{}");
  Incoming a = read_message(in);
  EXPECT_EQ(a.kind, Incoming::Kind::bad_header);
  EXPECT_EQ(a.error, "the message is larger than the server accepts");
}

TEST(Transport, AStreamEndingMidMessageEnds) {
  std::istringstream body("Content-Length: 10\r\n\r\n{}");
  EXPECT_EQ(read_message(body).kind, Incoming::Kind::end);
  std::istringstream header("Content-Length: 10\r\n");
  EXPECT_EQ(read_message(header).kind, Incoming::Kind::end);
}

TEST(Transport, WritesTheLengthInBytes) {
  std::ostringstream out;
  write_message(out, nlohmann::json{{"s", "§"}});
  EXPECT_EQ(out.str(), "Content-Length: 10\r\n\r\n{\"s\":\"§\"}");
}

TEST(Transport, InvalidUtf8InAMessageIsReplacedNotThrown) {
  std::ostringstream out;
  EXPECT_NO_THROW(write_message(out, nlohmann::json{{"s", std::string("a\xff")}}));
  EXPECT_NE(out.str().find("\xEF\xBF\xBD"), std::string::npos);
}

}  // namespace
}  // namespace sop::lsp
