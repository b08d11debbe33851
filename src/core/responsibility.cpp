// Customer number or surname -> responsible caseworker by the location's rules, the Vertretung chain behind
// them, and the first person of that chain who is not absent for a whole appointment.
#include "core/responsibility.hpp"

#include <algorithm>
#include <string>

#include "core/surname.hpp"
#include "core/text.hpp"

namespace amt {

namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }
bool is_ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

// Whitespace anywhere is dropped (people and forms write "123D 456789") and letters uppercased.
// Anything else than letters and digits makes the number unusable: nullopt.
std::optional<std::string> normalize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    if (is_space(c)) continue;
    if (!is_ascii_digit(c) && !is_ascii_letter(c)) return std::nullopt;
    out.push_back(to_upper(c));
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// Normalized numbers are compared as strings of equal length: the shorter one is left-padded with
// '0', so plain digit strings compare as numbers ("123" < "1000"). Letters are kept and compared
// by position after the padding; in ASCII digits sort before letters. Numbers with letters, such
// as Jobcenter BG numbers ("12345D1234567": office, letter, running number), therefore order
// correctly against bounds written in the same format (e.g. "12345D0000000".."12345D4999999");
// a rule mixing formats in one range is a configuration mistake we do not try to rescue.
int compare_numbers(const std::string& a, const std::string& b) {
  const size_t width = std::max(a.size(), b.size());
  const std::string pa = std::string(width - a.size(), '0') + a;
  const std::string pb = std::string(width - b.size(), '0') + b;
  return pa.compare(pb);
}

bool covers(const ResponsibilityRule& rule, const std::string& number) {
  if (rule.by_surname()) return false;
  const auto from = normalize(rule.customer_number_from);
  const auto to = normalize(rule.customer_number_to);
  if (!from || !to) return false;
  return compare_numbers(*from, number) <= 0 && compare_numbers(number, *to) <= 0;
}

bool covers_surname(const ResponsibilityRule& rule, const std::string& surname) {
  if (!rule.by_surname()) return false;
  const auto from = surname_bound(rule.surname_from);
  const auto to = surname_bound(rule.surname_to);
  return from && to && surname_in_range(surname, *from, *to);
}

bool is_active_at(const Staff* s, const Id& location_id) {
  return s != nullptr && s->active && s->location_id == location_id;
}

bool overlaps(const Absence& a, Instant start, Instant end) { return a.from < end && start < a.to; }

bool is_absent(const Catalog& catalog, const Id& staff_id, Instant start, Instant end) {
  return std::any_of(catalog.absences.begin(), catalog.absences.end(), [&](const Absence& a) {
    return a.staff_id == staff_id && overlaps(a, start, end);
  });
}

// The first rule of the location (in catalog order) covering the key wins, so an office can put
// a narrow exception before a broad range. Rules naming unknown, inactive staff, or staff of
// another location are skipped, so a departed caseworker's range falls to the next rule.
template <typename Covers>
std::optional<Id> first_rule(const Catalog& catalog, const Id& location_id, Covers covers_key) {
  for (const ResponsibilityRule& rule : catalog.responsibility_rules) {
    if (rule.location_id != location_id || !covers_key(rule)) continue;
    if (!is_active_at(catalog.staff_member(rule.staff_id), location_id)) continue;
    return rule.staff_id;
  }
  return std::nullopt;
}

}  // namespace

// The customer number is the office's own key for a case, so it wins over the surname, which
// changes with marriage and is spelled in many ways.
std::optional<Id> responsible_staff(const Catalog& catalog, const Id& location_id,
                                    std::string_view customer_number, std::string_view name) {
  if (const auto number = normalize(customer_number)) {
    auto by_number = first_rule(catalog, location_id, [&](const ResponsibilityRule& r) { return covers(r, *number); });
    if (by_number) return by_number;
  }
  const auto surname = fold_surname(surname_of(name));
  if (!surname || surname->empty()) return std::nullopt;
  return first_rule(catalog, location_id, [&](const ResponsibilityRule& r) { return covers_surname(r, *surname); });
}

// Deputies of deputies are deliberately not followed: the office names, per caseworker, exactly
// who may take over their customers; a transitive chain would hand cases to people nobody chose.
// Deputies at another location are left out because the citizen comes to this location.
std::vector<Id> responsibility_chain(const Catalog& catalog, const Id& responsible) {
  const Staff* person = catalog.staff_member(responsible);
  if (person == nullptr) return {};
  std::vector<Id> chain;
  if (person->active) chain.push_back(person->id);
  for (const Id& deputy_id : person->deputies) {
    if (deputy_id == person->id) continue;
    if (std::find(chain.begin(), chain.end(), deputy_id) != chain.end()) continue;
    if (!is_active_at(catalog.staff_member(deputy_id), person->location_id)) continue;
    chain.push_back(deputy_id);
  }
  return chain;
}

std::optional<Id> first_present(const Catalog& catalog, const std::vector<Id>& chain, Instant start,
                                Instant end) {
  for (const Id& id : chain)
    if (!is_absent(catalog, id, start, end)) return id;
  return std::nullopt;
}

bool is_valid_customer_number(std::string_view s) {
  const std::string_view t = trim_space(s);
  if (t.size() < 3 || t.size() > 20) return false;
  return std::all_of(t.begin(), t.end(), [](char c) { return is_ascii_digit(c) || is_ascii_letter(c); });
}

}  // namespace amt
