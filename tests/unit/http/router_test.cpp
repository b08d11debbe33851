// Router behaviour in-process: matching, captured parameters, 404/405, HEAD, handler failures.
#include "http/router.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace amt::http {
namespace {

Request request(std::string method, std::string path) {
  Request r;
  r.method = std::move(method);
  r.path = std::move(path);
  return r;
}

Handler answer(std::string body) {
  return [body = std::move(body)](const Request&) { return Response::text(200, body); };
}

TEST(Router, MatchesLiteralPathExactly) {
  Router router;
  router.get("/api/v1/locations", answer("locations"));
  auto req = request("GET", "/api/v1/locations");
  EXPECT_EQ(router.dispatch(req).body, "locations");

  auto longer = request("GET", "/api/v1/locations/extra");
  EXPECT_EQ(router.dispatch(longer).status, 404);
  auto trailing = request("GET", "/api/v1/locations/");
  EXPECT_EQ(router.dispatch(trailing).status, 404);
}

TEST(Router, RootMatchesOnlyRoot) {
  Router router;
  router.get("/", answer("home"));
  auto root = request("GET", "/");
  EXPECT_EQ(router.dispatch(root).body, "home");
  auto other = request("GET", "/x");
  EXPECT_EQ(router.dispatch(other).status, 404);
}

TEST(Router, CapturesNamedSegmentsIntoParams) {
  Router router;
  router.get("/api/v1/bookings/{code}/documents/{id}", [](const Request& r) {
    return Response::text(200, std::string(r.param("code")) + "|" + std::string(r.param("id")));
  });
  auto req = request("GET", "/api/v1/bookings/K7M4QX/documents/3");
  std::string route;
  EXPECT_EQ(router.dispatch(req, &route).body, "K7M4QX|3");
  EXPECT_EQ(route, "/api/v1/bookings/{code}/documents/{id}");  // the pattern, never the code
}

TEST(Router, EmptySegmentDoesNotFillAParameter) {
  Router router;
  router.get("/bookings/{code}", answer("booking"));
  auto req = request("GET", "/bookings/");
  EXPECT_EQ(router.dispatch(req).status, 404);
}

TEST(Router, PrefersLiteralSegmentOverParameter) {
  Router router;
  router.get("/bookings/{code}", answer("by code"));
  router.get("/bookings/new", answer("form"));
  auto req = request("GET", "/bookings/new");
  EXPECT_EQ(router.dispatch(req).body, "form");
  auto other = request("GET", "/bookings/ABC");
  EXPECT_EQ(router.dispatch(other).body, "by code");
}

TEST(Router, UnknownPathIsProblem404) {
  Router router;
  router.get("/a", answer("a"));
  auto req = request("GET", "/b");
  std::string route;
  const auto response = router.dispatch(req, &route);
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(route, "unmatched");
  ASSERT_FALSE(response.headers.empty());
  EXPECT_EQ(response.headers.front().second, "application/problem+json");
  EXPECT_NE(response.body.find(R"("status":404)"), std::string::npos);
}

TEST(Router, WrongMethodIs405WithAllowHeader) {
  Router router;
  router.get("/api/v1/bookings", answer("list"));
  router.post("/api/v1/bookings", answer("created"));
  auto req = request("DELETE", "/api/v1/bookings");
  const auto response = router.dispatch(req);
  EXPECT_EQ(response.status, 405);
  std::string allow;
  for (const auto& [name, value] : response.headers) {
    if (name == "Allow") allow = value;
  }
  EXPECT_EQ(allow, "GET, HEAD, POST");
}

TEST(Router, HeadFallsBackToGetRoute) {
  Router router;
  router.get("/healthz", answer("ok"));
  auto req = request("HEAD", "/healthz");
  std::string route;
  const auto response = router.dispatch(req, &route);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(route, "/healthz");
}

TEST(Router, ExplicitHeadRouteWinsOverGet) {
  Router router;
  router.get("/x", answer("get"));
  router.add("HEAD", "/x", answer("head"));
  auto req = request("HEAD", "/x");
  EXPECT_EQ(router.dispatch(req).body, "head");
}

TEST(Router, ThrowingHandlerAnswers500WithoutDetails) {
  Router router;
  router.get("/boom", [](const Request&) -> Response { throw std::runtime_error("secret database detail"); });
  auto req = request("GET", "/boom");
  const auto response = router.dispatch(req);
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
}

TEST(Router, MatchReportsAllowedMethodsWithoutRunningAnything) {
  Router router;
  router.post("/api/v1/bookings/{code}/cancel", answer("x"));
  const auto match = router.match("GET", "/api/v1/bookings/ABC/cancel");
  EXPECT_EQ(match.handler, nullptr);
  EXPECT_EQ(match.allowed, std::vector<std::string>{"POST"});
  EXPECT_EQ(match.route, "/api/v1/bookings/{code}/cancel");
}

}  // namespace
}  // namespace amt::http
