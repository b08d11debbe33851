// Folding of Latin letters to A-Z and the letter ranges of surname responsibility rules.
#include "core/surname.hpp"

#include <array>
#include <cstdint>

#include "core/text.hpp"

namespace amt {
namespace {

// U+00C0..U+00FF; "" for × and ÷, which are no letters.
constexpr std::array<std::string_view, 64> latin1 = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "",  "O", "U", "U", "U", "U", "Y", "TH", "SS",
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",
    "D", "N", "O", "O", "O", "O", "O", "",  "O", "U", "U", "U", "U", "Y", "TH", "Y"};

// U+0100..U+017F (Latin Extended-A) in runs: each run ends at `last` and folds to `letters`.
struct Run {
  std::uint16_t last;
  std::string_view letters;
};
constexpr std::array<Run, 22> extended_a = {{
    {0x105, "A"}, {0x10D, "C"}, {0x111, "D"}, {0x11B, "E"},  {0x123, "G"}, {0x127, "H"}, {0x131, "I"}, {0x133, "IJ"},
    {0x135, "J"}, {0x138, "K"}, {0x142, "L"}, {0x14B, "N"},  {0x151, "O"}, {0x153, "OE"}, {0x159, "R"}, {0x161, "S"},
    {0x167, "T"}, {0x173, "U"}, {0x175, "W"}, {0x178, "Y"},  {0x17E, "Z"}, {0x17F, "S"},
}};

std::string_view fold_code_point(std::uint32_t cp) {
  if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
  if (cp >= 0x100 && cp <= 0x17F)
    for (const Run& r : extended_a)
      if (cp <= r.last) return r.letters;
  if (cp == 0x1E9E) return "SS";  // capital ẞ
  return "";
}

bool is_separator(std::uint32_t cp) { return cp == ' ' || cp == '-' || cp == '\'' || cp == '.' || cp == 0x2019; }

// The next code point of s at i (advancing i), or nullopt for invalid or overlong UTF-8.
std::optional<std::uint32_t> next_code_point(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i++]);
  if (b0 < 0x80) return b0;
  const int extra = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : b0 >= 0xC2 ? 1 : -1;
  if (extra < 0 || b0 > 0xF4 || i + static_cast<std::size_t>(extra) > s.size()) return std::nullopt;
  std::uint32_t cp = b0 & (0x3F >> extra);
  for (int k = 0; k < extra; ++k) {
    const auto b = static_cast<unsigned char>(s[i++]);
    if ((b & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (b & 0x3F);
  }
  return cp;
}

std::optional<std::string> fold(std::string_view name, bool separators_allowed) {
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    const auto cp = next_code_point(name, i);
    if (!cp) return std::nullopt;
    if (*cp >= 'a' && *cp <= 'z') {
      out.push_back(static_cast<char>(*cp - 'a' + 'A'));
    } else if (*cp >= 'A' && *cp <= 'Z') {
      out.push_back(static_cast<char>(*cp));
    } else if (separators_allowed && is_separator(*cp)) {
      continue;
    } else {
      const std::string_view letters = fold_code_point(*cp);
      if (letters.empty()) return std::nullopt;
      out += letters;
    }
  }
  return out;
}


}  // namespace

std::optional<std::string> fold_surname(std::string_view name) { return fold(trim_space(name), true); }

std::string_view surname_of(std::string_view full_name) {
  const std::string_view name = trim_space(full_name);
  if (const auto comma = name.find(','); comma != std::string_view::npos) return trim_space(name.substr(0, comma));
  const auto space = name.find_last_of(" \t");
  return space == std::string_view::npos ? name : name.substr(space + 1);
}

std::optional<std::string> surname_bound(std::string_view bound) {
  auto folded = fold(trim_space(bound), false);
  if (!folded || folded->empty() || folded->size() > 10) return std::nullopt;
  return folded;
}

// A range covers the names from `from` (as a string) up to every name starting with `to`.
bool surname_in_range(const std::string& surname, const std::string& from, const std::string& to) {
  if (surname.empty()) return false;
  return surname.compare(from) >= 0 && surname.compare(0, to.size(), to) <= 0;
}

// Two such ranges share a name when each one's start lies before the other's end.
bool surname_ranges_overlap(const std::string& from_a, const std::string& to_a, const std::string& from_b,
                            const std::string& to_b) {
  return from_a.compare(0, to_b.size(), to_b) <= 0 && from_b.compare(0, to_a.size(), to_a) <= 0;
}

}  // namespace amt
