// Maps method + path pattern ("/api/v1/bookings/{code}") to a handler. The pattern doubles as the
// route's name in metrics and logs, so no personal data (codes, ids) ends up in them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace amt::http {

class Router {
 public:
  void add(std::string method, std::string pattern, Handler handler);
  void get(std::string pattern, Handler h) { add("GET", std::move(pattern), std::move(h)); }
  void post(std::string pattern, Handler h) { add("POST", std::move(pattern), std::move(h)); }
  // Gives the route added with this method and pattern a fast path (see FastHandler); throws
  // std::logic_error when there is no such route.
  void fast(std::string_view method, std::string_view pattern, FastHandler handler);
  bool has_fast_paths() const { return fast_paths_ > 0; }

  struct Match {
    const Handler* handler = nullptr;  // null: no route for this path or method
    const FastHandler* fast = nullptr;  // the route's fast path, if it has one
    std::string route;                 // the pattern, or "unmatched"
    Fields params;
    std::vector<std::string> allowed;  // methods for this path when the method did not match (405)
  };
  Match match(std::string_view method, std::string_view path) const;

  // Finds the route, fills request.params, and runs it; 404 / 405 (with Allow) otherwise.
  // HEAD runs the GET route when there is no HEAD route; the body stays in the Response so the
  // server can announce its Content-Length, and the server leaves it off the wire.
  // A handler that throws is logged and answered 500 without details.
  Response dispatch(Request& request, std::string* route_out = nullptr) const;
  // Runs the fast path of the matching route on the calling (I/O) thread; nullopt when there is
  // none, it declined, or it threw (the ordinary dispatch then answers).
  std::optional<Response> dispatch_fast(Request& request, std::string* route_out) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
    FastHandler fast;
  };
  std::vector<Route> routes_;
  int fast_paths_ = 0;
};

}  // namespace amt::http
