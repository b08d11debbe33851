// Conditional GET: validators, 304 without a body, and If-None-Match taking precedence.
#include <gtest/gtest.h>

#include "http/conditional.hpp"

namespace amt::http {
namespace {

using std::chrono::sys_seconds;

Request with(std::string name, std::string value) {
  Request r;
  r.headers.emplace_back(std::move(name), std::move(value));
  return r;
}

const sys_seconds changed{std::chrono::seconds{1804489200}};  // 2027-03-08 07:00:00 UTC

TEST(Conditional, HttpDatesRoundTripAndGarbageIsNoDate) {
  EXPECT_EQ(format_http_date(changed), "Mon, 08 Mar 2027 07:00:00 GMT");
  EXPECT_EQ(parse_http_date("Mon, 08 Mar 2027 07:00:00 GMT"), changed);
  EXPECT_FALSE(parse_http_date("yesterday").has_value());
  EXPECT_FALSE(parse_http_date("Mon, 08 Mar 2027 07:00:00 GMT trailing").has_value());
}

TEST(Conditional, FirstRequestGetsTheBodyWithEtagAndLastModified) {
  const Response r = conditional(Request{}, Response::json(200, "{\"a\":1}"), changed);
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, "{\"a\":1}");
  EXPECT_FALSE(r.headers.empty());
}

TEST(Conditional, MatchingEtagWeakOrInAListGives304WithoutBody) {
  const Response first = conditional(Request{}, Response::json(200, "{}"), changed);
  std::string etag;
  for (const auto& [k, v] : first.headers)
    if (k == "ETag") etag = v;
  ASSERT_FALSE(etag.empty());
  for (const std::string& header : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    const Response r = conditional(with("if-none-match", header), Response::json(200, "{}"), changed);
    EXPECT_EQ(r.status, 304) << header;
    EXPECT_TRUE(r.body.empty());
  }
  EXPECT_EQ(conditional(with("if-none-match", "\"other\""), Response::json(200, "{}"), changed).status, 200);
}

TEST(Conditional, IfModifiedSinceCountsOnlyWithoutIfNoneMatch) {
  EXPECT_EQ(conditional(with("if-modified-since", format_http_date(changed)), Response::json(200, "{}"), changed).status,
            304);
  const sys_seconds earlier = changed - std::chrono::seconds{1};
  EXPECT_EQ(conditional(with("if-modified-since", format_http_date(earlier)), Response::json(200, "{}"), changed).status,
            200);
  Request both = with("if-none-match", "\"stale\"");
  both.headers.emplace_back("if-modified-since", format_http_date(changed));
  EXPECT_EQ(conditional(both, Response::json(200, "{}"), changed).status, 200);
}

}  // namespace
}  // namespace amt::http
