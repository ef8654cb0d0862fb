#include "tests/support/golden.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

namespace sop::golden {

std::string seeds_missing() {
  fs::path seeds = root() / ".." / "shared" / "seeds";
  std::error_code ec;
  if (fs::is_directory(seeds, ec)) return "";
  return "no source documents at " + seeds.lexically_normal().string() +
         " (the seeds beside the clone, as CI has them): skipped";
}

const fs::path& root() {
  static const fs::path r = SOP_SOURCE_DIR;
  return r;
}

bool updating() {
  const char* v = std::getenv("SOP_UPDATE_GOLDENS");
  return v && std::string(v) == "1";
}

std::string read_file(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string Input::relative() const {
  return path.lexically_relative(root()).generic_string();
}

fs::path Input::expected(const std::string& suffix) const {
  return path.parent_path() / (path.stem().string() + suffix);
}

namespace {

fs::path folder_path(const std::string& folder) {
  return root() / "tests" / "golden" / folder;
}

bool is_input(const fs::path& p, const std::vector<std::string>& extensions) {
  std::string name = p.filename().string();
  if (name[0] == '_' || name.find(".expected.") != std::string::npos) return false;
  return std::find(extensions.begin(), extensions.end(), p.extension().string()) !=
         extensions.end();
}

// ---------------------------------------------------------------- the diff shown on a mismatch

// The lines of `text`; a last line without its newline is marked, so that a missing final
// newline shows in the diff rather than as two equal-looking lines.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  if (!text.empty() && text.back() != '\n') out.back() += "  (no newline at end of file)";
  return out;
}

struct Edit {
  char op;  // ' ' both, '-' expected only, '+' actual only
  std::string line;
};

// A shortest edit script by longest common subsequence; goldens are a few hundred lines, so
// the quadratic table is small (larger files are not diffed: see diff()).
std::vector<Edit> edits(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t n = a.size(), m = b.size();
  std::vector<uint32_t> lcs((n + 1) * (m + 1), 0);  // lcs of a[i..] and b[j..] at i * (m+1) + j
  auto at = [&](size_t i, size_t j) -> uint32_t& { return lcs[i * (m + 1) + j]; };
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::vector<Edit> out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j]) {
      out.push_back({' ', a[i++]});
      ++j;
    } else if (j == m || (i < n && at(i + 1, j) >= at(i, j + 1))) {
      out.push_back({'-', a[i++]});
    } else {
      out.push_back({'+', b[j++]});
    }
  }
  return out;
}

// The edits with three lines of context around each change; `…` marks lines left out.
std::string render(const std::vector<Edit>& es) {
  constexpr size_t k_context = 3;
  std::vector<bool> shown(es.size(), false);
  for (size_t i = 0; i < es.size(); ++i) {
    if (es[i].op == ' ') continue;
    size_t from = i < k_context ? 0 : i - k_context;
    for (size_t k = from; k < std::min(es.size(), i + k_context + 1); ++k) shown[k] = true;
  }
  std::string out;
  for (size_t i = 0; i < es.size(); ++i) {
    if (shown[i])
      out += std::string(1, es[i].op) + es[i].line + "\n";
    else if (i == 0 || shown[i - 1])
      out += "…\n";
  }
  return out;
}

std::string diff(const std::string& expected, const std::string& actual) {
  std::vector<std::string> a = lines_of(expected), b = lines_of(actual);
  if (a.size() * b.size() > 4'000'000) return "(too long to diff) actual output:\n" + actual;
  return "(- expected, + actual)\n" + render(edits(a, b));
}

// The line number where `a` and `b` start to differ.
int first_difference(const std::string& a, const std::string& b) {
  auto at = std::mismatch(a.begin(), a.end(), b.begin(), b.end()).first;
  return 1 + static_cast<int>(std::count(a.begin(), at, '\n'));
}

// The command that refreshes the golden at `path`: its kind is its folder under tests/golden/.
std::string refresh_command(const fs::path& path) {
  fs::path rel = path.lexically_relative(root() / "tests" / "golden");
  if (rel.empty() || *rel.begin() == "..") return "scripts/update-goldens";
  return "scripts/update-goldens " + rel.begin()->string();
}

// ---------------------------------------------------------------- registration

std::string test_name(const Kind& kind, const Input& input) {
  fs::path rel = input.path.lexically_relative(folder_path(kind.folder));
  std::string s = rel.replace_extension().generic_string();
  for (char& c : s)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return s;
}

class InputTest : public ::testing::Test {
 public:
  InputTest(std::shared_ptr<const Kind> kind, Input input)
      : kind_(std::move(kind)), input_(std::move(input)) {}
  void TestBody() override {
    if (kind_->unavailable)
      if (std::string why = kind_->unavailable(); !why.empty()) GTEST_SKIP() << why;
    fs::current_path(root());  // inputs name one another, and outputs name them, from there
    SCOPED_TRACE(input_.relative());
    for (const Output& o : kind_->produce(input_)) expect_file(input_.expected(o.suffix), o.text);
  }

 private:
  std::shared_ptr<const Kind> kind_;
  Input input_;
};

class FindsItsInputs : public ::testing::Test {
 public:
  explicit FindsItsInputs(std::shared_ptr<const Kind> kind) : kind_(std::move(kind)) {}
  void TestBody() override {
    std::vector<Input> found = inputs(kind_->folder, kind_->extensions);
    EXPECT_GE(found.size(), kind_->at_least) << "inputs in tests/golden/" << kind_->folder;
    for (const std::string& ext : kind_->extensions)
      EXPECT_TRUE(std::any_of(found.begin(), found.end(),
                              [&](const Input& i) { return i.path.extension() == ext; }))
          << "no " << ext << " input in tests/golden/" << kind_->folder;
  }

 private:
  std::shared_ptr<const Kind> kind_;
};

}  // namespace

std::vector<Input> inputs(const std::string& folder, const std::vector<std::string>& extensions) {
  std::vector<Input> out;
  std::error_code ec;
  for (const auto& e : fs::recursive_directory_iterator(folder_path(folder), ec))
    if (e.is_regular_file() && is_input(e.path(), extensions)) out.push_back({e.path()});
  std::sort(out.begin(), out.end(), [](const Input& a, const Input& b) { return a.path < b.path; });
  return out;
}

void expect_file(const fs::path& expected, const std::string& actual) {
  std::string shown = expected.lexically_relative(root()).generic_string();
  if (updating()) {
    std::ofstream(expected, std::ios::binary) << actual;
    return;
  }
  if (!fs::exists(expected)) {
    ADD_FAILURE_AT(shown.c_str(), 1) << "missing golden " << shown << " ("
                                     << refresh_command(expected) << " writes it); actual output:\n"
                                     << actual;
    return;
  }
  std::string committed = read_file(expected);
  if (committed == actual) return;
  // Reported at the golden's first differing line, so that an editor can jump there.
  ADD_FAILURE_AT(shown.c_str(), first_difference(committed, actual))
      << "golden " << shown << " differs from the actual output (" << refresh_command(expected)
      << " rewrites it after a deliberate change):\n"
      << diff(committed, actual);
}

bool register_kind(const Kind& kind, std::source_location where) {
  auto shared = std::make_shared<const Kind>(kind);
  for (const Input& input : inputs(kind.folder, kind.extensions))
    ::testing::RegisterTest(
        kind.suite.c_str(), test_name(kind, input).c_str(), nullptr, nullptr, where.file_name(),
        static_cast<int>(where.line()),
        [shared, input]() -> ::testing::Test* { return new InputTest(shared, input); });
  ::testing::RegisterTest(kind.suite.c_str(), "FindsItsInputs", nullptr, nullptr, where.file_name(),
                          static_cast<int>(where.line()),
                          [shared]() -> ::testing::Test* { return new FindsItsInputs(shared); });
  return true;
}

}  // namespace sop::golden
