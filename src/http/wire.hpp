// Turns a Response into the bytes on the wire: status line, headers the server owns (Date, Server,
// Content-Length, security defaults) and the body. Done on the worker so I/O threads only write.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

struct WireResponse {
  std::string head;  // status line and headers, still without Connection and the closing CRLF
  std::string body;  // empty for HEAD, 1xx, 204 and 304
  std::shared_ptr<const std::string> shared_body;  // instead of body, see Response
  int status = 0;
  std::size_t body_bytes = 0;  // what Content-Length announces (also for HEAD)
  std::shared_ptr<EventStream> stream;  // event streams: no Content-Length, the body ends with the connection

  std::string_view body_view() const { return shared_body ? std::string_view(*shared_body) : std::string_view(body); }
};

WireResponse to_wire(Response response, bool head_request);
// Appends the Connection header and the blank line; decided late so shutdown can still say close.
void finish_head(std::string& head, bool keep_alive, bool http10);
// "Sun, 06 Nov 1994 08:49:37 GMT", formatted at most once per second and thread.
std::string_view http_date();

}  // namespace amt::http
