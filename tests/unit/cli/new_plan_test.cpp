// `sop new plan`: the scaffold is generated from the standard library, and checking it fails
// only with the messages that say what to fill in, one per TODO it lists, and nothing else.
#include <gtest/gtest.h>

#include "lang/formatter.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "lang/loader.hpp"
#include "tests/support/run_sop.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;
using testing_support::sop;

std::string scaffold() {
  auto r = sop({"new", "plan", "demo", "-", "--issuer", "Demo \"Health\"", "--policy", "DH-1"});
  EXPECT_EQ(r.status, 0) << r.err;
  return r.out;
}

// The names the scaffold's lines of the form `PATTERN` give (its first group), in order.
std::vector<std::string> todos(const std::string& text, const std::string& pattern) {
  std::vector<std::string> names;
  std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it)
    names.push_back((*it)[1]);
  return names;
}

// The names each error code's messages give (in backquotes, the `at`-th), by code.
std::map<std::string, std::vector<std::string>> errors_by_code(const LoadResult& r, int at) {
  std::map<std::string, std::vector<std::string>> out;
  std::regex name("`([^`]+)`");
  for (const Diagnostic& d : r.diagnostics.items()) {
    if (d.severity != Severity::error) continue;
    auto it = std::sregex_iterator(d.message.begin(), d.message.end(), name);
    for (int i = 0; i < at && it != std::sregex_iterator(); ++i) ++it;
    out[d.code].push_back(it == std::sregex_iterator() ? "?" : (*it)[1].str());
  }
  return out;
}

TEST(NewPlan, CheckingTheScaffoldAsksForExactlyItsTodos) {
  std::string text = scaffold();
  LoadResult r = load_program_text(std::string(SOP_SOURCE_DIR) + "/policies/demo.sop", text);
  auto by_code = errors_by_code(r, 1);
  std::vector<std::string> fields = todos(text, R"(// TODO (\w+): )");
  std::vector<std::string> rules = todos(text, R"(// TODO adopt (\w+) cite)");
  std::vector<std::string> defs = todos(text, R"(// TODO `(\w+)`)");
  ASSERT_FALSE(fields.empty());
  ASSERT_FALSE(rules.empty());
  ASSERT_FALSE(defs.empty());
  EXPECT_EQ(by_code["E0231"], fields);  // plan `demo` does not state `title`
  EXPECT_EQ(by_code["E0240"], defs);    // plan `demo` does not define output `decision`
  auto unaccounted = errors_by_code(r, 0)["E0411"];  // baseline rule `network` of `route` …
  EXPECT_EQ(unaccounted, rules);
  EXPECT_EQ(by_code.size(), 3u) << "an error the scaffold does not list as a TODO";
}

TEST(NewPlan, TheScaffoldIsInSopFmtsLayout) {
  std::string text = scaffold();
  FormatResult f = format_source(text, "demo.sop");
  ASSERT_TRUE(f.ok());
  EXPECT_EQ(f.text, text);
}

TEST(NewPlan, TheHeaderListsEveryFieldTheSchemaDeclares) {
  std::string text = scaffold();
  LoadResult library =
      load_program_text(std::string(SOP_SOURCE_DIR) + "/policies/demo.sop", "import case_format\n");
  ASSERT_FALSE(library.program->header.empty());
  for (const HeaderField& f : library.program->header) {
    bool listed = text.find("  // TODO " + f.name + ": ") != std::string::npos ||
                  text.find("  // " + f.name + ": ") != std::string::npos ||
                  text.find("  " + f.name + ": \"") != std::string::npos;
    EXPECT_TRUE(listed) << "header field `" << f.name << "` is not in the scaffold";
  }
  EXPECT_NE(text.find("  issuer: \"Demo \\\"Health\\\"\"\n"), std::string::npos) << text;
  EXPECT_NE(text.find("source \"demo.txt\" for \"DH-1\"\n"), std::string::npos) << text;
}

TEST(NewPlan, TheStubsAreWhatThePlanWritesOnceUncommented) {
  std::string text = std::regex_replace(scaffold(), std::regex(R"(// TODO adopt (\w+) cite "…")"),
                                        "adopt $1 cite \"DH-1 §1\"");
  LoadResult r = load_program_text(std::string(SOP_SOURCE_DIR) + "/policies/demo.sop", text);
  auto by_code = errors_by_code(r, 0);
  EXPECT_EQ(by_code.count("E0411"), 0u);
  EXPECT_EQ(by_code.count("E0101"), 0u) << "a stub is not valid sop";
  EXPECT_EQ(by_code.size(), 2u);  // the header fields and the definitions are left
}

TEST(NewPlan, WritesTheFileAndNeverOverwritesIt) {
  fs::path dir = fs::temp_directory_path() / "sop_new_plan_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::string file = (dir / "acme.sop").string();
  auto r = sop({"new", "plan", "acme", file});
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("wrote " + file), std::string::npos);
  std::ifstream in(file);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first,
            "// acme: the policy this file encodes, its title and revision (to write here).");
  auto again = sop({"new", "plan", "acme", file});
  EXPECT_EQ(again.status, 1);
  EXPECT_NE(again.err.find("already exists"), std::string::npos);
  fs::remove_all(dir);
}

TEST(NewPlan, RefusesAnIdThatIsNotAName) {
  auto r = sop({"new", "plan", "2fast", "-"});
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("plan id `2fast` is not a name"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace sop
