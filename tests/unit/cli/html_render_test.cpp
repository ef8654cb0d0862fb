// The HTML reports rendered by a real browser: headless Chromium loads each page from a file
// and dumps the DOM it built; the rows a reader needs must be in it. Chromium is a test
// dependency (scripts/setup installs the Debian package): a machine without it fails here
// rather than skipping, so CI cannot pass without rendering the pages.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "analysis/output_components.hpp"
#include "cli/commands.hpp"

namespace sop {
namespace {

namespace fs = std::filesystem;

const char* k_chromium = "/usr/bin/chromium";

std::string sop_out(const std::vector<std::string>& args) {
  fs::current_path(SOP_SOURCE_DIR);
  std::istringstream in;
  std::ostringstream out, err;
  cli::run(args, in, out, err);
  return out.str();
}

// The DOM Chromium builds from the page at `path`, or "" (with the reason in `error`).
std::string render(const fs::path& path, std::string& error) {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
  std::string cmd = std::string(k_chromium) +
                    " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
                    "--disable-background-networking --no-first-run --dump-dom 'file://" +
                    path.string() + "' 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) {
    error = "cannot start chromium";
    return "";
  }
  std::string dom;
  std::array<char, 65536> buf;
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) dom.append(buf.data(), n);
  int status = pclose(pipe.release());
  if (status != 0) error = "chromium exited with status " + std::to_string(status);
  return dom;
}

// The pages Chromium prints the page at `path` to (US Letter, its own print styles), or 0.
size_t printed_pages(const fs::path& path, const fs::path& pdf, std::string& error) {
  std::string cmd = std::string(k_chromium) +
                    " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage "
                    "--disable-background-networking --no-first-run --no-pdf-header-footer "
                    "--print-to-pdf='" +
                    pdf.string() + "' 'file://" + path.string() + "' >/dev/null 2>&1";
  if (std::system(cmd.c_str()) != 0 || !fs::exists(pdf)) {
    error = "chromium did not print " + path.string();
    return 0;
  }
  std::ifstream in(pdf, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  // Each page object says `/Type /Page` (the tree's root says `/Type /Pages`).
  size_t pages = 0;
  for (size_t at = 0; (at = bytes.find("/Type /Page", at)) != std::string::npos; at += 11)
    if (at + 11 >= bytes.size() || bytes[at + 11] != 's') ++pages;
  return pages;
}

class HtmlRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!fs::exists(k_chromium))
      FAIL() << k_chromium
             << " not found: the HTML reports are checked in headless Chromium; run "
                "scripts/setup (it installs the Debian package `chromium`)";
    dir_ = fs::temp_directory_path() / ("sop-html-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string rendered(const std::string& name, const std::string& html) {
    fs::path p = dir_ / name;
    std::ofstream(p) << html;
    std::string error;
    std::string dom = render(p, error);
    EXPECT_TRUE(error.empty()) << error;
    return dom;
  }
  size_t pages(const std::string& name, const std::string& html) {
    fs::path p = dir_ / name;
    std::ofstream(p) << html;
    std::string error;
    size_t n = printed_pages(p, dir_ / (name + ".pdf"), error);
    EXPECT_TRUE(error.empty()) << error;
    return n;
  }
  fs::path dir_;
};

// The annual review of the three-edit revision is a packet a committee reads: at most four
// printed US Letter pages, the title block and summary first.
TEST_F(HtmlRender, AnnualReviewPrintsOnFourPagesAtMost) {
  std::string html =
      sop_out({"diff", "policies/partnership.sop",
               "tests/fixtures/annual_review/partnership_2025.sop", "--format", "html"});
  size_t n = pages("review.html", html);
  EXPECT_GE(n, 1u);
  EXPECT_LE(n, 4u);
  std::string dom = rendered("review.html", html);
  size_t title = dom.find("class=\"title-block\""), summary = dom.find("<h2>Summary");
  ASSERT_NE(title, std::string::npos);
  ASSERT_NE(summary, std::string::npos);
  EXPECT_LT(title, summary);
  EXPECT_EQ(dom.find("`"), std::string::npos) << "raw markdown in the HTML";
}

// A value as the reports show it (a null's reason is not in the JSON; these rows have none).
std::string shown(const std::string& component, const nlohmann::json& v) {
  return analysis::component_text(component, v, 0);
}

// The five plans' summary (one line per component where they differ) prints on two pages at most;
// the regions follow it in the full report.
TEST_F(HtmlRender, MatrixSummaryPrintsOnTwoPagesAtMost) {
  std::string summary = sop_out({"matrix", "--format", "html", "--summary"});
  size_t n = pages("summary.html", summary);
  EXPECT_GE(n, 1u);
  EXPECT_LE(n, 2u);
  std::string dom = rendered("summary.html", summary);
  EXPECT_NE(dom.find("<table class=\"summary\">"), std::string::npos);
  EXPECT_EQ(dom.find("<h2 id="), std::string::npos) << "regions in the summary";
  std::string full = sop_out({"matrix", "--format", "html"});
  EXPECT_NE(full.find("<h2 id="), std::string::npos);
  EXPECT_EQ(full.find("`"), std::string::npos) << "raw markdown in the HTML";
}

TEST_F(HtmlRender, DiffReportShowsAKnownDifference) {
  nlohmann::json d = nlohmann::json::parse(
      sop_out({"diff", "policies/partnership.sop", "policies/hpsj.sop", "--format", "json"}));
  std::string dom = rendered("diff.html", sop_out({"diff", "policies/partnership.sop",
                                                   "policies/hpsj.sop", "--format", "html"}));
  ASSERT_NE(dom.find("</table>"), std::string::npos) << dom.substr(0, 2000);
  EXPECT_NE(dom.find("<h2>Semantic differences</h2>"), std::string::npos);
  // The first semantic difference, as a row with both plans' values.
  ASSERT_FALSE(d["semantic"].empty());
  const auto& f = d["semantic"][0];
  std::string row = "<td><code>" + f["output"].get<std::string>() +
                    "</code></td><td><span class=\"value\">" + shown(f["output"], f["a"]) +
                    "</span>";
  EXPECT_NE(dom.find(row), std::string::npos) << row;
  EXPECT_NE(dom.find("<span class=\"value\">" + shown(f["output"], f["b"]) + "</span>"),
            std::string::npos);
}

TEST_F(HtmlRender, MatrixReportShowsEveryPlanOnAKnownRow) {
  nlohmann::json m = nlohmann::json::parse(sop_out({"matrix", "--format", "json"}));
  std::string dom = rendered("matrix.html", sop_out({"matrix", "--format", "html"}));
  ASSERT_NE(dom.find("</table>"), std::string::npos) << dom.substr(0, 2000);
  // Every plan is a column.
  for (const auto& p : m["plans"])
    EXPECT_NE(dom.find("<th>" + p["plan"].get<std::string>() + "</th>"), std::string::npos);
  // The first decision row: its component, then each plan's value in turn.
  const nlohmann::json* first = nullptr;
  for (const auto& r : m["rows"])
    if (r["component"] == "decision") {
      first = &r;
      break;
    }
  ASSERT_NE(first, nullptr);
  std::string row = "<tr><td>1</td><td><code>decision</code></td>";
  size_t at = dom.find(row);
  ASSERT_NE(at, std::string::npos) << row;
  for (const auto& p : m["plans"]) {
    std::string cell = "<span class=\"value\">" +
                       shown("decision", (*first)["plans"][p["plan"].get<std::string>()]["value"]) +
                       "</span>";
    size_t next = dom.find(cell, at);
    ASSERT_NE(next, std::string::npos) << cell;
    at = next + cell.size();
  }
  // The heading only when some output is the same under every plan in every case.
  bool agree = false;
  for (const auto& o : m["outputs"]) agree = agree || o["regions"] == 0;
  EXPECT_EQ(dom.find("Where every plan agrees") != std::string::npos, agree);
  // A summary first, one line per component where the plans differ.
  EXPECT_LT(dom.find("Summary: where the plans differ"), dom.find("<h2 id="));
}

}  // namespace
}  // namespace sop
