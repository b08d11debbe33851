// What of a failed SMS delivery may be stored as the outbox row's last error and shown to staff:
// the gateway's answer with the secret and the recipient's number taken out (see sms_gateway.hpp).
#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "app/sms_gateway.hpp"

namespace amt::app {
namespace {

bool is_digit_char(char c) { return c >= '0' && c <= '9'; }

// What may stand between the digits of a number as people and gateways write it:
// "+49 151 2345678", "0151-2345678", "0151/2345678", "+49 (0)151 2345678".
bool is_number_separator(char c) { return c == ' ' || c == '-' || c == '/' || c == '.' || c == '(' || c == ')'; }

// A stretch of text that may hold a number: its digits and where each one stands in the text.
struct DigitRun {
  std::string digits;
  std::vector<std::size_t> at;
};

std::vector<DigitRun> digit_runs(std::string_view text) {
  std::vector<DigitRun> runs;
  DigitRun run;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && is_digit_char(text[i])) {
      run.digits.push_back(text[i]);
      run.at.push_back(i);
      continue;
    }
    if (i < text.size() && is_number_separator(text[i]) && !run.digits.empty()) continue;
    if (!run.digits.empty()) runs.push_back(std::move(run));
    run = {};
  }
  return runs;
}

// Where the number that ends at the national part starting at digit hit of run begins: before the
// country code written as "0049", "49" or "49 (0)", the national "0", or the "00" of a foreign
// number, when that prefix starts a group of digits ("500 0151..." keeps the 500).
std::size_t number_start(std::string_view text, const DigitRun& run, std::size_t taken, std::size_t hit,
                         std::string_view country_code) {
  const std::string cc(country_code);
  const std::string_view before = std::string_view(run.digits).substr(taken, hit - taken);
  const std::array<std::string, 6> prefixes = {"00" + cc + "0", "00" + cc, cc + "0", cc, "00", "0"};
  for (const std::string& prefix : prefixes) {
    if (prefix.empty() || !before.ends_with(prefix)) continue;
    const std::size_t at = run.at[hit - prefix.size()];
    if (at == 0 || !is_digit_char(text[at - 1])) return at;
  }
  return run.at[hit];
}

using TextSpan = std::pair<std::size_t, std::size_t>;  // [first, last) in the text

// Every place in text where the number stands (national_part: its digits after the country code).
std::vector<TextSpan> number_spans(std::string_view text, const std::string& national_part,
                                   std::string_view country_code) {
  std::vector<TextSpan> spans;
  for (const DigitRun& run : digit_runs(text)) {
    std::size_t taken = 0;  // digits of this run already inside a span
    for (auto hit = run.digits.find(national_part); hit != std::string::npos;
         hit = run.digits.find(national_part, hit + national_part.size())) {
      std::size_t first = number_start(text, run, taken, hit, country_code);
      if (first > 0 && text[first - 1] == '+') --first;
      taken = hit + national_part.size();
      spans.emplace_back(first, run.at[taken - 1] + 1);
    }
  }
  return spans;
}

// Cuts text to at most max_size bytes without splitting a UTF-8 character.
void cut_utf8(std::string& text, std::size_t max_size) {
  if (text.size() <= max_size) return;
  std::size_t end = max_size;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
}

// The digits that identify the number whichever way it is written: for a number in the configured
// country the part after the country code, else the whole international number.
std::string identifying_digits(std::string_view recipient, std::string_view country_code) {
  std::string digits = international_number(recipient, country_code);
  std::erase_if(digits, [](char c) { return !is_digit_char(c); });
  if (!country_code.empty() && digits.starts_with(country_code) && digits.size() > country_code.size())
    return digits.substr(country_code.size());
  return digits;
}

}  // namespace

std::string redact_number(std::string text, std::string_view recipient, std::string_view country_code) {
  const std::string national_part = identifying_digits(recipient, country_code);
  if (national_part.size() < 4) return text;  // too short to tell from other figures in the answer
  auto spans = number_spans(text, national_part, country_code);
  std::sort(spans.begin(), spans.end(), [](const TextSpan& a, const TextSpan& b) { return a.first > b.first; });
  for (const auto& [first, last] : spans) text.replace(first, last - first, "***");
  return text;
}

std::string redact_sms_error(std::string error, const SmsGatewaySettings& settings, std::string_view recipient,
                             std::size_t max_size) {
  std::string text = redact_number(scrub_secret(std::move(error), settings.secret), recipient, settings.country_code);
  cut_utf8(text, max_size);
  return text;
}

}  // namespace amt::app
