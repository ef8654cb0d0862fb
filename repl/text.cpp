#include "repl/text.hpp"

#include <algorithm>

#include "lang/suggest.hpp"

namespace sop::repl {

namespace {

bool blank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && blank(s[b])) ++b;
  while (e > b && blank(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

std::vector<std::string> split_words(std::string_view s, size_t max_words) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && blank(s[i])) ++i;
    if (i >= s.size()) break;
    if (max_words && out.size() + 1 == max_words) {
      out.push_back(trim(s.substr(i)));
      break;
    }
    std::string word;
    int depth = 0;
    bool quoted = false;
    for (; i < s.size(); ++i) {
      char c = s[i];
      if (quoted) {
        word += c;
        if (c == '\\' && i + 1 < s.size()) {
          word += s[++i];
        } else if (c == '"') {
          quoted = false;
        }
        continue;
      }
      if (depth == 0 && blank(c)) break;
      if (c == '"') quoted = true;
      if (c == '[' || c == '{' || c == '(') ++depth;
      if ((c == ']' || c == '}' || c == ')') && depth > 0) --depth;
      word += c;
    }
    out.push_back(word);
  }
  return out;
}

std::string closest(const std::string& word, const std::vector<std::string>& candidates) {
  for (const std::string& c : candidates)
    if (c == word) return c;
  std::string best = sop::did_you_mean(word, candidates).value_or("");
  if (best.empty() && word.size() >= 3) {
    for (const std::string& c : candidates)
      if (c.rfind(word, 0) == 0) return c;
  }
  return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  std::string c = closest(word, candidates);
  return c.empty() ? "" : " (did you mean `" + c + "`?)";
}

std::string Style::differ(const std::string& s) const {
  return color ? "\x1b[1;33m" + s + "\x1b[0m" : s;
}
std::string Style::error(const std::string& s) const {
  return color ? "\x1b[1;31m" + s + "\x1b[0m" : s;
}
std::string Style::dim(const std::string& s) const {
  return color ? "\x1b[2m" + s + "\x1b[0m" : s;
}
std::string Style::bold(const std::string& s) const {
  return color ? "\x1b[1m" + s + "\x1b[0m" : s;
}

}  // namespace sop::repl
