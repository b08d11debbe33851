// Server-sent events without a socket: the wire format, a subscription's buffer before its
// connection attaches, publishing by topic, the stream limit and the shared heartbeat.
#include "http/event_stream.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace amt::http {
namespace {

using namespace std::chrono_literals;

struct Collected {
  std::mutex mutex;
  std::vector<std::string> items;
  void add(const EventBytes& bytes) {
    const std::lock_guard lock(mutex);
    items.push_back(*bytes);
  }
  std::vector<std::string> get() {
    const std::lock_guard lock(mutex);
    return items;
  }
};

TEST(EventStream, EncodesIdTypeAndEveryDataLineAndEndsWithABlankLine) {
  EXPECT_EQ(encode_event({"call", "{\"a\":1}", "17-N01"}), "id: 17-N01\nevent: call\ndata: {\"a\":1}\n\n");
  EXPECT_EQ(encode_event({"", "one\r\ntwo\nthree", ""}), "data: one\ndata: two\ndata: three\n\n");
}

TEST(EventStream, NewlinesInIdOrTypeCannotStartAnotherField) {
  EXPECT_EQ(encode_event({"ca\nll", "x", "1\r\ndata: evil"}), "id: 1data: evil\nevent: call\ndata: x\n\n");
}

TEST(EventStream, EventsPublishedBeforeTheConnectionAttachesAreDeliveredFirstInOrder) {
  EventHub hub;
  auto subscription = hub.subscribe("calls:mainz");
  ASSERT_TRUE(subscription);
  hub.publish("calls:mainz", {"call", "1", "1"});
  hub.publish("calls:mainz", {"call", "2", "2"});
  Collected got;
  subscription->attach([&](const EventBytes& b) { got.add(b); });
  hub.publish("calls:mainz", {"call", "3", "3"});
  const auto items = got.get();
  ASSERT_EQ(items.size(), 3u);
  EXPECT_NE(items[0].find("data: 1"), std::string::npos);
  EXPECT_NE(items[2].find("data: 3"), std::string::npos);
}

TEST(EventStream, PublishingReachesOnlyTheTopicsSubscribers) {
  EventHub hub;
  auto mainz = hub.subscribe("calls:mainz");
  auto worms = hub.subscribe("calls:worms");
  Collected got_mainz, got_worms;
  mainz->attach([&](const EventBytes& b) { got_mainz.add(b); });
  worms->attach([&](const EventBytes& b) { got_worms.add(b); });
  hub.publish("calls:mainz", {"call", "x", "1"});
  EXPECT_EQ(got_mainz.get().size(), 1u);
  EXPECT_TRUE(got_worms.get().empty());
}

TEST(EventStream, DetachedOrClosedConnectionsReceiveNothingAndFreeTheirPlace) {
  EventHub hub({2, 60s});
  auto first = hub.subscribe("t");
  auto second = hub.subscribe("t");
  EXPECT_EQ(hub.open_streams(), 2u);
  EXPECT_EQ(hub.subscribe("t"), nullptr);  // the limit: the handler answers 503
  Collected got;
  first->attach([&](const EventBytes& b) { got.add(b); });
  first->detach();
  hub.publish("t", {"call", "x", "1"});
  EXPECT_TRUE(got.get().empty());
  second.reset();
  EXPECT_EQ(hub.open_streams(), 1u);
  EXPECT_EQ(hub.subscribers("t"), 1u);
  EXPECT_NE(hub.subscribe("t"), nullptr);
}

TEST(EventStream, OneHeartbeatThreadSendsACommentToEveryStream) {
  EventHub hub({10, 50ms});
  auto a = hub.subscribe("calls:a");
  auto b = hub.subscribe("calls:b");
  Collected got_a, got_b;
  a->attach([&](const EventBytes& bytes) { got_a.add(bytes); });
  b->attach([&](const EventBytes& bytes) { got_b.add(bytes); });
  const auto deadline = std::chrono::steady_clock::now() + 2s;
  while ((got_a.get().empty() || got_b.get().empty()) && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(10ms);
  ASSERT_FALSE(got_a.get().empty());
  ASSERT_FALSE(got_b.get().empty());
  EXPECT_EQ(got_a.get().front(), heartbeat_comment);
}

TEST(EventStream, LastEventIdComesFromTheHeaderOrTheQueryForStreamsTheScriptReopens) {
  Request with_header;
  with_header.headers = {{"last-event-id", "1700000000-N01"}};
  EXPECT_EQ(last_event_id(with_header), "1700000000-N01");
  Request with_query;
  with_query.query = {{"last_event_id", "1700000000-T002"}};
  EXPECT_EQ(last_event_id(with_query), "1700000000-T002");
  EXPECT_EQ(last_event_id(Request{}), "");
}

TEST(EventStream, ResponseIsAnUncachedEventStreamWithTheFirstEventsAsBody) {
  EventHub hub;
  auto response = event_stream_response({hub.subscribe("t"), "data: x\n\n"});
  EXPECT_EQ(response.status, 200);
  EXPECT_NE(response.stream, nullptr);
  EXPECT_EQ(response.body, "data: x\n\n");
  bool event_stream = false;
  for (const auto& [name, value] : response.headers)
    if (name == "Content-Type" && value.starts_with("text/event-stream")) event_stream = true;
  EXPECT_TRUE(event_stream);
}

}  // namespace
}  // namespace amt::http
