// Prometheus exposition: counters by route/method/status, cumulative histogram, escaping.
#include "http/metrics.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <stdexcept>

namespace amt::http {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(Metrics, CountsRequestsByRouteMethodAndStatus) {
  Metrics metrics;
  metrics.observe_request("/api/v1/bookings/{code}", "GET", 200, 0.002);
  metrics.observe_request("/api/v1/bookings/{code}", "GET", 200, 0.004);
  metrics.observe_request("/api/v1/bookings/{code}", "GET", 404, 0.001);
  const auto text = metrics.render();
  EXPECT_TRUE(contains(text, "# TYPE amtstermin_http_requests_total counter\n"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_requests_total{route="/api/v1/bookings/{code}",method="GET",status="200"} 2)"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_requests_total{route="/api/v1/bookings/{code}",method="GET",status="404"} 1)"));
}

TEST(Metrics, HistogramBucketsAreCumulativeAndEndWithInf) {
  Metrics metrics;
  metrics.observe_request("/a", "GET", 200, 0.0004);
  metrics.observe_request("/a", "GET", 200, 0.003);
  metrics.observe_request("/a", "GET", 200, 7.0);
  const auto text = metrics.render();
  EXPECT_TRUE(contains(text, "# TYPE amtstermin_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_request_duration_seconds_bucket{route="/a",le="0.0005"} 1)"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_request_duration_seconds_bucket{route="/a",le="0.005"} 2)"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_request_duration_seconds_bucket{route="/a",le="5"} 2)"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_request_duration_seconds_bucket{route="/a",le="+Inf"} 3)"));
  EXPECT_TRUE(contains(text, R"(amtstermin_http_request_duration_seconds_count{route="/a"} 3)"));
}

TEST(Metrics, EscapesLabelValues) {
  Metrics metrics;
  metrics.observe_request("/q\"uote\\back\nline", "GET", 200, 0.1);
  EXPECT_TRUE(contains(metrics.render(), R"(route="/q\"uote\\back\nline")"));
}

TEST(Metrics, FoldsUnknownMethodsSoClientsCannotAddLabels) {
  Metrics metrics;
  metrics.observe_request("unmatched", "BREW", 405, 0.1);
  const auto text = metrics.render();
  EXPECT_TRUE(contains(text, R"(method="OTHER")"));
  EXPECT_FALSE(contains(text, "BREW"));
}

TEST(Metrics, RendersRegisteredCountersAndGauges) {
  Metrics metrics;
  auto& bookings = metrics.counter("amtstermin_bookings_total", "Bookings made.");
  bookings += 3;
  EXPECT_EQ(&metrics.counter("amtstermin_bookings_total", "Bookings made."), &bookings);
  metrics.gauge("amtstermin_queue_length", "Visitors waiting.", [] { return 4.5; });
  const auto text = metrics.render();
  EXPECT_TRUE(contains(text, "# HELP amtstermin_bookings_total Bookings made.\n# TYPE amtstermin_bookings_total counter\n"
                             "amtstermin_bookings_total 3\n"));
  EXPECT_TRUE(contains(text, "# TYPE amtstermin_queue_length gauge\namtstermin_queue_length 4.5\n"));
}

TEST(Metrics, RejectsInvalidMetricNames) {
  Metrics metrics;
  EXPECT_THROW(metrics.counter("bad name", "x"), std::invalid_argument);
  EXPECT_THROW(metrics.gauge("1abc", "x", [] { return 0.0; }), std::invalid_argument);
}

TEST(Metrics, EveryLineIsCommentOrSample) {
  Metrics metrics;
  metrics.observe_request("/a", "POST", 201, 0.01);
  metrics.counter("c_total", "help with \\ and\nnewline");
  std::istringstream lines(metrics.render());
  std::string line;
  while (std::getline(lines, line)) {
    ASSERT_FALSE(line.empty());
    if (line[0] == '#') {
      EXPECT_TRUE(line.rfind("# HELP ", 0) == 0 || line.rfind("# TYPE ", 0) == 0) << line;
      continue;
    }
    EXPECT_NE(line.find(' '), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace amt::http
