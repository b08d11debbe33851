// The server over real sockets: responses, keep-alive, pipelining, limits and refused targets.
#include "http/server.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "unit/http/test_server.hpp"

namespace amt::http {
namespace {

using namespace amt::http::testing;

Router test_router() {
  Router router;
  router.get("/hello", [](const Request&) { return Response::text(200, "hello world"); });
  router.get("/echo/{word}", [](const Request& r) {
    return Response::text(200, std::string(r.param("word")) + "|" + r.query_param("q").value_or("-") + "|" +
                                   std::string(r.header("X-Test")) + "|" + r.remote_address);
  });
  router.post("/upload", [](const Request& r) { return Response::text(200, std::to_string(r.body.size())); });
  router.get("/boom", [](const Request&) -> Response { throw std::runtime_error("boom"); });
  router.get("/inject", [](const Request&) { return Response::text(200, "x").set("X-Bad", "a\r\nSet-Cookie: evil=1"); });
  return router;
}

class ServerTest : public ::testing::Test {
 protected:
  Router router = test_router();
  Metrics metrics;
};

TEST_F(ServerTest, AnswersGetWithBodyAndDefaultHeaders) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/hello"));
  const auto reply = client.read();
  EXPECT_EQ(reply.result_int(), 200);
  EXPECT_EQ(reply.body(), "hello world");
  EXPECT_EQ(reply["Content-Length"], "11");
  EXPECT_EQ(reply["Server"], "amtstermin");
  EXPECT_EQ(reply["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(reply["Referrer-Policy"], "no-referrer");
  EXPECT_TRUE(reply["Date"].ends_with(" GMT"));
}

TEST_F(ServerTest, PassesDecodedParamsQueryHeadersAndRemoteAddress) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/echo/gr%C3%BC%C3%9F?q=a+b%26c", "x-TEST: yes\r\n"));
  EXPECT_EQ(client.read().body(), "gr\xC3\xBC\xC3\x9F|a b&c|yes|127.0.0.1");
}

TEST_F(ServerTest, KeepsConnectionAliveAcrossRequests) {
  RunningServer server(router, metrics);
  Client client(server.port());
  for (int i = 0; i < 3; ++i) {
    client.send(get_request("/hello"));
    const auto reply = client.read();
    EXPECT_EQ(reply.body(), "hello world");
    EXPECT_TRUE(reply.keep_alive());
  }
}

TEST_F(ServerTest, AnswersPipelinedRequestsInOrder) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/echo/one") + get_request("/echo/two") + get_request("/hello"));
  EXPECT_TRUE(client.read().body().starts_with("one|"));
  EXPECT_TRUE(client.read().body().starts_with("two|"));
  EXPECT_EQ(client.read().body(), "hello world");
}

TEST_F(ServerTest, HeadGetsContentLengthOfGetButNoBody) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send("HEAD /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto head = client.read(true);
  EXPECT_EQ(head.result_int(), 200);
  EXPECT_EQ(head["Content-Length"], "11");
  // Had body bytes been sent, they would now be misread as the next response.
  client.send(get_request("/hello"));
  EXPECT_EQ(client.read().body(), "hello world");
}

TEST_F(ServerTest, ConnectionCloseIsHonoured) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/hello", "Connection: close\r\n"));
  const auto reply = client.read();
  EXPECT_FALSE(reply.keep_alive());
  EXPECT_TRUE(client.closed_within(std::chrono::seconds(2)));
}

TEST_F(ServerTest, AcceptsBodyWithinLimitIncludingExpectContinue) {
  RunningServer server(router, metrics);
  Client client(server.port());
  const std::string body(5000, 'x');
  client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\nExpect: 100-continue\r\n\r\n");
  const auto interim = client.read();  // Beast's response parser reads the 100 Continue first
  EXPECT_EQ(interim.result_int(), 100);
  client.send(body);
  EXPECT_EQ(client.read().body(), "5000");
}

TEST_F(ServerTest, RejectsTooLargeBodyWith413) {
  auto options = fast_options();
  options.max_body_bytes = 1024;
  RunningServer server(router, metrics, options);
  Client client(server.port());
  client.send("POST /upload HTTP/1.1\r\nHost: t\r\nContent-Length: 200000\r\n\r\n" + std::string(64 * 1024, 'x'));
  const auto reply = client.read();
  EXPECT_EQ(reply.result_int(), 413);
  EXPECT_EQ(reply[boost::beast::http::field::content_type], "application/problem+json");
  EXPECT_FALSE(reply.keep_alive());
}

TEST_F(ServerTest, RejectsTooLargeChunkedBodyWith413) {
  auto options = fast_options();
  options.max_body_bytes = 1024;
  RunningServer server(router, metrics, options);
  Client client(server.port());
  client.send("POST /upload HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + std::string(2048, 'x') +
              "\r\n0\r\n\r\n");
  EXPECT_EQ(client.read().result_int(), 413);
}

TEST_F(ServerTest, RejectsHeaderFloodWith431) {
  auto options = fast_options();
  options.max_header_bytes = 2048;
  RunningServer server(router, metrics, options);
  Client client(server.port());
  std::string flood;
  for (int i = 0; i < 100; ++i) flood += "X-Flood-" + std::to_string(i) + ": " + std::string(40, 'a') + "\r\n";
  client.send(get_request("/hello", flood));
  EXPECT_EQ(client.read().result_int(), 431);
}

TEST_F(ServerTest, RejectsMalformedRequestLineWith400AndCloses) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send("THIS IS NOT HTTP\r\n\r\n");
  const auto reply = client.read();
  EXPECT_EQ(reply.result_int(), 400);
  EXPECT_TRUE(client.closed_within(std::chrono::seconds(2)));
}

TEST_F(ServerTest, RejectsPathTraversalWith400) {
  RunningServer server(router, metrics);
  for (const char* target : {"/echo/%2e%2e", "/echo/../hello", "/echo/a%00b"}) {
    Client client(server.port());
    client.send(get_request(target));
    EXPECT_EQ(client.read().result_int(), 400) << target;
  }
}

TEST_F(ServerTest, HandlerExceptionBecomes500AndConnectionSurvives) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/boom"));
  EXPECT_EQ(client.read().result_int(), 500);
  client.send(get_request("/hello"));
  EXPECT_EQ(client.read().result_int(), 200);
}

TEST_F(ServerTest, DropsResponseHeaderThatWouldSplitTheResponse) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/inject"));
  const auto reply = client.read();
  EXPECT_EQ(reply.body(), "x");
  EXPECT_EQ(reply.count("Set-Cookie"), 0u);
  EXPECT_EQ(reply.count("X-Bad"), 0u);
}

TEST_F(ServerTest, UnknownMethodGets405FromRouter) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send("BREW /hello HTTP/1.1\r\nHost: t\r\n\r\n");
  const auto reply = client.read();
  EXPECT_EQ(reply.result_int(), 405);
  EXPECT_EQ(reply["Allow"], "GET, HEAD");
}

TEST_F(ServerTest, RefusesConnectionsBeyondTheLimitWith503) {
  auto options = fast_options();
  options.max_connections = 1;
  RunningServer server(router, metrics, options);
  Client first(server.port());
  first.send(get_request("/hello"));
  EXPECT_EQ(first.read().result_int(), 200);  // the first connection is surely registered now
  Client second(server.port());
  boost::beast::error_code ec;
  const auto reply = second.read(ec);
  // The server may answer 503 or close at once; either way the second client is not served.
  EXPECT_TRUE(ec || reply.result_int() == 503);
}

TEST_F(ServerTest, MetricsCountServedRequestsByRoutePattern) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/echo/K7M4QX"));
  client.read();
  client.send(get_request("/nowhere"));
  client.read();
  const auto text = metrics.render();
  EXPECT_NE(text.find(R"(amtstermin_http_requests_total{route="/echo/{word}",method="GET",status="200"} 1)"),
            std::string::npos);
  EXPECT_NE(text.find(R"(amtstermin_http_requests_total{route="unmatched",method="GET",status="404"} 1)"),
            std::string::npos);
  EXPECT_EQ(text.find("K7M4QX"), std::string::npos);
}

}  // namespace
}  // namespace amt::http
