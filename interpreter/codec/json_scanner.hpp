#pragma once
// The one-pass JSON scanner of the fast decoders (case_json_fast.cpp, record_json_fast.cpp): it
// accepts a subset of what nlohmann's parser accepts (no escapes, plain integers) and reports
// anything else as "give up", so the general path decides with its precise messages.
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "interpreter/codec/json_text.hpp"

namespace sop {

struct JsonScanner {
  const char* p;
  const char* end;

  void ws() {
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')) ++p;
  }
  bool eat(char ch) {
    ws();
    if (p < end && *p == ch) {
      ++p;
      return true;
    }
    return false;
  }
  bool literal(const char* word, size_t n) {
    if (static_cast<size_t>(end - p) < n || std::memcmp(p, word, n) != 0) return false;
    p += n;
    return true;
  }
  // A string without escapes or control characters, as valid UTF-8; its bytes in `out`.
  bool string(std::string_view& out) {
    ws();
    if (p >= end || *p != '"') return false;
    const char* start = ++p;
    bool ascii = true;
    // Eight bytes at a time while none of them is special (a quote, a backslash, a control
    // character or a byte past ASCII): the bit tricks below have no false negatives, and a
    // false positive only sends that word to the byte loop.
    constexpr uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (end - p >= 8) {
      uint64_t w;
      std::memcpy(&w, p, 8);
      uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
      uint64_t special = ((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) |
                         ((w - ones * 0x20) & ~w) | w;
      if (special & highs) break;
      p += 8;
    }
    while (p < end) {
      auto c = static_cast<unsigned char>(*p);
      if (c == '"') break;
      if (c == '\\' || c < 0x20) return false;
      if (c >= 0x80) ascii = false;
      ++p;
    }
    if (p >= end) return false;
    out = std::string_view(start, static_cast<size_t>(p - start));
    ++p;
    return ascii || valid_utf8(out);
  }
  // A JSON integer as nlohmann reads one: no leading zeros, no fraction or exponent, within
  // int64 (larger ones are left to the general path, which says they are too large).
  bool integer(int64_t& out) {
    ws();
    const char* start = p;
    if (p < end && *p == '-') ++p;
    const char* digits = p;
    while (p < end && *p >= '0' && *p <= '9') ++p;
    size_t n = static_cast<size_t>(p - digits);
    if (n == 0 || (n > 1 && *digits == '0')) return false;
    if (p < end && (*p == '.' || *p == 'e' || *p == 'E')) return false;
    auto r = std::from_chars(start, p, out);
    return r.ec == std::errc() && r.ptr == p;
  }
  bool null() {
    ws();
    return literal("null", 4);
  }

  // Past any JSON value made of what the scanner reads (strings without escapes, plain
  // integers, literals, arrays and objects up to `depth` deep); false to give up.
  bool skip_value(int depth) {
    ws();
    if (p >= end || depth <= 0) return false;
    if (*p == '"') {
      std::string_view s;
      return string(s);
    }
    if (*p == '{' || *p == '[') {
      char close = *p == '{' ? '}' : ']';
      bool object = *p == '{';
      ++p;
      if (eat(close)) return true;
      do {
        if (object) {
          std::string_view key;
          if (!string(key) || !eat(':')) return false;
        }
        if (!skip_value(depth - 1)) return false;
      } while (eat(','));
      return eat(close);
    }
    int64_t i;
    return literal("true", 4) || literal("false", 5) || literal("null", 4) || integer(i);
  }
};

}  // namespace sop
