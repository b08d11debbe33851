// The staff route table and its gate, in-process against a real SQLite file: every route carries
// one permission, and the gate answers anonymous, wrong-role and forged requests before a handler runs.
#include "web/staff/staff_routes.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/secrets.hpp"
#include "app/staff_accounts.hpp"
#include "http/cookies.hpp"
#include "web/routes.hpp"
#include "web/staff/staff_area.hpp"

namespace amt::web::staff {
namespace {

constexpr const char* password = "Korrekt Pferd Batterie";

class StaffGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("amt-gate-" + app::random_nonce().substr(0, 12));
    store_ = store::open_store("sqlite:" + (dir_ / "test.db").string());
    store_->migrate();
    add_builtin_static_files(files_);
    StaffSettings settings;
    area_ = std::make_unique<StaffArea>(*store_, clock_, csrf_, files_, router_, settings);
    for (auto [login, role] : {std::pair{"agent1", Role::agent}, std::pair{"lead1", Role::team_lead}}) {
      ASSERT_TRUE(app::create_staff_account(*store_, {login, login, {role}, "", ""}, password, clock_.now(), "test",
                                            app::PasswordCost::cheapest_for_tests()));
    }
  }
  void TearDown() override {
    area_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A session cookie for login, signed in through the real sign-in form.
  std::string sign_in(const std::string& login) {
    const http::Csrf::Binding b = csrf_.binding(http::Request{});
    http::Request r;
    r.method = "POST";
    r.target = r.path = "/staff/sign-in";
    r.headers = {{"cookie", "amt_csrf=" + b.id}};
    r.body = "csrf=" + b.token + "&login=" + login + "&password=Korrekt+Pferd+Batterie";
    const http::Response response = router_.dispatch(r);
    EXPECT_EQ(response.status, 303);
    for (const auto& [name, value] : response.headers)
      if (name == "Set-Cookie" && value.starts_with("amt_staff="))
        return "amt_staff=" + value.substr(10, value.find(';') - 10) + "; amt_csrf=" + b.id;
    ADD_FAILURE() << "no session cookie";
    return "";
  }

  http::Response send(const std::string& method, const std::string& target, const std::string& cookies = "",
                      const std::string& body = "") {
    http::Request r;
    r.method = method;
    r.target = r.path = target;
    if (!cookies.empty()) r.headers = {{"cookie", cookies}};
    r.body = body;
    return router_.dispatch(r);
  }

  std::string token_for(const std::string& cookies) {
    http::Request r;
    r.headers = {{"cookie", cookies}};
    return csrf_.binding(r).token;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  app::Clock clock_{Instant{std::chrono::seconds(1'804'489'200)}};
  http::Csrf csrf_{"unit-test-secret"};
  http::StaticFiles files_;
  http::Router router_;
  std::unique_ptr<StaffArea> area_;
};

TEST_F(StaffGateTest, TableListsEveryRouteWithItsOnePermission) {
  const auto& table = area_->routes().table();
  const auto has = [&](std::string_view method, std::string_view pattern, Permission p) {
    return std::any_of(table.begin(), table.end(), [&](const StaffRouteInfo& r) {
      return r.method == method && r.pattern == pattern && r.permission == p;
    });
  };
  EXPECT_TRUE(has("GET", "/staff", Permission::own_session));
  EXPECT_TRUE(has("POST", "/staff/sign-out", Permission::own_session));
  EXPECT_TRUE(has("GET", "/staff/audit", Permission::view_audit_log));
  EXPECT_NE(describe(table).find("GET /staff/audit view_audit_log team_lead,admin\n"), std::string::npos);
}

TEST_F(StaffGateTest, RoutesOutsideTheStaffAreaOrRegisteredTwiceAreRefusedAtStartUp) {
  StaffRoutes routes(router_, area_->context());
  const StaffHandler ok = [](const StaffRequest& r) { return r.page.message(200, "x", "y"); };
  EXPECT_THROW(routes.get("/admin/x", Permission::administer, ok), std::logic_error);
  EXPECT_THROW(routes.get("/staffing", Permission::administer, ok), std::logic_error);
  routes.get("/staff/x", Permission::administer, ok);
  EXPECT_THROW(routes.get("/staff/x", Permission::own_session, ok), std::logic_error);
}

TEST_F(StaffGateTest, AnonymousGetIsSentToSignInWithItsTargetAndAnonymousPostGets401) {
  const http::Response get = send("GET", "/staff/audit");
  EXPECT_EQ(get.status, 303);
  bool found = false;
  for (const auto& [name, value] : get.headers) found |= name == "Location" && value == "/staff/sign-in?next=%2Fstaff%2Faudit";
  EXPECT_TRUE(found);
  EXPECT_EQ(send("POST", "/staff/sign-out").status, 401);
}

TEST_F(StaffGateTest, WrongRoleGets403AndTheRightRoleGetsThrough) {
  const std::string agent = sign_in("agent1");
  const std::string lead = sign_in("lead1");
  EXPECT_EQ(send("GET", "/staff/audit", agent).status, 403);
  EXPECT_EQ(send("GET", "/staff/audit", lead).status, 200);
  EXPECT_EQ(send("GET", "/staff", agent).status, 200);
}

TEST_F(StaffGateTest, PostWithoutTheFormsCsrfTokenIs403AndLeavesTheSessionAlone) {
  const std::string agent = sign_in("agent1");
  EXPECT_EQ(send("POST", "/staff/sign-out", agent, "").status, 403);
  EXPECT_EQ(send("POST", "/staff/sign-out", agent, "csrf=" + std::string(64, '0')).status, 403);
  EXPECT_EQ(send("GET", "/staff", agent).status, 200);
  EXPECT_EQ(send("POST", "/staff/sign-out", agent, "csrf=" + token_for(agent)).status, 303);
  EXPECT_EQ(send("GET", "/staff", agent).status, 303);
}

}  // namespace
}  // namespace amt::web::staff
