// Each feature through the protocol, on a small plan and the module it imports (written to a
// temporary directory) and on a shipped policy with the stdlib beside it.
#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdlib>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "lang/formatter.hpp"
#include "lang/loader.hpp"
#include "lsp/uri.hpp"
#include "lsp_client.hpp"

namespace sop::lsp::testing {
namespace {

namespace fs = std::filesystem;

const char* k_base = R"(header { policy: string "the policy number" }
enum Color "a color" { red "r" green "g" }
record Box "a box" {
  colour: Color "its colour"
  size: int "its size"
}
fact a: bool "whether it is a"
fact box: Box "the box"
output o: Color "o"
o = first {
  rule r1 cite "LAW §1" when a => red
  otherwise cite "LAW §2" => green
}
)";

// Line 9 puts `§ → ☒ 😀` before the name `big`: 4 non-ASCII characters, 5 UTF-16 units and 12
// bytes.
const char* k_plan = R"(import base
plan p { policy: "P1" }
document DOC1 "P-1" "The Governing Policy"
fn bigger(n: int) -> bool "is it big" = n > 10
def big: bool "big"
big = bigger(box.size) cite "P1 §3"
def governing: document "the governing policy"
governing = DOC1 cite "P1 §5"
refine o {
  override r1 "§ → ☒ 😀" cite "P1 §1" when a and big
  adopt otherwise cite "P1 §2" quote "otherwise → green"
  exception to r1 cite "P1 §4" when a and box.colour == Color.green => green
}
test "green when not a" cite "P1 §2" {
  given { a: false }
  expect o == Color.green
}
)";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

std::string read(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The line (0-based) of `text` that holds `needle`, and the UTF-16 column of `needle` in it.
std::pair<uint32_t, uint32_t> where(const std::string& text, const std::string& needle,
                                    int nth = 0) {
  size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
  EXPECT_NE(at, std::string::npos) << needle;
  uint32_t line = 0, column = 0;
  for (size_t i = 0; i < at; ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    if (text[i] == '\n')
      line++, column = 0;
    else if ((c & 0xC0) != 0x80)
      column += c >= 0xF0 ? 2 : 1;
  }
  return {line, column};
}

class Features : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() /
          ("sop_lsp_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
           ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir);
    std::ofstream(dir / "base.sop") << k_base;
    std::ofstream(dir / "p.sop") << k_plan;
    base_uri = uri_from_path((dir / "base.sop").string());
    plan_uri = uri_from_path((dir / "p.sop").string());
    c.initialize();
  }
  void TearDown() override { fs::remove_all(dir); }

  // Request `method` at the `nth` occurrence of `needle` in the plan, `into` characters in.
  json at_text(const std::string& method, const std::string& needle, int nth = 0,
               uint32_t into = 0) {
    auto [line, column] = where(k_plan, needle, nth);
    return c.request(method, at(plan_uri, line, column + into))["result"];
  }
  std::string hover_text(const std::string& needle, int nth = 0, uint32_t into = 0) {
    json r = at_text("textDocument/hover", needle, nth, into);
    return r.is_null() ? "<null>" : r["contents"]["value"].get<std::string>();
  }

  fs::path dir;
  std::string base_uri, plan_uri;
  Client c;
};

bool has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

TEST_F(Features, OpeningAPlanThatChecksPublishesNoDiagnostics) {
  json d = c.open(plan_uri, k_plan);
  ASSERT_TRUE(d.is_array());
  EXPECT_TRUE(d.empty()) << d.dump(2);
}

TEST_F(Features, DiagnosticsAreThoseOfSopCheckWithUtf16Ranges) {
  std::string text = replaced(k_plan, "when a and big", "when a and bgi");
  json d = c.open(plan_uri, text);
  ASSERT_EQ(d.size(), 1u) << d.dump(2);
  LoadResult expected = load_program_text((dir / "p.sop").string(), text);
  ASSERT_EQ(expected.diagnostics.items().size(), 1u);
  const Diagnostic& e = expected.diagnostics.items()[0];
  EXPECT_EQ(d[0]["code"], e.code);
  EXPECT_EQ(d[0]["message"], e.message + "\nhelp: " + e.help);
  EXPECT_TRUE(has(e.help, "did you mean `big`?")) << e.help;
  auto [line, column] = where(text, "bgi");
  EXPECT_EQ(d[0]["range"]["start"], (json{{"line", line}, {"character", column}}));
  EXPECT_EQ(d[0]["range"]["end"], (json{{"line", line}, {"character", column + 3}}));
  EXPECT_EQ(d[0]["severity"], 1);
}

TEST_F(Features, AChangeUpdatesTheDiagnostics) {
  EXPECT_EQ(c.open(plan_uri, replaced(k_plan, "when a and big", "when a and bgi")).size(), 1u);
  json d = c.change(plan_uri, k_plan, 2);
  EXPECT_TRUE(d.is_array() && d.empty()) << d.dump();
  d = c.change(plan_uri, replaced(k_plan, "plan p {", "plan p {{"), 3);
  ASSERT_EQ(d.size(), 1u);
  EXPECT_EQ(d[0]["code"].get<std::string>().substr(0, 3), "E01");  // a syntax error
}

TEST_F(Features, ClosingClearsTheDiagnostics) {
  c.open(plan_uri, replaced(k_plan, "when a and big", "when a and bgi"));
  json d = Client::diagnostics_for(
      plan_uri, c.notify("textDocument/didClose", {{"textDocument", {{"uri", plan_uri}}}}));
  EXPECT_EQ(d, json::array());
  EXPECT_EQ(c.request("textDocument/hover", at(plan_uri, 0, 0))["error"]["code"], -32602);
}

// Formatting is `sop fmt`'s: one edit of the whole text that gives the formatted text; nothing to
// do once formatted; an error response (and a running server) for a text that does not parse.
TEST_F(Features, FormattingIsSopFmtsLayout) {
  std::string messy = replaced(k_plan, "plan p { policy: \"P1\" }", "plan   p {policy:   \"P1\"}");
  c.open(plan_uri, messy);
  json edits = c.request("textDocument/formatting",
                         {{"textDocument", {{"uri", plan_uri}}},
                          {"options", {{"tabSize", 2}, {"insertSpaces", true}}}})["result"];
  ASSERT_EQ(edits.size(), 1u) << edits.dump(2);
  EXPECT_EQ(edits[0]["range"]["start"], (json{{"line", 0}, {"character", 0}}));
  std::string formatted = edits[0]["newText"].get<std::string>();
  FormatResult expected = format_source(messy, (dir / "p.sop").string());
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(formatted, expected.text);
  EXPECT_NE(formatted, messy);
  c.change(plan_uri, formatted, 2);
  json none = c.request("textDocument/formatting", {{"textDocument", {{"uri", plan_uri}}},
                                                    {"options", {{"tabSize", 2}}}})["result"];
  EXPECT_EQ(none, json::array());
  c.change(plan_uri, replaced(k_plan, "plan p {", "plan p {{"), 3);
  json bad = c.request("textDocument/formatting",
                       {{"textDocument", {{"uri", plan_uri}}}, {"options", {{"tabSize", 2}}}});
  EXPECT_TRUE(bad.contains("error")) << bad.dump();
  EXPECT_FALSE(c.request("textDocument/hover", at(plan_uri, 0, 0)).contains("error"));
}

TEST_F(Features, AnOpenModuleStandsForItsFile) {
  c.open(plan_uri, k_plan);
  std::vector<json> out = c.notify(
      "textDocument/didOpen",
      {{"textDocument",
        {{"uri", base_uri}, {"version", 1}, {"text", replaced(k_base, "fact a:", "fact aa:")}}}});
  json d = Client::diagnostics_for(plan_uri, out);
  ASSERT_FALSE(d.empty());
  EXPECT_TRUE(has(d[0]["message"], "`a`")) << d.dump(2);
  // Closing the module's buffer leaves the file on disk: the plan checks again.
  out = c.notify("textDocument/didClose", {{"textDocument", {{"uri", base_uri}}}});
  EXPECT_EQ(Client::diagnostics_for(plan_uri, out), json::array());
}

TEST_F(Features, AChangeReChecksOnlyTheDocumentAndItsImporters) {
  std::string other_uri = uri_from_path((dir / "other.sop").string());
  c.open(plan_uri, k_plan);
  c.open(other_uri, "fact z: bool \"z\"\n");
  std::vector<json> out = c.notify(
      "textDocument/didChange",
      {{"textDocument", {{"uri", base_uri}, {"version", 2}}}, {"contentChanges", json::array()}});
  EXPECT_EQ(out.size(), 1u);  // base is not open: nothing to change, logged
  out = c.notify("textDocument/didOpen",
                 {{"textDocument", {{"uri", base_uri}, {"version", 1}, {"text", k_base}}}});
  std::set<std::string> published;
  for (const json& m : out) published.insert(m["params"]["uri"].get<std::string>());
  EXPECT_EQ(published, (std::set<std::string>{base_uri, plan_uri}));
}

TEST_F(Features, HoverOnAFactGivesItsTypeDescriptionAndJsonName) {
  c.open(plan_uri, k_plan);
  std::string h = hover_text("when a and", 0, 5);
  EXPECT_TRUE(has(h, "fact a: bool")) << h;
  EXPECT_TRUE(has(h, "whether it is a")) << h;
  EXPECT_TRUE(has(h, "JSON name: `a`")) << h;
}

TEST_F(Features, HoverAfterNonAsciiCountsUtf16Units) {
  c.open(plan_uri, k_plan);
  auto [line, column] = where(k_plan, "and big");  // after `§ → ☒ 😀`
  ASSERT_EQ(line, 9u);
  column += 4;
  json r = c.request("textDocument/hover", at(plan_uri, line, column + 1))["result"];
  ASSERT_FALSE(r.is_null());
  EXPECT_TRUE(has(r["contents"]["value"], "def big: bool")) << r.dump();
  EXPECT_EQ(r["range"]["start"]["character"], column);
}

TEST_F(Features, HoverOnAnEnumerationListsItsValues) {
  c.open(plan_uri, k_plan);
  std::string h = hover_text("Color.green", 0, 1);
  EXPECT_TRUE(has(h, "enum Color")) << h;
  EXPECT_TRUE(has(h, "- `red` — r\n- `green` — g")) << h;
}

TEST_F(Features, HoverOnADocumentGivesItsTitle) {
  c.open(plan_uri, k_plan);
  std::string h = hover_text("= DOC1", 0, 3);
  EXPECT_TRUE(has(h, "The Governing Policy")) << h;
}

TEST_F(Features, HoverOnAnOverriddenRuleGivesTheBaselinesText) {
  c.open(plan_uri, k_plan);
  std::string h = hover_text("override r1", 0, 10);
  EXPECT_TRUE(has(h, "baseline rule")) << h;
  EXPECT_TRUE(has(h, "rule r1 cite \"LAW §1\" when a => red")) << h;
}

TEST_F(Features, HoverOnARuleGivesItsCitationAndQuote) {
  c.open(plan_uri, k_plan);
  std::string h = hover_text("adopt otherwise", 0, 2);
  EXPECT_TRUE(has(h, "cite: **P1 §2**")) << h;
  EXPECT_TRUE(has(h, "> otherwise → green")) << h;
  EXPECT_TRUE(has(h, "baseline: LAW §2")) << h;
}

TEST_F(Features, HoverOnNothingIsNull) {
  c.open(plan_uri, k_plan);
  EXPECT_EQ(hover_text("import base", 0, 0), "<null>");
}

TEST_F(Features, DefinitionLeadsIntoTheImportedModule) {
  c.open(plan_uri, k_plan);
  json r = at_text("textDocument/definition", "when a and", 0, 5);
  EXPECT_EQ(r["uri"], base_uri);
  EXPECT_EQ(r["range"]["start"], (json{{"line", 6}, {"character", 0}}));  // fact a
  r = at_text("textDocument/definition", "override r1", 0, 10);
  EXPECT_EQ(r["uri"], base_uri);
  EXPECT_EQ(r["range"]["start"], (json{{"line", 10}, {"character", 2}}));  // rule r1
  r = at_text("textDocument/definition", "bigger(box", 0, 1);
  EXPECT_EQ(r["uri"], plan_uri);
  EXPECT_EQ(r["range"]["start"]["line"], 3);  // fn bigger
}

TEST_F(Features, ReferencesFindEveryUse) {
  c.open(plan_uri, k_plan);
  json r = at_text("textDocument/references", "box.colour", 0, 1);
  ASSERT_TRUE(r.is_array());
  EXPECT_EQ(r.size(), 2u) << r.dump();  // box.size and box.colour
}

TEST_F(Features, CompletionAfterATypeOffersItsValues) {
  std::string text = replaced(k_plan, "Color.green =>", "Color.gr =>");
  c.open(plan_uri, text);
  auto [line, column] = where(text, "Color.gr");
  json items =
      c.request("textDocument/completion", at(plan_uri, line, column + 8))["result"]["items"];
  ASSERT_EQ(items.size(), 2u) << items.dump();
  EXPECT_EQ(items[0]["label"], "red");
  EXPECT_EQ(items[1]["label"], "green");
  EXPECT_EQ(items[1]["kind"], 20);  // EnumMember
}

TEST_F(Features, CompletionOffersNamesAndKeywordsEvenWhileTheTextDoesNotParse) {
  c.open(plan_uri, k_plan);
  std::string broken = replaced(k_plan, "when a and big", "when a and b");
  json d = c.change(plan_uri, replaced(broken, "plan p {", "plan p {{"), 2);
  ASSERT_FALSE(d.empty());
  json items = c.request("textDocument/completion", at(plan_uri, 9, 40))["result"]["items"];
  std::set<std::string> labels;
  for (const json& i : items)
    labels.insert(i["label"].get<std::string>() + "/" + std::to_string(i["kind"].get<int>()));
  EXPECT_TRUE(labels.count("big/6")) << items.dump();
  EXPECT_TRUE(labels.count("box/6"));
  EXPECT_TRUE(labels.count("green/20"));
  EXPECT_TRUE(labels.count("otherwise/14"));
  EXPECT_TRUE(labels.count("bigger/3"));
}

TEST_F(Features, DocumentSymbolsListRulesByOutput) {
  c.open(plan_uri, k_plan);
  json symbols =
      c.request("textDocument/documentSymbol", {{"textDocument", {{"uri", plan_uri}}}})["result"];
  std::vector<std::string> names;
  for (const json& s : symbols) names.push_back(s["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"DOC1", "bigger", "big", "governing", "o",
                                             "green when not a"}))
      << symbols.dump(2);
  const json& o = symbols[4];
  std::vector<std::string> rules;
  for (const json& r : o["children"]) rules.push_back(r["name"]);
  EXPECT_EQ(rules, (std::vector<std::string>{"§ → ☒ 😀", "exception to r1", "otherwise"}))
      << o.dump(2);
  EXPECT_EQ(o["children"][0]["detail"], "P1 §1");
}

TEST_F(Features, ACodeLensRunsTheFilesTests) {
  c.open(plan_uri, k_plan);
  json lenses =
      c.request("textDocument/codeLens", {{"textDocument", {{"uri", plan_uri}}}})["result"];
  ASSERT_EQ(lenses.size(), 2u) << lenses.dump(2);
  EXPECT_EQ(lenses[0]["range"]["start"]["line"], 13);
  const json& command = lenses[0]["command"];
  EXPECT_EQ(command["title"], "▶ run the file's 1 tests");
  EXPECT_EQ(command["command"], "sop.runTests");
  json run = c.request("workspace/executeCommand",
                       {{"command", command["command"]}, {"arguments", command["arguments"]}});
  EXPECT_EQ(run["result"]["passed"], 1) << run.dump();
  EXPECT_EQ(run["result"]["failed"], 0);

  c.change(plan_uri, replaced(k_plan, "expect o == Color.green", "expect o == Color.red"), 2);
  std::vector<json> out =
      c.send({{"jsonrpc", "2.0"},
              {"id", 99},
              {"method", "workspace/executeCommand"},
              {"params", {{"command", "sop.runTests"}, {"arguments", {plan_uri}}}}});
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0]["method"], "window/showMessage");
  EXPECT_EQ(out[0]["params"]["type"], 1);
  EXPECT_TRUE(has(out[0]["params"]["message"], "0 passed, 1 failed")) << out[0].dump();
  EXPECT_EQ(out[1]["result"]["results"][0]["name"], "green when not a");
  EXPECT_FALSE(out[1]["result"]["results"][0]["failures"].empty());
}

// A shipped policy, opened where it is so that its imports are the stdlib files beside it.
class ShippedPolicy : public ::testing::Test {
 protected:
  void SetUp() override {
    path = fs::path(SOP_SOURCE_DIR) / "policies" / "partnership.sop";
    text = read(path);
    uri = uri_from_path(path.string());
    c.initialize();
  }
  fs::path path;
  std::string text, uri;
  Client c;
};

TEST_F(ShippedPolicy, ChecksAndLeadsIntoTheCaseFormat) {
  json d = c.open(uri, text);
  EXPECT_TRUE(d.is_array() && d.empty()) << d.dump(2);
  auto [line, column] = where(text, "when questions_surgery");
  json r = c.request("textDocument/definition", at(uri, line, column + 6))["result"];
  ASSERT_FALSE(r.is_null());
  EXPECT_EQ(r["uri"],
            uri_from_path((fs::path(SOP_SOURCE_DIR) / "stdlib" / "case_format.sop").string()));
  std::string target = read(fs::path(SOP_SOURCE_DIR) / "stdlib" / "case_format.sop");
  auto [decl_line, decl_column] = where(target, "fact questions_surgery:");
  EXPECT_EQ(r["range"]["start"], (json{{"line", decl_line}, {"character", decl_column}}));
}

TEST_F(ShippedPolicy, AdoptLeadsToTheBaselineRule) {
  c.open(uri, text);
  auto [line, column] = where(text, "adopt serious_condition");
  json r = c.request("textDocument/definition", at(uri, line, column + 8))["result"];
  ASSERT_FALSE(r.is_null());
  EXPECT_TRUE(has(r["uri"], "/stdlib/baseline.sop")) << r.dump();
  json h = c.request("textDocument/hover", at(uri, line, column + 8))["result"];
  EXPECT_TRUE(has(h["contents"]["value"], "rule serious_condition")) << h.dump();
}

TEST_F(ShippedPolicy, AnInvariantThatFailsIsADiagnostic) {
  std::string broken =
      replaced(text, "  => not authorization_required", "  => authorization_required");
  json d = c.open(uri, broken);
  ASSERT_EQ(d.size(), 1u) << d.dump(2);
  EXPECT_EQ(d[0]["code"], "E0280");
  EXPECT_TRUE(has(d[0]["message"], "note: ")) << d[0].dump(2);
}

// A policy away from any stdlib/ folder reads the stdlib embedded in the binary; definition then
// leads to a read-only copy of the embedded module in the cache, holding exactly the text read.
TEST_F(ShippedPolicy, DefinitionIntoTheEmbeddedStdlibLeadsToACachedCopy) {
  fs::path dir = fs::temp_directory_path() / ("sop_lsp_embedded_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir / "policy");
  fs::path away = dir / "policy" / "partnership.sop";
  std::ofstream(away) << text;
  ::setenv("XDG_CACHE_HOME", (dir / "cache").c_str(), 1);
  // Nor in the working directory (where a relative stdlib/ path would be looked for first).
  fs::path cwd = fs::current_path();
  fs::current_path(dir);
  std::string away_uri = uri_from_path(away.string());
  c.open(away_uri, text);
  auto [line, column] = where(text, "when questions_surgery");
  json r = c.request("textDocument/definition", at(away_uri, line, column + 6))["result"];
  ::unsetenv("XDG_CACHE_HOME");
  fs::current_path(cwd);
  ASSERT_FALSE(r.is_null());
  std::string copy = path_from_uri(r["uri"].get<std::string>());
  EXPECT_EQ(copy.rfind((dir / "cache" / "sop").string(), 0), 0u) << copy;
  std::string target = read(fs::path(SOP_SOURCE_DIR) / "stdlib" / "case_format.sop");
  EXPECT_EQ(read(copy), target);
  auto [decl_line, decl_column] = where(target, "fact questions_surgery:");
  EXPECT_EQ(r["range"]["start"], (json{{"line", decl_line}, {"character", decl_column}}));
  EXPECT_EQ(fs::status(copy).permissions() & fs::perms::owner_write, fs::perms::none);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sop::lsp::testing
