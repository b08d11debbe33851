// Surnames as responsibility rules compare them (Buchstabenzuständigkeit): folded to the letters
// A-Z, so "Müller", "MULLER" and "Muller" fall under the same letter range.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace amt {

// Upper-case A-Z of a UTF-8 name: umlauts lose their dots (Ä→A, Ö→O, Ü→U), ß and ẞ become SS,
// other Latin letters lose their accents (É→E, Ł→L, Ş→S; Æ→AE, Œ→OE). Spaces, hyphens,
// apostrophes and dots between the letters are dropped. nullopt for any other character (digits,
// non-Latin scripts): such a name cannot be placed in a letter range.
std::optional<std::string> fold_surname(std::string_view name);

// The surname within a name as people type it: the part before a comma ("Mustermann, Erika"),
// else the last word ("Erika Mustermann"). Particles are not skipped: "von der Leyen" is "Leyen".
std::string_view surname_of(std::string_view full_name);

// A letter bound of a rule: letters only (no separators), 1 to 10 after folding; nullopt otherwise.
std::optional<std::string> surname_bound(std::string_view bound);

// Whether the folded surname lies in [from, to] of folded bounds: from "SCH" to "SZ" covers
// "SCHMIDT" and "SZABO"; "K" as the end covers every name starting with K.
bool surname_in_range(const std::string& surname, const std::string& from, const std::string& to);

// Whether some surname lies in both ranges (of folded bounds); [from, to] itself is non-empty when
// surname_in_range(from, from, to).
bool surname_ranges_overlap(const std::string& from_a, const std::string& to_a, const std::string& from_b,
                            const std::string& to_b);

}  // namespace amt
