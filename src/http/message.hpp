// Request and response as plain values, so handlers are functions Request -> Response that can be
// tested without a socket. Nothing here knows about Jobcenters.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace amt::http {

struct EventStream;  // event_stream.hpp

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;          // "GET", "POST", ...
  std::string target;          // as sent, e.g. "/api/v1/availability?location=mainz"
  std::string path;            // percent-decoded path without query
  Fields query;                // percent-decoded query parameters, in order
  Fields headers;              // names lower-cased
  std::string body;
  std::string remote_address;  // peer IP
  Fields params;               // route parameters filled by the router, e.g. {"code", "K7M4QX"}

  // First value or empty; lookups of headers are case-insensitive.
  std::string_view header(std::string_view name) const;
  std::optional<std::string> query_param(std::string_view name) const;
  std::string_view param(std::string_view name) const;
};

struct Response {
  int status = 200;
  Fields headers;  // Content-Type included here; Content-Length is set by the server
  std::string body;
  // A body shared with a cache, sent without copying it per request; when set, it is the body.
  std::shared_ptr<const std::string> shared_body{};
  // Set by event_stream_response: after the head and body the connection stays open for events.
  std::shared_ptr<EventStream> stream{};

  std::string_view body_view() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }

  // Replaces a header of the same name (case-insensitive); push to headers directly for repeated
  // fields such as Set-Cookie.
  Response& set(std::string name, std::string value);
  static Response json(int status, std::string body);
  static Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
  // RFC 9457 problem details, for errors the http layer itself answers (404, 405, 413, ...).
  static Response problem(int status, std::string_view title, std::string_view detail = {});
};

using Handler = std::function<Response(const Request&)>;
// A handler that never blocks (no database, no password hashing, no waiting): it answers from
// memory on the I/O thread, or declines with nullopt and the route's Handler runs on the workers.
using FastHandler = std::function<std::optional<Response>(const Request&)>;

}  // namespace amt::http
