// `file:` URIs and paths.
#include <gtest/gtest.h>

#include "lsp/uri.hpp"

namespace sop::lsp {
namespace {

TEST(Uri, DecodesPercentEscapes) {
  EXPECT_EQ(path_from_uri("file:///home/a%20b/p%C2%A7.sop"), "/home/a b/p§.sop");
  EXPECT_EQ(path_from_uri("file://localhost/x.sop"), "/x.sop");
}

TEST(Uri, RefusesWhatIsNotALocalFile) {
  EXPECT_EQ(path_from_uri("untitled:Untitled-1"), "");
  EXPECT_EQ(path_from_uri("file://server/share/x.sop"), "");
  EXPECT_EQ(path_from_uri("file://"), "");
  EXPECT_EQ(path_from_uri("file:///a%00b"), "");
}

TEST(Uri, EncodesWhatMustBe) {
  EXPECT_EQ(uri_from_path("/home/a b/p§.sop"), "file:///home/a%20b/p%C2%A7.sop");
  EXPECT_EQ(path_from_uri(uri_from_path("/tmp/x#1.sop")), "/tmp/x#1.sop");
}

}  // namespace
}  // namespace sop::lsp
