// The handler side of a request: Beast message -> Request, router, Response -> wire bytes, plus
// the metrics and the access log line. Runs on the worker pool, except fast paths (I/O thread).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "http/server_state.hpp"
#include "http/wire.hpp"

namespace amt::http {

using RequestMessage = boost::beast::http::request<boost::beast::http::string_body>;
using Clock = std::chrono::steady_clock;

struct Outcome {
  WireResponse wire;
  bool keep_alive = false;
  bool http10 = false;
};

Outcome exchange(const ServerState& state, RequestMessage message, const std::string& remote,
                 Clock::time_point started);

// The same on the I/O thread for routes with a fast path (see FastHandler); nullopt when the
// request must go to the worker pool after all. Leaves the message untouched for that.
std::optional<Outcome> fast_exchange(const ServerState& state, const RequestMessage& message,
                                     const std::string& remote, Clock::time_point started);

// Counts the request in the metrics and writes the access log line. The log carries the route
// pattern, never the target: paths and queries can hold booking codes or names.
void record_request(const ServerState& state, std::string_view method, std::string_view route, int status,
                    Clock::time_point started, std::size_t bytes, std::string_view remote);

}  // namespace amt::http
