// Route matching by path segments; "{name}" segments capture, all others must match exactly.
// Handler exceptions stop here: logged with the route name, answered 500 without details.
#include "http/router.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <stdexcept>

#include "http/text.hpp"

namespace amt::http {

namespace {

// Splits "/a/b" into {"a", "b"}; "/" gives one empty segment, so "/" only matches "/".
template <typename Out>
void split_path(std::string_view path, Out& out) {
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const auto slash = path.find('/');
    out.emplace_back(path.substr(0, slash));
    if (slash == std::string_view::npos) return;
    path.remove_prefix(slash + 1);
  }
}

bool is_param(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// Literal segments beat captures, so "/bookings/new" wins over "/bookings/{code}".
int specificity(const std::vector<std::string>& segments) {
  return static_cast<int>(std::count_if(segments.begin(), segments.end(), [](const auto& s) { return !is_param(s); }));
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string_view>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (is_param(pattern[i])) {
      if (path[i].empty()) return false;
      continue;
    }
    if (pattern[i] != path[i]) return false;
  }
  return true;
}

void add_allowed(std::vector<std::string>& allowed, const std::string& method) {
  if (std::find(allowed.begin(), allowed.end(), method) == allowed.end()) allowed.push_back(method);
}

void log_handler_exception(std::string_view route, std::string_view what) {
  std::string line = R"({"event":"handler_exception","route":")";
  append_json_escaped(line, route);
  line += R"(","what":")";
  append_json_escaped(line, what);
  line += "\"}";
  spdlog::error(line);
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
  Route route{std::move(method), std::move(pattern), {}, std::move(handler), {}};
  split_path(route.pattern, route.segments);
  routes_.push_back(std::move(route));
}

void Router::fast(std::string_view method, std::string_view pattern, FastHandler handler) {
  for (auto& route : routes_) {
    if (route.method != method || route.pattern != pattern) continue;
    if (!route.fast) ++fast_paths_;
    route.fast = std::move(handler);
    return;
  }
  throw std::logic_error("router: no route to give a fast path");
}

Router::Match Router::match(std::string_view method, std::string_view path) const {
  std::vector<std::string_view> segments;
  segments.reserve(8);
  split_path(path, segments);

  const Route* best = nullptr;
  const Route* best_get = nullptr;  // HEAD falls back to GET when no HEAD route exists
  Match result;
  for (const auto& route : routes_) {
    if (!segments_match(route.segments, segments)) continue;
    if (result.allowed.empty()) result.route = route.pattern;  // names the route of a 405
    add_allowed(result.allowed, route.method);
    if (route.method == "GET") add_allowed(result.allowed, "HEAD");
    if (route.method == method && (!best || specificity(route.segments) > specificity(best->segments))) best = &route;
    if (route.method == "GET" && (!best_get || specificity(route.segments) > specificity(best_get->segments))) {
      best_get = &route;
    }
  }
  if (!best && method == "HEAD") best = best_get;
  if (!best) {
    if (result.allowed.empty()) result.route = "unmatched";
    return result;
  }
  result.allowed.clear();
  result.handler = &best->handler;
  if (best->fast) result.fast = &best->fast;
  result.route = best->pattern;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const auto& name = best->segments[i];
    if (is_param(name)) result.params.emplace_back(name.substr(1, name.size() - 2), segments[i]);
  }
  return result;
}

std::optional<Response> Router::dispatch_fast(Request& request, std::string* route_out) const {
  auto found = match(request.method, request.path);
  if (!found.fast) return std::nullopt;
  request.params = std::move(found.params);
  try {
    auto response = (*found.fast)(request);
    if (response && route_out) *route_out = found.route;
    return response;
  } catch (const std::exception& e) {
    log_handler_exception(found.route, e.what());
  } catch (...) {
    log_handler_exception(found.route, "unknown exception");
  }
  return std::nullopt;
}

Response Router::dispatch(Request& request, std::string* route_out) const {
  auto found = match(request.method, request.path);
  if (route_out) *route_out = found.route;
  if (!found.handler && !found.allowed.empty()) {
    std::string allow;
    for (const auto& method : found.allowed) allow += (allow.empty() ? "" : ", ") + method;
    return Response::problem(405, "Method Not Allowed", "This resource does not accept " + request.method + ".").set("Allow", std::move(allow));
  }
  if (!found.handler) return Response::problem(404, "Not Found", "There is nothing at this address.");

  request.params = std::move(found.params);
  try {
    return (*found.handler)(request);
  } catch (const std::exception& e) {
    log_handler_exception(found.route, e.what());
  } catch (...) {
    log_handler_exception(found.route, "unknown exception");
  }
  return Response::problem(500, "Internal Server Error", "The request failed on our side; it has been logged.");
}

}  // namespace amt::http
