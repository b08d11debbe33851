// Timeouts and shutdown over real sockets: idle and slow clients are cut off without holding up
// others, and stop() lets a request in flight finish with its complete response.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "http/server.hpp"
#include "unit/http/test_server.hpp"

namespace amt::http {
namespace {

using namespace amt::http::testing;
using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

class ServerLifecycle : public ::testing::Test {
 protected:
  ServerLifecycle() {
    router.get("/hello", [](const Request&) { return Response::text(200, "hello world"); });
    router.get("/slow", [this](const Request&) {
      slow_started.set_value();
      std::this_thread::sleep_for(600ms);
      return Response::text(200, std::string(100000, 's'));
    });
  }
  Router router;
  Metrics metrics;
  std::promise<void> slow_started;
};

TEST_F(ServerLifecycle, ClosesIdleConnectionAfterIdleTimeout) {
  RunningServer server(router, metrics);  // idle_timeout 1 s
  Client client(server.port());
  const auto begin = SteadyClock::now();
  EXPECT_TRUE(client.closed_within(3s));
  const auto waited = SteadyClock::now() - begin;
  EXPECT_GE(waited, 900ms);
  EXPECT_LT(waited, 2500ms);
}

TEST_F(ServerLifecycle, ClosesKeepAliveConnectionIdleAfterAResponse) {
  RunningServer server(router, metrics);
  Client client(server.port());
  client.send(get_request("/hello"));
  EXPECT_EQ(client.read().result_int(), 200);
  EXPECT_TRUE(client.closed_within(3s));
}

TEST_F(ServerLifecycle, SlowlorisIsCutOffAndDoesNotBlockOthers) {
  RunningServer server(router, metrics);  // read_timeout 1 s
  Client slow(server.port());
  std::atomic<bool> cut_off{false};
  std::thread dribble([&] {
    const std::string request = get_request("/hello", "X-Padding: " + std::string(40, 'p') + "\r\n");
    for (char c : request) {
      try {
        slow.send(std::string_view(&c, 1));
      } catch (const std::exception&) {
        cut_off = true;  // the server closed the connection under us
        return;
      }
      std::this_thread::sleep_for(100ms);  // whole request would take > 7 s
    }
  });

  std::this_thread::sleep_for(300ms);
  const auto begin = SteadyClock::now();
  Client other(server.port());
  other.send(get_request("/hello"));
  EXPECT_EQ(other.read().result_int(), 200);
  EXPECT_LT(SteadyClock::now() - begin, 500ms);

  dribble.join();
  EXPECT_TRUE(cut_off);
}

TEST_F(ServerLifecycle, GracefulStopWaitsForRequestInFlight) {
  RunningServer server(router, metrics);
  Client idle(server.port());
  auto busy = std::make_unique<Client>(server.port());
  busy->send(get_request("/slow"));
  slow_started.get_future().wait();

  const auto begin = SteadyClock::now();
  server.server().stop();
  EXPECT_TRUE(idle.closed_within(1s));  // idle keep-alive connections go at once
  const auto reply = busy->read();
  EXPECT_EQ(reply.result_int(), 200);
  EXPECT_EQ(reply.body().size(), 100000u);
  EXPECT_FALSE(reply.keep_alive());
  busy.reset();  // the client hangs up once it has its answer; the server need not linger
  server.join();
  EXPECT_LT(SteadyClock::now() - begin, 2s);
}

TEST_F(ServerLifecycle, StopRefusesNewConnections) {
  auto server = std::make_unique<RunningServer>(router, metrics);
  const auto port = server->port();
  server->join();
  EXPECT_THROW(Client{port}, std::exception);
}

TEST_F(ServerLifecycle, StopBeforeRunMakesRunReturn) {
  Server server(fast_options(), router, metrics);
  server.stop();
  auto done = std::async(std::launch::async, [&] { server.run(false); });
  EXPECT_EQ(done.wait_for(2s), std::future_status::ready);
}

}  // namespace
}  // namespace amt::http
