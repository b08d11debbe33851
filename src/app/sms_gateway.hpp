// SMS delivery through a configurable HTTP gateway (issue #8 item 2): how an outbox message becomes
// the gateway's request (URL, method, headers and body from templates with placeholders), and which
// answers mean "accepted". The real gateway is a configuration, not code; see docs/sms.md.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/outbox_worker.hpp"

namespace amt::app {

// Inclusive range of HTTP status codes, from "200-299" or "202".
struct StatusRange {
  long first = 0;
  long last = 0;
};
// Throws std::invalid_argument naming the bad item.
std::vector<StatusRange> parse_status_ranges(const std::vector<std::string>& items);

enum class SmsBodyFormat { json, form };

struct SmsGatewaySettings {
  // Placeholders, usable in url, headers and body: {number} (E.164, "+4915112345678"), {msisdn}
  // (the same without "+"), {text}, {id} (the outbox id: the same on every retry, for the gateway's
  // own duplicate check) and {secret}. In the URL they are percent-encoded, in a JSON body escaped
  // as JSON string content, in a form body form-encoded. Any other {...} stays as written.
  std::string url;
  std::string method = "POST";       // POST, PUT or GET (GET sends no body)
  std::vector<std::string> headers;  // "Name: value"
  std::string secret;                // never logged: scrubbed from every error text
  std::string body;
  SmsBodyFormat body_format = SmsBodyFormat::json;  // also the default Content-Type
  std::string country_code = "49";   // for national numbers ("0151...")
  std::vector<StatusRange> success{{200, 299}};
  std::string success_body;          // "" = any; else the answer's body must contain it
  std::vector<StatusRange> permanent;  // non-success answers not worth retrying; empty: retry all
  int timeout_seconds = 10;
  std::chrono::milliseconds poll{1000};
};

// Throws std::invalid_argument saying what is wrong (checked once at start, so a broken
// configuration stops the server instead of failing every message).
void check_sms_settings(const SmsGatewaySettings& settings);

// "+4915112345678" from a normalised number (normalize_phone): "+..." stays, "00..." becomes "+...",
// "0..." gets the country code.
std::string international_number(std::string_view normalised, std::string_view country_code);

struct SmsRequest {
  std::string url;
  std::string method;
  std::vector<std::string> headers;  // Content-Type added from the body format unless given
  std::string body;                  // empty for GET
};
SmsRequest sms_request(const SmsGatewaySettings& settings, const store::OutboxMessage& message);

// What the gateway's answer to a message for recipient means: sent, a permanent failure, or a
// failure to retry. The error text is redacted (redact_sms_error): staff see it, the citizen's
// number and the secret are not theirs to see.
SendOutcome judge_gateway_answer(const SmsGatewaySettings& settings, long status, std::string_view body,
                                 std::string_view recipient);

// error with every occurrence of secret replaced by "***" and control characters by spaces.
std::string scrub_secret(std::string error, std::string_view secret);

// text with the recipient's number replaced by "***" in every form a gateway may echo it:
// "+4915112345678", "004915112345678", "4915112345678", "015112345678", "15112345678", the digits
// grouped by spaces, '-', '/', '.' or "(0)" ("+49 (0)151 123 456-78"); an escaped "+" before it
// ("%2B", "\u002B") stays, the digits go.
// recipient as stored in the outbox (normalize_phone); country_code as SmsGatewaySettings.
std::string redact_number(std::string text, std::string_view recipient, std::string_view country_code);

// What of a failed delivery's error may be stored and shown to staff: scrub_secret, then
// redact_number, cut to at most max_size bytes (whole UTF-8 characters).
std::string redact_sms_error(std::string error, const SmsGatewaySettings& settings, std::string_view recipient,
                             std::size_t max_size = 240);

OutboxSender sms_gateway_sender(const SmsGatewaySettings& settings, const std::atomic<bool>& stopping);
// The "sms" channel's worker.
std::unique_ptr<OutboxWorker> make_sms_worker(store::Store& store, const Clock& clock, const SmsGatewaySettings& settings,
                                              const RetryPolicy& retry, std::function<double()> random01);

}  // namespace amt::app
