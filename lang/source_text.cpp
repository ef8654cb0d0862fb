#include "lang/source_text.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace sop::text {

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}
bool is_letter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool starts_with(std::string_view s, size_t i, std::string_view p) {
  return s.compare(i, p.size(), p) == 0;
}

// A character of a cleaned line and where it came from.
struct Char {
  char c;
  uint32_t offset;
};

// Removes the markup a PDF-to-text extraction leaves in a line: HTML tags (a checkbox becomes
// ☒ or ☐, as other extracts print it), `**` (bold), a backslash before punctuation (`\_`);
// a no-break space is a space.
std::vector<Char> clean_line(std::string_view s, uint32_t base) {
  std::vector<Char> out;
  auto emit = [&](std::string_view t, size_t at) {
    for (char c : t) out.push_back({c, static_cast<uint32_t>(base + at)});
  };
  for (size_t i = 0; i < s.size();) {
    if (s[i] == '<' && i + 1 < s.size() && (is_letter(s[i + 1]) || s[i + 1] == '/')) {
      size_t close = s.find('>', i);
      if (close != std::string_view::npos) {
        std::string_view tag = s.substr(i, close - i);
        bool box = tag.find("checkbox") != std::string_view::npos;
        emit(!box ? " " : tag.find("checked") != std::string_view::npos ? " ☒" : " ☐", i);
        i = close + 1;
        continue;
      }
    }
    if (starts_with(s, i, "**")) {
      i += 2;
      continue;
    }
    if (s[i] == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      ++i;
      continue;
    }
    if (starts_with(s, i, "\xC2\xA0")) {
      emit(" ", i);
      i += 2;
      continue;
    }
    out.push_back({s[i], static_cast<uint32_t>(base + i)});
    ++i;
  }
  return out;
}

// The words of a cleaned line.
std::vector<Word> split_words(const std::vector<Char>& line) {
  std::vector<Word> words;
  for (size_t i = 0; i < line.size();) {
    if (is_space(line[i].c)) {
      ++i;
      continue;
    }
    Word w;
    w.offset = line[i].offset;
    while (i < line.size() && !is_space(line[i].c)) w.text += line[i++].c;
    w.key = word_key(w.text);
    words.push_back(std::move(w));
  }
  return words;
}

bool is_bullet(std::string_view w) {
  return w == "-" || w == "*" || w == "•" || w == "–";
}

// `VI.`, `D.`, `1.`, `c.`: a label of one to two digits, one letter, or a roman numeral.
std::optional<std::string> heading_label(std::string_view w) {
  if (w.size() < 2 || w.back() != '.') return std::nullopt;
  std::string_view l = w.substr(0, w.size() - 1);
  bool digits = l.size() <= 2 && std::all_of(l.begin(), l.end(), [](char c) {
                  return std::isdigit(static_cast<unsigned char>(c)) != 0;
                });
  bool roman = std::all_of(l.begin(), l.end(), [](char c) {
    return std::string_view("IVXLC").find(c) != std::string_view::npos;
  });
  if (digits || roman || (l.size() == 1 && is_letter(l[0]))) return std::string(l);
  return std::nullopt;
}

std::string join(const std::vector<Word>& words) {
  std::string s;
  for (const Word& w : words) s += (s.empty() ? "" : " ") + w.text;
  return s;
}

struct RawLine {
  std::vector<Word> words;
  std::string text;
};

std::vector<RawLine> raw_lines(std::string_view raw) {
  std::vector<RawLine> lines;
  for (size_t at = 0; at <= raw.size();) {
    size_t end = std::min(raw.find('\n', at), raw.size());
    std::vector<Word> words = split_words(clean_line(raw.substr(at, end - at), at));
    // A list bullet is layout, and a sentence split by a page break goes on after one.
    if (!words.empty() && is_bullet(words.front().text)) words.erase(words.begin());
    std::string text = join(words);
    lines.push_back({std::move(words), std::move(text)});
    at = end + 1;
  }
  return lines;
}

// Appends a line's words to the document, joining a word hyphenated at the previous line's end.
void append_line(Document& doc, RawLine& line, bool& hyphen_open) {
  std::vector<Word>& ws = line.words;
  size_t first = doc.words.size();
  if (hyphen_open && !ws.empty() && is_letter(ws.front().text[0])) {
    doc.words.back().text += ws.front().text;
    doc.words.back().key = word_key(doc.words.back().text);
    ws.erase(ws.begin());
    first = doc.words.size();  // the line no longer starts a heading
  } else if (!ws.empty()) {
    if (auto label = heading_label(ws.front().text)) doc.headings.push_back({*label, first});
  }
  if (!line.text.empty()) doc.lines.push_back({line.text, first});
  for (Word& w : ws) doc.words.push_back(std::move(w));
  const std::string& last = doc.words.empty() ? std::string() : doc.words.back().text;
  hyphen_open = last.size() >= 2 && last.back() == '-' && is_letter(last[last.size() - 2]);
}

}  // namespace

std::string word_key(std::string_view w) {
  std::string s;
  for (size_t i = 0; i < w.size(); ++i) {
    if (starts_with(w, i, "\xE2\x80")) {  // U+2010–U+201F: dashes and typographic quotes
      unsigned char c = i + 2 < w.size() ? static_cast<unsigned char>(w[i + 2]) : 0;
      if (c >= 0x90 && c <= 0x95) {
        s += '-';
        i += 2;
        continue;
      }
      if (c >= 0x98 && c <= 0x9B) {
        s += '\'';
        i += 2;
        continue;
      }
      if (c >= 0x9C && c <= 0x9F) {
        s += '"';
        i += 2;
        continue;
      }
    }
    s += w[i];
  }
  // A hyphen between letters is dropped: "out-of-\nnetwork" and "recom-\nmended" were joined
  // with their hyphen, and the key cannot tell a line-end hyphen from a compound's.
  std::string k;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '-' && i > 0 && i + 1 < s.size() && is_letter(s[i - 1]) && is_letter(s[i + 1]))
      continue;
    k += s[i];
  }
  return k;
}

Document normalise(std::string_view raw, bool drop_repeated) {
  std::vector<RawLine> lines = raw_lines(raw);
  std::unordered_map<std::string, int> seen;
  Document doc;
  bool hyphen_open = false;
  for (RawLine& l : lines) {
    // A line of two or more words met again is a page header or footer, which may split a
    // sentence; its first occurrence is the title block, kept. A lone label ("1.", "N/A") may
    // well repeat in the body.
    if (drop_repeated && l.words.size() >= 2 && seen[l.text]++ > 0) continue;
    append_line(doc, l, hyphen_open);
  }
  return doc;
}

std::vector<Word> quote_words(std::string_view quote) {
  return split_words(clean_line(quote, 0));
}

namespace {

bool all_punct(std::string_view s) {
  return std::all_of(s.begin(), s.end(),
                     [](char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; });
}

// Word k of a piece against a source word. Beside a gap (`…`) the quote may cut the source's
// punctuation: "member …" quotes "member," and "… GG.1508" quotes "GG.1508:".
bool same(const Word& source, const std::vector<Word>& piece, size_t k, bool open_start,
          bool open_end) {
  const std::string& a = source.key;
  const std::string& b = piece[k].key;
  if (a == b) return true;
  if (a.size() <= b.size()) return false;
  if (open_end && k + 1 == piece.size() && a.compare(0, b.size(), b) == 0)
    return all_punct(std::string_view(a).substr(b.size()));
  // After a gap, a piece may start with the punctuation that ended the omitted text ("…; and").
  if (open_start && k == 0 && a.compare(a.size() - b.size(), b.size(), b) == 0)
    return all_punct(b) || all_punct(std::string_view(a).substr(0, a.size() - b.size()));
  return false;
}

}  // namespace

std::optional<size_t> find(const Document& doc, const std::vector<Word>& piece, size_t from,
                           bool open_start, bool open_end) {
  if (piece.empty()) return from;
  const auto& ws = doc.words;
  for (size_t s = from; s + piece.size() <= ws.size(); ++s) {
    size_t k = 0;
    while (k < piece.size() && same(ws[s + k], piece, k, open_start, open_end)) ++k;
    if (k == piece.size()) return s;
  }
  return std::nullopt;
}

namespace {

// The longest-common-subsequence table of words a[0..n) and doc words [b, b+m).
std::vector<std::vector<uint16_t>> lcs_table(const std::vector<Word>& a, const Document& doc,
                                             size_t b, size_t m) {
  std::vector<std::vector<uint16_t>> t(a.size() + 1, std::vector<uint16_t>(m + 1, 0));
  for (size_t i = 1; i <= a.size(); ++i)
    for (size_t j = 1; j <= m; ++j)
      t[i][j] = a[i - 1].key == doc.words[b + j - 1].key
                    ? static_cast<uint16_t>(t[i - 1][j - 1] + 1)
                    : std::max(t[i - 1][j], t[i][j - 1]);
  return t;
}

}  // namespace

namespace {

// The window [b, b+m) narrowed to the source words an alignment with `piece` matches.
Nearest trim_to_matches(const std::vector<Word>& piece, const Document& doc, size_t b, size_t m) {
  auto t = lcs_table(piece, doc, b, m);
  size_t first = m, last = 0, first_i = 0, last_i = 0;
  for (size_t i = piece.size(), j = m; i > 0 && j > 0;) {
    if (piece[i - 1].key == doc.words[b + j - 1].key) {
      if (last == 0) last = j, last_i = i;
      first = j - 1, first_i = i - 1;
      --i, --j;
    } else if (t[i][j - 1] >= t[i - 1][j]) {
      --j;
    } else {
      --i;
    }
  }
  if (first == m) return {b, b + m, 0};
  // As many source words on each side as the piece has unmatched there: the words it changed.
  size_t begin = b + first - std::min(first, first_i);
  size_t end = std::min(doc.words.size(), b + last + (piece.size() - last_i));
  return {begin, end, t[piece.size()][m]};
}

}  // namespace

Nearest nearest(const Document& doc, const std::vector<Word>& whole) {
  // The table's cells are 16-bit: a longer quote is compared by its first 2000 words.
  std::vector<Word> piece(whole.begin(), whole.begin() + std::min<size_t>(whole.size(), 2000));
  size_t n = piece.size();
  // A little longer than the piece, so that a word the source adds still fits.
  size_t m = std::min(n + n / 4 + 2, doc.words.size());
  // How many words of each window occur in the piece at all bounds the window's common
  // subsequence: windows that cannot beat the best so far are skipped without a table.
  std::unordered_set<std::string> keys;
  for (const Word& w : piece) keys.insert(w.key);
  std::vector<size_t> shared(doc.words.size() + 1, 0);  // prefix counts
  for (size_t j = 0; j < doc.words.size(); ++j)
    shared[j + 1] = shared[j] + (keys.count(doc.words[j].key) ? 1 : 0);
  Nearest best;
  size_t best_start = 0;
  for (size_t s = 0; s + m <= doc.words.size(); ++s) {
    if (shared[s + m] - shared[s] <= best.common) continue;
    size_t common = lcs_table(piece, doc, s, m)[n][m];
    if (common > best.common) best = {s, s + m, common}, best_start = s;
  }
  if (best.common == 0) return best;
  return trim_to_matches(piece, doc, best_start, m);
}

std::string word_diff(const Document& doc, const Nearest& n, const std::vector<Word>& piece) {
  size_t m = n.end - n.begin;
  auto t = lcs_table(piece, doc, n.begin, m);
  std::vector<std::string> out;  // built backwards
  size_t i = piece.size(), j = m;
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && piece[i - 1].key == doc.words[n.begin + j - 1].key) {
      out.push_back(piece[--i].text);
      --j;
    } else if (j > 0 && (i == 0 || t[i][j - 1] >= t[i - 1][j])) {
      out.push_back("{+" + doc.words[n.begin + --j].text + "+}");
    } else {
      out.push_back("[-" + piece[--i].text + "-]");
    }
  }
  std::string s;
  for (auto it = out.rbegin(); it != out.rend(); ++it) s += (s.empty() ? "" : " ") + *it;
  return s;
}

std::string passage(const Document& doc, size_t begin, size_t end) {
  std::string s;
  for (size_t i = begin; i < end && i < doc.words.size(); ++i)
    s += (s.empty() ? "" : " ") + doc.words[i].text;
  return s;
}

namespace {

std::string lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

// A line's text without a leading heading label: "V. PURPOSE:" → "PURPOSE:".
std::string unlabelled(const Line& l) {
  size_t space = l.text.find(' ');
  if (space != std::string::npos && heading_label(std::string_view(l.text).substr(0, space)))
    return l.text.substr(space + 1);
  return l.text;
}

// A named heading: first a line that is the name (with or without a colon or a label before
// it), else a line that starts with it ("Applies to: ☒ …"), case-insensitively.
std::optional<size_t> find_named(const Document& doc, std::string_view name) {
  std::string n = lower(name);
  for (const Line& l : doc.lines) {
    std::string t = lower(unlabelled(l));
    if (t == n || t == n + ":") return l.word;
  }
  for (const Line& l : doc.lines) {
    std::string t = lower(l.text);
    if (t.rfind(n + ":", 0) == 0 || t.rfind(n + " ", 0) == 0) return l.word;
  }
  return std::nullopt;
}

int roman_value(std::string_view r) {
  auto v = [](char c) {
    switch (c) {
      case 'I':
        return 1;
      case 'V':
        return 5;
      case 'X':
        return 10;
      case 'L':
        return 50;
      case 'C':
        return 100;
      default:
        return 0;
    }
  };
  int total = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    int x = v(r[i]);
    if (x == 0) return 0;
    total += (i + 1 < r.size() && v(r[i + 1]) > x) ? -x : x;
  }
  return total;
}

std::string roman(int n) {
  static const std::pair<int, const char*> table[] = {{100, "C"}, {90, "XC"}, {50, "L"},
                                                      {40, "XL"}, {10, "X"},  {9, "IX"},
                                                      {5, "V"},   {4, "IV"},  {1, "I"}};
  std::string s;
  for (auto [v, r] : table)
    while (n >= v) s += r, n -= v;
  return s;
}

// The labels that would follow `label` in its numbering. A single letter that is also a roman
// numeral ("C", "I", "V") could be either: both successors end its section.
std::vector<std::string> successors(const std::string& label) {
  std::vector<std::string> next;
  if (std::isdigit(static_cast<unsigned char>(label[0])))
    return {std::to_string(std::stoi(label) + 1)};
  if (label.size() == 1 && is_letter(label[0]) && label[0] != 'z' && label[0] != 'Z')
    next.push_back(std::string(1, static_cast<char>(label[0] + 1)));
  if (int v = roman_value(label); v > 0) next.push_back(roman(v + 1));
  return next;
}

}  // namespace

std::optional<Section> find_section(const Document& doc, std::string_view name,
                                    const std::vector<std::string>& path, std::string& missing) {
  size_t begin = 0, end = doc.words.size(), found = 0, outer = 0;
  if (!name.empty()) {
    auto at = find_named(doc, name);
    if (!at) return missing = std::string(name), std::nullopt;
    begin = found = *at;
  }
  std::string so_far = "§";
  for (const std::string& label : path) {
    so_far += (so_far == "§" ? "" : ".") + label;
    auto h = std::find_if(doc.headings.begin(), doc.headings.end(), [&](const Heading& x) {
      return x.word >= begin && x.word < end && x.label == label;
    });
    if (h == doc.headings.end()) return missing = so_far, std::nullopt;
    // The section runs to the next heading that follows it in its own numbering.
    std::vector<std::string> next = successors(label);
    for (auto k = h + 1; k != doc.headings.end() && k->word < end; ++k)
      if (std::find(next.begin(), next.end(), k->label) != next.end()) {
        end = k->word;
        break;
      }
    outer = found;
    begin = h->word + 1;
    found = h->word;
  }
  return Section{found, end, outer};
}

}  // namespace sop::text
