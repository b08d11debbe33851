// The gateway request from its templates, and the success rule (see sms_gateway.hpp). Pure
// functions: the libcurl transfer is in sms_sender.cpp.
#include "app/sms_gateway.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include <boost/json.hpp>

#include "app/contact.hpp"
#include "app/http_call.hpp"
#include "core/text.hpp"

namespace amt::app {
namespace {

enum class SmsEscape { none, percent, json, header };

std::string escaped(std::string_view value, SmsEscape how) {
  switch (how) {
    case SmsEscape::percent: return form_encode(value);
    case SmsEscape::json: {
      const std::string quoted = boost::json::serialize(boost::json::string(value));
      return quoted.substr(1, quoted.size() - 2);
    }
    case SmsEscape::header: {  // a line break would start a header of its own
      std::string out(value);
      std::replace_if(out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
      return out;
    }
    case SmsEscape::none: break;
  }
  return std::string(value);
}

using SmsFields = std::array<std::pair<std::string_view, std::string>, 5>;

SmsFields sms_fields(const SmsGatewaySettings& s, const store::OutboxMessage& m) {
  const std::string number = international_number(m.recipient, s.country_code);
  return {{{"{number}", number},
           {"{msisdn}", number.substr(number.starts_with('+') ? 1 : 0)},
           {"{text}", m.body},
           {"{id}", m.id},
           {"{secret}", s.secret}}};
}

// One left-to-right pass: a filled-in value is never searched for placeholders again.
std::string fill(std::string_view text, const SmsFields& fields, SmsEscape how) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    const auto hit = std::find_if(fields.begin(), fields.end(),
                                  [&](const auto& f) { return text.substr(i).starts_with(f.first); });
    if (hit == fields.end()) {
      out.push_back(text[i++]);
      continue;
    }
    out += escaped(hit->second, how);
    i += hit->first.size();
  }
  return out;
}

bool in_ranges(const std::vector<StatusRange>& ranges, long status) {
  return std::any_of(ranges.begin(), ranges.end(), [&](const StatusRange& r) { return r.first <= status && status <= r.last; });
}

long status_code(std::string_view s, const std::string& item) {
  if (s.size() != 3 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }) || s[0] == '0')
    throw std::invalid_argument("not an HTTP status code or range (like 200 or 200-299): " + item);
  return std::stol(std::string(s));
}

bool has_content_type(const std::vector<std::string>& headers) {
  return std::any_of(headers.begin(), headers.end(),
                     [](const std::string& h) { return ascii_lower(h).starts_with("content-type:"); });
}

}  // namespace

std::vector<StatusRange> parse_status_ranges(const std::vector<std::string>& items) {
  std::vector<StatusRange> out;
  for (const std::string& item : items) {
    const std::string t = trim(item);
    const auto dash = t.find('-');
    const long first = status_code(trim(t.substr(0, dash)), item);
    const long last = dash == std::string::npos ? first : status_code(trim(t.substr(dash + 1)), item);
    if (last < first) throw std::invalid_argument("status range runs backwards: " + item);
    out.push_back({first, last});
  }
  return out;
}

std::string international_number(std::string_view n, std::string_view country_code) {
  if (n.starts_with('+')) return std::string(n);
  if (n.starts_with("00")) return "+" + std::string(n.substr(2));
  if (n.starts_with('0')) return "+" + std::string(country_code) + std::string(n.substr(1));
  return "+" + std::string(n);
}

SmsRequest sms_request(const SmsGatewaySettings& s, const store::OutboxMessage& m) {
  const SmsFields fields = sms_fields(s, m);
  SmsRequest r{fill(s.url, fields, SmsEscape::percent), s.method, {}, {}};
  for (const std::string& h : s.headers) r.headers.push_back(fill(h, fields, SmsEscape::header));
  if (s.method == "GET") return r;
  const bool json = s.body_format == SmsBodyFormat::json;
  r.body = fill(s.body, fields, json ? SmsEscape::json : SmsEscape::percent);
  if (!has_content_type(r.headers))
    r.headers.emplace_back(json ? "Content-Type: application/json" : "Content-Type: application/x-www-form-urlencoded");
  return r;
}

SendOutcome judge_gateway_answer(const SmsGatewaySettings& s, long status, std::string_view body,
                                 std::string_view recipient) {
  const bool status_ok = in_ranges(s.success, status);
  if (status_ok && (s.success_body.empty() || body.find(s.success_body) != std::string_view::npos)) return {true, false, ""};
  std::string error = "HTTP " + std::to_string(status);
  if (status_ok) error += " without \"" + s.success_body + "\"";
  // The whole answer is redacted before it is cut: a number or secret cut in half is still theirs.
  if (!body.empty()) error += ": " + std::string(body.substr(0, 64 * 1024));
  return {false, !status_ok && in_ranges(s.permanent, status), redact_sms_error(std::move(error), s, recipient)};
}

std::string scrub_secret(std::string error, std::string_view secret) {
  for (auto at = secret.empty() ? std::string::npos : error.find(secret); at != std::string::npos;
       at = error.find(secret, at + 3))
    error.replace(at, secret.size(), "***");
  std::replace_if(error.begin(), error.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  return error;
}

void check_sms_settings(const SmsGatewaySettings& s) {
  if (!s.url.starts_with("http://") && !s.url.starts_with("https://"))
    throw std::invalid_argument("sms.url must start with http:// or https://");
  if (s.method != "POST" && s.method != "PUT" && s.method != "GET")
    throw std::invalid_argument("sms.method must be POST, PUT or GET");
  if (s.secret.find_first_of("\r\n") != std::string::npos)
    throw std::invalid_argument("the SMS gateway secret contains a line break");
  for (const std::string& h : s.headers)
    if (h.find(':') == std::string::npos || h.front() == ':') throw std::invalid_argument("sms.headers: not \"Name: value\": " + h);
  if (s.success.empty()) throw std::invalid_argument("sms.success_status must name at least one status");
  if (s.method == "GET" || s.body_format != SmsBodyFormat::json) return;
  store::OutboxMessage sample;
  sample.id = "id";
  sample.recipient = "+491511234567";
  sample.body = "Text \"with\" quotes\n";
  boost::system::error_code ec;
  boost::json::parse(sms_request(s, sample).body, ec);
  if (ec) throw std::invalid_argument("sms.body is not valid JSON once filled in: " + ec.message());
}

}  // namespace amt::app
