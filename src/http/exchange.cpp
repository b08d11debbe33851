// Request conversion, dispatch and response serialisation for one exchange.
#include "http/exchange.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "http/target.hpp"
#include "http/text.hpp"

namespace amt::http {

namespace {

void copy_headers(const RequestMessage& message, Fields& headers) {
  headers.reserve(16);
  for (const auto& field : message) {
    std::string name(field.name_string());
    to_lower_ascii(name);
    headers.emplace_back(std::move(name), std::string(field.value()));
  }
}

}  // namespace

Outcome exchange(const ServerState& state, RequestMessage message, const std::string& remote,
                 Clock::time_point started) {
  Outcome outcome;
  outcome.http10 = message.version() == 10;
  outcome.keep_alive = message.keep_alive();

  Request request;
  request.method = message.method_string();
  request.target = message.target();
  request.remote_address = remote;
  const bool head = request.method == "HEAD";

  std::string route = "invalid";
  Response response;
  const auto refusal = parse_target(request.target, request.path, request.query);
  if (refusal.empty()) {
    copy_headers(message, request.headers);
    request.body = std::move(message.body());
    response = state.router.dispatch(request, &route);
  } else {
    response = Response::problem(400, "Bad Request", refusal);
    outcome.keep_alive = false;
  }

  outcome.wire = to_wire(std::move(response), head);
  record_request(state, request.method, route, outcome.wire.status, started, outcome.wire.body_bytes, remote);
  return outcome;
}

std::optional<Outcome> fast_exchange(const ServerState& state, const RequestMessage& message,
                                     const std::string& remote, Clock::time_point started) {
  const auto method = message.method();
  if (method != boost::beast::http::verb::get && method != boost::beast::http::verb::head) return std::nullopt;
  Request request;
  request.method = message.method_string();
  request.target = message.target();
  if (!parse_target(request.target, request.path, request.query).empty()) return std::nullopt;
  request.remote_address = remote;
  copy_headers(message, request.headers);
  std::string route;
  auto response = state.router.dispatch_fast(request, &route);
  if (!response) return std::nullopt;

  Outcome outcome;
  outcome.http10 = message.version() == 10;
  outcome.keep_alive = message.keep_alive();
  outcome.wire = to_wire(std::move(*response), method == boost::beast::http::verb::head);
  record_request(state, request.method, route, outcome.wire.status, started, outcome.wire.body_bytes, remote);
  return outcome;
}

void record_request(const ServerState& state, std::string_view method, std::string_view route, int status,
                    Clock::time_point started, std::size_t bytes, std::string_view remote) {
  const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
  state.metrics.observe_request(route, method, status, seconds);
  if (!state.options.access_log) return;

  std::string escaped_route;
  append_json_escaped(escaped_route, route);
  spdlog::info(R"({{"event":"request","method":"{}","route":"{}","status":{},"duration_ms":{:.3f},"bytes":{},"remote":"{}"}})",
               fold_method(method), escaped_route, status, seconds * 1000.0, bytes, remote);
}

}  // namespace amt::http
