// Contract: document reviews and preparation marks (issue #7), one per key, replaced in place,
// kept across a reopen, rolled back with their transaction.
#include <stdexcept>

#include "store_contract.hpp"

namespace amt::store::testing {
namespace {

DocumentReview sample_review(const std::string& document, ReviewState state, Instant at) {
  return {"a1", document, state, state == ReviewState::accepted ? "none" : "illegible", "Seite 2 fehlt",
          "acc-anna", "anna", at};
}

TEST_P(StoreContract, DocumentReviewsReadBackWithEveryFieldOrderedByDocument) {
  EXPECT_TRUE(store().document_reviews("a1").empty());
  const DocumentReview pass = sample_review("Personalausweis", ReviewState::accepted, at_utc(2027, 3, 1, 9));
  const DocumentReview bank = sample_review("Kontoauszüge", ReviewState::unreadable, at_utc(2027, 3, 1, 9, 5));
  store().write([&](WriteTx& tx) {
    tx.save_document_review(pass);
    tx.save_document_review(bank);
    EXPECT_EQ(tx.document_reviews("a1").size(), 2u);
  });
  reopen();
  EXPECT_EQ(store().document_reviews("a1"), (std::vector<DocumentReview>{bank, pass}));
  EXPECT_TRUE(store().document_reviews("a2").empty());
}

TEST_P(StoreContract, ASecondReviewOfTheSameDocumentReplacesTheFirst) {
  store().write([&](WriteTx& tx) {
    tx.save_document_review(sample_review("Mietvertrag", ReviewState::unreadable, at_utc(2027, 3, 1, 9)));
  });
  const DocumentReview later = sample_review("Mietvertrag", ReviewState::accepted, at_utc(2027, 3, 2, 10));
  store().write([&](WriteTx& tx) { tx.save_document_review(later); });
  EXPECT_EQ(store().document_reviews("a1"), std::vector<DocumentReview>{later});
}

TEST_P(StoreContract, AReviewInAFailedWriteIsNotKept) {
  EXPECT_THROW(store().write([&](WriteTx& tx) {
    tx.save_document_review(sample_review("Mietvertrag", ReviewState::wrong, at_utc(2027, 3, 1, 9)));
    tx.save_preparation({"a1", true, "note", "acc", "anna", at_utc(2027, 3, 1, 9)});
    throw std::runtime_error("rolled back");
  }),
               std::runtime_error);
  EXPECT_TRUE(store().document_reviews("a1").empty());
  EXPECT_FALSE(store().preparation("a1").has_value());
}

TEST_P(StoreContract, PreparationMarkReadsBackAndIsReplaced) {
  EXPECT_FALSE(store().preparation("a1").has_value());
  const Preparation first{"a1", true, "Fragt nach Mehrbedarf; Bescheid vom März mitbringen lassen", "acc-anna",
                          "anna", at_utc(2027, 3, 1, 9)};
  store().write([&](WriteTx& tx) { tx.save_preparation(first); });
  reopen();
  EXPECT_EQ(store().preparation("a1"), first);
  const Preparation second{"a1", false, "", "acc-ben", "ben", at_utc(2027, 3, 2, 9)};
  store().write([&](WriteTx& tx) {
    tx.save_preparation(second);
    EXPECT_EQ(tx.preparation("a1"), second);
  });
  EXPECT_EQ(store().preparation("a1"), second);
  EXPECT_FALSE(store().preparation("a2").has_value());
}

}  // namespace
}  // namespace amt::store::testing
