// Request lookups, problem+json bodies and target parsing (decoding, traversal refusal).
#include <gtest/gtest.h>

#include "http/message.hpp"
#include "http/target.hpp"

namespace amt::http {
namespace {

TEST(HttpMessage, ProblemEscapesJsonStrings) {
  const auto response = Response::problem(422, "Bad \"input\"", "line\nbreak \\ and \x01");
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.body,
            R"({"type":"about:blank","title":"Bad \"input\"","status":422,"detail":"line\nbreak \\ and \u0001"})");
  EXPECT_EQ(response.headers.front().second, "application/problem+json");
}

TEST(HttpMessage, ProblemWithoutDetailOmitsIt) {
  EXPECT_EQ(Response::problem(404, "Not Found").body, R"({"type":"about:blank","title":"Not Found","status":404})");
}

TEST(HttpMessage, HeaderLookupIgnoresCase) {
  Request request;
  request.headers = {{"content-type", "application/json"}};
  EXPECT_EQ(request.header("Content-Type"), "application/json");
  EXPECT_EQ(request.header("accept"), "");
}

TEST(HttpMessage, SetReplacesHeaderOfSameName) {
  auto response = Response::json(200, "{}");
  response.set("content-type", "application/vnd.x+json").set("Cache-Control", "no-store");
  ASSERT_EQ(response.headers.size(), 2u);
  EXPECT_EQ(response.headers[0].second, "application/vnd.x+json");
}

TEST(HttpTarget, DecodesPathAndQueryWithPlusAsSpace) {
  std::string path;
  Fields query;
  EXPECT_EQ(parse_target("/api/v1/h%C3%A4user?name=J%C3%BCrgen+M&empty&x=a%2Bb", path, query), "");
  EXPECT_EQ(path, "/api/v1/h\xC3\xA4user");
  ASSERT_EQ(query.size(), 3u);
  EXPECT_EQ(query[0], (std::pair<std::string, std::string>("name", "J\xC3\xBCrgen M")));
  EXPECT_EQ(query[1], (std::pair<std::string, std::string>("empty", "")));
  EXPECT_EQ(query[2].second, "a+b");
}

TEST(HttpTarget, RefusesDotDotSegmentsAlsoWhenEncoded) {
  for (const char* target : {"/static/../etc/passwd", "/static/%2e%2e/x", "/static/%2E%2E", "/a/..%2f..%2fb", "/.."}) {
    std::string path;
    Fields query;
    EXPECT_NE(parse_target(target, path, query), "") << target;
  }
}

TEST(HttpTarget, RefusesNulBytesAndNonOriginForm) {
  for (const char* target : {"/a%00b", "http://example.org/", "*", "/bad%zz", "relative"}) {
    std::string path;
    Fields query;
    EXPECT_NE(parse_target(target, path, query), "") << target;
  }
}

TEST(HttpTarget, AllowsDotsInsideNames) {
  std::string path;
  Fields query;
  EXPECT_EQ(parse_target("/static/app..min.js", path, query), "");
  EXPECT_EQ(path, "/static/app..min.js");
}

}  // namespace
}  // namespace amt::http
