// Golden files for whole-program behaviour, run through the real command line:
//   tests/golden/eval/PLAN/NAME.json      a case       → NAME.expected.json (sop eval … --format
//   json) tests/golden/eval/PLAN/NAME.json      a case       → NAME.expected.txt  (sop eval …
//   --format text) tests/golden/check/NAME.sop           a bad policy → NAME.err (sop check's
//   diagnostics) tests/golden/parse/NAME.sop           any module   → NAME.ast (the printed AST)
//   tests/golden/parse/error_NAME.sop     a syntax error → error_NAME.err
// A mismatch prints the actual output. `scripts/update-goldens` (SOP_UPDATE_GOLDENS=1) rewrites
// the expected files after a deliberate change; review the diff before committing it.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "cli/commands.hpp"
#include "lang/ast_printer.hpp"
#include "lang/parser.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

const fs::path k_root = SOP_SOURCE_DIR;

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

bool updating() {
  const char* v = std::getenv("SOP_UPDATE_GOLDENS");
  return v && std::string(v) == "1";
}

void compare_golden(const fs::path& expected_path, const std::string& actual) {
  if (updating()) {
    std::ofstream(expected_path, std::ios::binary) << actual;
    return;
  }
  ASSERT_TRUE(fs::exists(expected_path))
      << "missing golden " << expected_path << "; actual output:\n"
      << actual;
  EXPECT_EQ(slurp(expected_path), actual)
      << "golden " << expected_path.lexically_relative(k_root) << " differs; actual output:\n"
      << actual;
}

struct Golden {
  std::string kind;  // eval, check, parse
  fs::path input;
  std::string name() const {
    std::string s =
        kind + "_" + input.parent_path().filename().string() + "_" + input.stem().string();
    for (char& c : s)
      if (!isalnum(static_cast<unsigned char>(c))) c = '_';
    return s;
  }
};

// Test names already say which golden; keep gtest from dumping the struct's bytes.
void PrintTo(const Golden& g, std::ostream* os) {
  *os << g.input.generic_string();
}

std::vector<Golden> discover() {
  std::vector<Golden> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(k_root / "tests/golden", ec)) {
    const fs::path& p = e.path();
    std::string rel = p.lexically_relative(k_root / "tests/golden").generic_string();
    std::string kind = rel.substr(0, rel.find('/'));
    std::string file = p.filename().string();
    if (file[0] == '_') continue;  // a module the goldens import, not a golden itself
    if (kind == "eval" && p.extension() == ".json" && file.find(".expected.") == std::string::npos)
      out.push_back({kind, p});
    if ((kind == "check" || kind == "parse") && p.extension() == ".sop") out.push_back({kind, p});
  }
  std::sort(out.begin(), out.end(),
            [](const Golden& a, const Golden& b) { return a.input < b.input; });
  return out;
}

int run_cli(const std::vector<std::string>& args, std::string& out, std::string& err) {
  std::istringstream in;
  std::ostringstream o, e;
  int status = cli::run(args, in, o, e);
  out = o.str();
  err = e.str();
  return status;
}

class GoldenTest : public ::testing::TestWithParam<Golden> {
 protected:
  void SetUp() override { fs::current_path(k_root); }
};

TEST_P(GoldenTest, Matches) {
  const Golden& g = GetParam();
  fs::path rel = g.input.lexically_relative(k_root);
  std::string out, err;
  if (g.kind == "eval") {
    std::string plan = g.input.parent_path().filename().string();
    std::string policy = "policies/" + plan + ".sop";
    int status = run_cli({"eval", policy, rel.generic_string(), "--format", "json"}, out, err);
    EXPECT_EQ(status, 0) << err;
    fs::path base = g.input.parent_path() / g.input.stem();
    compare_golden(base.string() + ".expected.json", out);
    status = run_cli({"eval", policy, rel.generic_string(), "--format", "text"}, out, err);
    EXPECT_EQ(status, 0) << err;
    compare_golden(base.string() + ".expected.txt", out);
  } else if (g.kind == "check") {
    int status = run_cli({"check", rel.generic_string()}, out, err);
    EXPECT_EQ(status, 1) << "a check golden must fail to check:\n" << out;
    compare_golden(fs::path(g.input).replace_extension(".err"), err);
  } else {
    SourceSet sources;
    uint32_t file = sources.add(rel.generic_string(), slurp(g.input), g.input.stem().string());
    Diagnostics diags;
    ast::NodeId next = 1;
    std::optional<ast::Module> m = parse_module(sources, file, next, diags);
    bool is_error = g.input.stem().string().rfind("error_", 0) == 0;
    if (is_error) {
      EXPECT_FALSE(m.has_value()) << "expected a syntax error in " << rel;
      compare_golden(fs::path(g.input).replace_extension(".err"),
                     format_diagnostics(diags, sources));
    } else {
      ASSERT_TRUE(m.has_value()) << format_diagnostics(diags, sources);
      compare_golden(fs::path(g.input).replace_extension(".ast"), print_module(*m));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Goldens, GoldenTest, ::testing::ValuesIn(discover()),
                         [](const ::testing::TestParamInfo<Golden>& info) {
                           return info.param.name();
                         });

TEST(GoldenDiscovery, FindsEveryKind) {
  // Guards against a silently empty golden suite (a moved directory would otherwise pass).
  std::set<std::string> kinds;
  for (const Golden& g : discover()) kinds.insert(g.kind);
  EXPECT_TRUE(kinds.count("eval"));
  EXPECT_TRUE(kinds.count("check"));
  EXPECT_TRUE(kinds.count("parse"));
}

}  // namespace
}  // namespace sop
