// Contract: the outbox (enqueue in the booking's transaction, leases, retries, giving up) and the
// documents of an appointment.
#include <set>
#include <stdexcept>
#include <thread>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

using std::chrono::seconds;

void enqueue(Store& s, const OutboxMessage& m) {
  s.write([&](WriteTx& tx) { EXPECT_TRUE(tx.enqueue_outbox(m)); });
}

const Instant t0 = at_utc(2027, 3, 1, 9);

TEST_P(StoreContract, EnqueuedMessageIsClaimedWithEveryFieldAndOneAttempt) {
  enqueue(store(), sample_message("m1", t0));
  const auto claimed = store().claim_outbox("email", "w1", t0, seconds{60}, 10);
  ASSERT_EQ(claimed.size(), 1u);
  const OutboxMessage& m = claimed[0];
  const OutboxMessage e = sample_message("m1", t0);
  EXPECT_EQ(m.id, e.id);
  EXPECT_EQ(m.kind, e.kind);
  EXPECT_EQ(m.appointment_id, e.appointment_id);
  EXPECT_EQ(m.recipient, e.recipient);
  EXPECT_EQ(m.subject, e.subject);
  EXPECT_EQ(m.body, e.body);
  EXPECT_EQ(m.attachment_name, e.attachment_name);
  EXPECT_EQ(m.attachment_type, e.attachment_type);
  EXPECT_EQ(m.attachment, e.attachment);
  EXPECT_EQ(m.qr_text, "KA1");  // migration 010: the booking code the mail draws as a QR image
  EXPECT_EQ(m.not_before, t0);
  EXPECT_EQ(m.status, OutboxStatus::pending);
  EXPECT_EQ(m.attempts, 1);
  EXPECT_FALSE(m.sent_at.has_value());
}

TEST_P(StoreContract, MessageRolledBackWithItsTransactionIsNeverDelivered) {
  EXPECT_THROW(store().write([&](WriteTx& tx) {
    tx.insert_appointment(sample_appointment("a1", at_utc(2027, 3, 15, 8)));
    tx.enqueue_outbox(sample_message("m1", t0));
    throw std::runtime_error("booking refused");
  }),
               std::runtime_error);
  EXPECT_TRUE(store().claim_outbox("email", "w1", t0 + seconds{3600}, seconds{60}, 10).empty());
  EXPECT_TRUE(store().outbox_for_appointment("a1").empty());
}

TEST_P(StoreContract, MessageIsNotDueBeforeItsTimeNorOnAnotherChannel) {
  enqueue(store(), sample_message("m1", t0 + seconds{600}));
  EXPECT_TRUE(store().claim_outbox("email", "w1", t0, seconds{60}, 10).empty());
  EXPECT_TRUE(store().claim_outbox("sms", "w1", t0 + seconds{600}, seconds{60}, 10).empty());
  EXPECT_EQ(store().claim_outbox("email", "w1", t0 + seconds{600}, seconds{60}, 10).size(), 1u);
}

TEST_P(StoreContract, LeasedMessageGoesToNoOtherWorkerUntilTheLeaseRunsOut) {
  enqueue(store(), sample_message("m1", t0));
  ASSERT_EQ(store().claim_outbox("email", "w1", t0, seconds{60}, 10).size(), 1u);
  EXPECT_TRUE(store().claim_outbox("email", "w2", t0 + seconds{59}, seconds{60}, 10).empty());
  // w1 crashed: after its lease the message is due again, with the crashed attempt counted.
  const auto again = store().claim_outbox("email", "w2", t0 + seconds{60}, seconds{60}, 10);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 2);
  EXPECT_FALSE(store().mark_outbox_sent("m1", "w1", t0 + seconds{61})) << "w1 lost its lease";
  EXPECT_TRUE(store().mark_outbox_sent("m1", "w2", t0 + seconds{61}));
}

TEST_P(StoreContract, WorkerWithoutTheLeaseCannotRecordAFailure) {
  enqueue(store(), sample_message("m1", t0));
  ASSERT_EQ(store().claim_outbox("email", "w1", t0, seconds{60}, 10).size(), 1u);
  EXPECT_FALSE(store().mark_outbox_failed("m1", "w2", "not mine", t0 + seconds{1}));
  EXPECT_FALSE(store().mark_outbox_failed("m1", "w2", "not mine", std::nullopt));
  const auto listed = store().outbox_for_appointment("a1");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, OutboxStatus::pending);
  EXPECT_EQ(listed[0].last_error, "");
  EXPECT_TRUE(store().mark_outbox_sent("m1", "w1", t0 + seconds{2})) << "w1 still holds it";
}

TEST_P(StoreContract, ConcurrentWorkersNeverClaimTheSameMessage) {
  for (int i = 0; i < 40; ++i) enqueue(store(), sample_message("m" + std::to_string(i), t0));
  std::vector<std::vector<OutboxMessage>> got(4);
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&, w] {
      for (int round = 0; round < 10; ++round) {
        auto batch = store().claim_outbox("email", "w" + std::to_string(w), t0, seconds{60}, 3);
        got[w].insert(got[w].end(), batch.begin(), batch.end());
      }
    });
  }
  for (auto& t : workers) t.join();
  std::set<std::string> ids;
  std::size_t total = 0;
  for (const auto& list : got) {
    for (const auto& m : list) ids.insert(m.id);
    total += list.size();
  }
  EXPECT_EQ(total, 40u);
  EXPECT_EQ(ids.size(), 40u);
}

TEST_P(StoreContract, SentMessageIsNotClaimedAgainAndKeepsNoBody) {
  enqueue(store(), sample_message("m1", t0));
  store().claim_outbox("email", "w1", t0, seconds{60}, 10);
  ASSERT_TRUE(store().mark_outbox_sent("m1", "w1", t0 + seconds{2}));
  EXPECT_TRUE(store().claim_outbox("email", "w1", t0 + seconds{3600}, seconds{60}, 10).empty());
  const auto listed = store().outbox_for_appointment("a1");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, OutboxStatus::sent);
  EXPECT_EQ(listed[0].sent_at, t0 + seconds{2});
  EXPECT_EQ(listed[0].body, "") << "the manage link is not kept after delivery";
  EXPECT_EQ(listed[0].attachment, "");
  EXPECT_EQ(listed[0].subject, "Ihr Termin");
  EXPECT_FALSE(store().mark_outbox_sent("m1", "w1", t0 + seconds{3})) << "sent once only";
}

// A queued reminder of a booking that was cancelled or moved (issue #8): withdrawn in that write.
TEST_P(StoreContract, WithdrawingRemovesOnlyPendingUnleasedMessagesOfThatKindAndAppointment) {
  auto reminder = [](const std::string& id, const std::string& appointment_id) {
    OutboxMessage m = sample_message(id, t0 + seconds{3600}, appointment_id);
    m.kind = "appointment_reminder";
    return m;
  };
  enqueue(store(), reminder("r1", "a1"));
  enqueue(store(), reminder("r2", "a2"));            // another appointment
  enqueue(store(), sample_message("c1", t0, "a1"));  // another kind: the confirmation
  int withdrawn = -1;
  store().write([&](WriteTx& tx) { withdrawn = tx.withdraw_outbox("a1", "appointment_reminder", t0); });
  EXPECT_EQ(withdrawn, 1);
  const auto left = store().outbox_for_appointment("a1");
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].id, "c1");
  EXPECT_EQ(store().outbox_for_appointment("a2").size(), 1u);
  EXPECT_TRUE(store().claim_outbox("email", "w1", t0 + seconds{7200}, seconds{60}, 10).size() == 2u);  // c1, r2

  // One being delivered (leased) or already sent stays: it is out of the outbox's hands.
  enqueue(store(), reminder("r3", "a3"));
  ASSERT_EQ(store().claim_outbox("email", "w1", t0 + seconds{7200}, seconds{60}, 10).size(), 1u);
  store().write([&](WriteTx& tx) { withdrawn = tx.withdraw_outbox("a3", "appointment_reminder", t0 + seconds{7210}); });
  EXPECT_EQ(withdrawn, 0);
  ASSERT_TRUE(store().mark_outbox_sent("r3", "w1", t0 + seconds{7220}));
  store().write([&](WriteTx& tx) { withdrawn = tx.withdraw_outbox("a3", "appointment_reminder", t0 + seconds{9000}); });
  EXPECT_EQ(withdrawn, 0);
  EXPECT_EQ(store().outbox_for_appointment("a3").size(), 1u);
}

// A deleted news item's social post that is still queued (issue #8): withdrawn by its key.
TEST_P(StoreContract, WithdrawingByKeyRemovesOnlyThatPendingUnleasedMessage) {
  auto keyed = [](const std::string& id, const std::string& key) {
    OutboxMessage m = sample_message(id, t0);
    m.dedupe_key = key;
    return m;
  };
  enqueue(store(), keyed("p1", "news:a:webhook"));
  enqueue(store(), keyed("p2", "news:b:webhook"));
  bool withdrawn = false;
  store().write([&](WriteTx& tx) { withdrawn = tx.withdraw_outbox_message("news:a:webhook", t0); });
  EXPECT_TRUE(withdrawn);
  EXPECT_FALSE(store().outbox_by_dedupe_key("news:a:webhook"));
  EXPECT_TRUE(store().outbox_by_dedupe_key("news:b:webhook"));
  store().write([&](WriteTx& tx) { withdrawn = tx.withdraw_outbox_message("news:a:webhook", t0); });
  EXPECT_FALSE(withdrawn);  // nothing left to withdraw

  // Being delivered (leased): it stays.
  ASSERT_EQ(store().claim_outbox("email", "w1", t0, seconds{60}, 10).size(), 1u);
  store().write([&](WriteTx& tx) { withdrawn = tx.withdraw_outbox_message("news:b:webhook", t0 + seconds{10}); });
  EXPECT_FALSE(withdrawn);
  EXPECT_TRUE(store().outbox_by_dedupe_key("news:b:webhook"));
}

TEST_P(StoreContract, FailedMessageIsRetriedAtItsNextAttemptTime) {
  enqueue(store(), sample_message("m1", t0));
  store().claim_outbox("email", "w1", t0, seconds{60}, 10);
  ASSERT_TRUE(store().mark_outbox_failed("m1", "w1", "connection refused", t0 + seconds{30}));
  EXPECT_TRUE(store().claim_outbox("email", "w1", t0 + seconds{29}, seconds{60}, 10).empty());
  const auto retry = store().claim_outbox("email", "w1", t0 + seconds{30}, seconds{60}, 10);
  ASSERT_EQ(retry.size(), 1u);
  EXPECT_EQ(retry[0].attempts, 2);
  EXPECT_EQ(retry[0].last_error, "connection refused");
  EXPECT_EQ(retry[0].body, sample_message("m1", t0).body);
}

TEST_P(StoreContract, GivenUpMessageStaysVisibleAsFailedAndIsNeverClaimed) {
  enqueue(store(), sample_message("m1", t0));
  store().claim_outbox("email", "w1", t0, seconds{60}, 10);
  ASSERT_TRUE(store().mark_outbox_failed("m1", "w1", "550 mailbox unavailable", std::nullopt));
  EXPECT_TRUE(store().claim_outbox("email", "w1", t0 + seconds{86400}, seconds{60}, 10).empty());
  const auto listed = store().outbox_for_appointment("a1");
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, OutboxStatus::failed);
  EXPECT_EQ(listed[0].last_error, "550 mailbox unavailable");
}

TEST_P(StoreContract, SecondMessageWithTheSameDedupeKeyIsDropped) {
  OutboxMessage first = sample_message("m1", t0);
  first.dedupe_key = "reminder:a1:email";
  OutboxMessage second = sample_message("m2", t0);
  second.dedupe_key = "reminder:a1:email";
  store().write([&](WriteTx& tx) {
    EXPECT_TRUE(tx.enqueue_outbox(first));
    EXPECT_FALSE(tx.enqueue_outbox(second));
    EXPECT_TRUE(tx.enqueue_outbox(sample_message("m3", t0)));  // no key: never a duplicate
    EXPECT_TRUE(tx.enqueue_outbox(sample_message("m4", t0)));
  });
  EXPECT_EQ(store().outbox_for_appointment("a1").size(), 3u);
}

TEST_P(StoreContract, MessagesOfTheSameSecondAreListedAndClaimedInEnqueueOrder) {
  for (const char* id : {"mz", "ma", "mq"}) enqueue(store(), sample_message(id, t0));
  std::vector<std::string> listed, claimed;
  for (const auto& m : store().outbox_for_appointment("a1")) listed.push_back(m.id);
  for (const auto& m : store().claim_outbox("email", "w1", t0, seconds{60}, 10)) claimed.push_back(m.id);
  EXPECT_EQ(listed, (std::vector<std::string>{"mz", "ma", "mq"}));
  EXPECT_EQ(claimed, listed);
}

TEST_P(StoreContract, OutboxSurvivesReopening) {
  enqueue(store(), sample_message("m1", t0));
  reopen();
  EXPECT_EQ(store().claim_outbox("email", "w1", t0, seconds{60}, 10).size(), 1u);
}

TEST_P(StoreContract, DocumentsOfAnAppointmentReadBackInUploadOrder) {
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  insert(store(), sample_appointment("a2", at_utc(2027, 3, 15, 9)));
  const StoredDocument first{"d1", "a1", "Personalausweis", "ausweis.pdf", "application/pdf", 1234,
                             std::string(64, 'a'), t0};
  const StoredDocument second{"d2", "a1", "", "scan.png", "image/png", 99, std::string(64, 'b'), t0 + seconds{5}};
  store().write([&](WriteTx& tx) {
    tx.insert_document(second);
    tx.insert_document(first);
    EXPECT_EQ(tx.documents("a1").size(), 2u);
  });
  const auto docs = store().documents("a1");
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "d1");
  EXPECT_EQ(docs[0].document, "Personalausweis");
  EXPECT_EQ(docs[0].file_name, "ausweis.pdf");
  EXPECT_EQ(docs[0].media_type, "application/pdf");
  EXPECT_EQ(docs[0].size_bytes, 1234);
  EXPECT_EQ(docs[0].sha256, std::string(64, 'a'));
  EXPECT_EQ(docs[0].uploaded_at, t0);
  EXPECT_EQ(docs[1].id, "d2");
  EXPECT_TRUE(store().documents("a2").empty());
}

TEST_P(StoreContract, DocumentsOfTheSameSecondReadBackInInsertOrder) {
  insert(store(), sample_appointment("a1", at_utc(2027, 3, 15, 8)));
  store().write([&](WriteTx& tx) {
    for (const char* id : {"dz", "da", "dq"})
      tx.insert_document({id, "a1", "", std::string(id) + ".pdf", "application/pdf", 10, std::string(64, 'c'), t0});
  });
  std::vector<std::string> ids;
  for (const auto& d : store().documents("a1")) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"dz", "da", "dq"}));
}

TEST_P(StoreContract, DocumentForAnUnknownAppointmentIsRefused) {
  EXPECT_ANY_THROW(store().write([&](WriteTx& tx) {
    tx.insert_document({"d1", "nobody", "", "x.pdf", "application/pdf", 1, std::string(64, 'a'), t0});
  }));
}

}  // namespace
}  // namespace amt::store::testing
