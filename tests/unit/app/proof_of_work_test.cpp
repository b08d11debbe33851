// ALTCHA challenges and wait tokens: a solved challenge verifies until it expires, anything forged
// does not, and a wait token is valid only between its wait and its expiry.
#include "app/proof_of_work.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <boost/json.hpp>

#include "app/secrets.hpp"

namespace amt::app {
namespace {

const Instant start = Instant{std::chrono::seconds{1804489200}};  // 2027-03-08 07:00 UTC

std::string encode(const boost::json::object& o) {
  const std::string text = boost::json::serialize(o);
  std::string out(sodium_base64_ENCODED_LEN(text.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(text.data()), text.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.find('\0'));
  return out;
}

boost::json::object solve(const AltchaChallenge& c) {
  for (int n = 0; n <= c.max_number; ++n)
    if (sha256_hex(c.salt + std::to_string(n)) == c.challenge)
      return {{"algorithm", c.algorithm}, {"challenge", c.challenge}, {"number", n}, {"salt", c.salt},
              {"signature", c.signature}, {"took", 5}};
  ADD_FAILURE() << "unsolvable";
  return {};
}

struct Fixture {
  Clock clock{start};
  ProofOfWork pow{{"secret", 2000, std::chrono::minutes{30}, std::chrono::seconds{15}}, clock};
};

TEST(ProofOfWork, SolvedChallengeVerifiesWithAKeyNamingTheChallenge) {
  Fixture f;
  const auto c = f.pow.challenge();
  EXPECT_EQ(c.expires_at, start + std::chrono::minutes{30});
  const auto accepted = f.pow.verify(encode(solve(c)));
  ASSERT_TRUE(accepted) << accepted.error().code;
  EXPECT_EQ(accepted->key, "altcha:" + c.challenge);
  EXPECT_EQ(accepted->expires_at, c.expires_at);
}

TEST(ProofOfWork, WrongNumberForgedSignatureOrOtherSecretAreInvalid) {
  Fixture f;
  auto solution = solve(f.pow.challenge());
  auto wrong = solution;
  wrong["number"] = solution["number"].as_int64() + 1;
  auto forged = solution;
  forged["signature"] = std::string(64, '0');
  for (const auto& bad : {wrong, forged})
    EXPECT_EQ(f.pow.verify(encode(bad)).error().code, "invalid");
  ProofOfWork other({"other secret", 2000, std::chrono::minutes{30}, std::chrono::seconds{15}}, f.clock);
  EXPECT_EQ(other.verify(encode(solution)).error().code, "invalid");
  EXPECT_EQ(f.pow.verify("not base64 at all!").error().code, "invalid");
  EXPECT_EQ(f.pow.verify(encode({{"algorithm", "SHA-256"}})).error().code, "invalid");
  EXPECT_EQ(f.pow.verify("").error().code, "required");
}

TEST(ProofOfWork, ChallengeSolvedLongAgoIsExpired) {
  Fixture f;
  const auto solution = encode(solve(f.pow.challenge()));
  const Clock later{start + std::chrono::minutes{31}};
  ProofOfWork same_server_later({"secret", 2000, std::chrono::minutes{30}, std::chrono::seconds{15}}, later);
  EXPECT_EQ(same_server_later.verify(solution).error().code, "expired");
  const Clock in_time{start + std::chrono::minutes{29}};
  EXPECT_TRUE(ProofOfWork({"secret", 2000, std::chrono::minutes{30}, std::chrono::seconds{15}}, in_time)
                  .verify(solution));
}

TEST(ProofOfWork, WaitTokenIsValidOnlyAfterItsWaitAndUntilItExpires) {
  Fixture f;
  const std::string token = f.pow.wait_token();
  EXPECT_EQ(f.pow.verify(token).error().code, "too_early");
  EXPECT_GE(f.pow.seconds_until_valid(token), 14);
  const auto at = [&](std::chrono::seconds offset) {
    static std::vector<std::unique_ptr<Clock>> clocks;  // outlive the checker below
    clocks.push_back(std::make_unique<Clock>(start + offset));
    return ProofOfWork({"secret", 2000, std::chrono::minutes{30}, std::chrono::seconds{15}}, *clocks.back());
  };
  const auto valid = at(std::chrono::seconds{16}).verify(token);
  ASSERT_TRUE(valid);
  EXPECT_TRUE(valid->key.starts_with("wait:"));
  EXPECT_EQ(at(std::chrono::minutes{31}).verify(token).error().code, "expired");
  std::string tampered = token;
  tampered[6] = tampered[6] == '1' ? '2' : '1';  // an earlier issue time to skip the wait
  EXPECT_EQ(at(std::chrono::seconds{16}).verify(tampered).error().code, "invalid");
}

}  // namespace
}  // namespace amt::app
