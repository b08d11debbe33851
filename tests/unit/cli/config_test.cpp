// Configuration: defaults work, a TOML file overrides them, AMTSTERMIN_* variables override both.
#include "config.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace amt {
namespace {

std::string write_temp(const std::string& text) {
  const std::string path = testing::TempDir() + "amt-config-" + std::to_string(::getpid()) + ".toml";
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsServeLocallyWithSqliteAndProofOfWork) {
  const Config c = load_config(std::nullopt, {});
  EXPECT_EQ(c.http.listen, "127.0.0.1:8080");
  EXPECT_EQ(c.database.url, "sqlite:var/amtstermin.db");
  EXPECT_TRUE(c.altcha.enabled);
  EXPECT_TRUE(c.clock.now.empty());
}

TEST(Config, EnvironmentOverridesFileAndFileOverridesDefaults) {
  const auto path = write_temp("[http]\nlisten = \"0.0.0.0:9000\"\nworker_threads = 3\n[altcha]\nenabled = true\n");
  const Config c = load_config(path, {{"AMTSTERMIN_HTTP_LISTEN", "127.0.0.1:7000"},
                                      {"AMTSTERMIN_ALTCHA_ENABLED", "false"},
                                      {"AMTSTERMIN_CLOCK_NOW", "2027-03-08T07:00:00Z"}});
  EXPECT_EQ(c.http.listen, "127.0.0.1:7000");
  EXPECT_EQ(c.http.worker_threads, 3);
  EXPECT_FALSE(c.altcha.enabled);
  EXPECT_EQ(c.clock.now, "2027-03-08T07:00:00Z");
  std::remove(path.c_str());
}

TEST(Config, WrongTypesNameTheKey) {
  try {
    load_config(std::nullopt, {{"AMTSTERMIN_HTTP_WORKER_THREADS", "many"}});
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("http.worker_threads"), std::string::npos);
  }
  const auto path = write_temp("[booking]\nmax_active_per_contact = \"three\"\n");
  EXPECT_THROW(load_config(path, {}), std::runtime_error);
  std::remove(path.c_str());
}

TEST(Config, BrokenTomlIsAnErrorNotASilentDefault) {
  const auto path = write_temp("[http\nlisten = ");
  EXPECT_THROW(load_config(path, {}), std::runtime_error);
  std::remove(path.c_str());
}

TEST(Config, AntiBotSettingsHaveSaneDefaultsAndAShortValidityIsRefused) {
  const Config c = load_config(std::nullopt, {{"AMTSTERMIN_RATE_LIMIT_BOOKING_PER_IP", "5"}});
  EXPECT_EQ(c.rate_limit.booking_per_ip, 5);
  EXPECT_GT(c.rate_limit.booking_per_contact, 0);
  EXPECT_GE(c.altcha.validity_minutes, 20);
  EXPECT_GT(c.altcha.fallback_wait_seconds, 0);
  EXPECT_THROW(load_config(std::nullopt, {{"AMTSTERMIN_ALTCHA_VALIDITY_MINUTES", "10"}}), std::runtime_error);
  EXPECT_THROW(load_config(std::nullopt, {{"AMTSTERMIN_RATE_LIMIT_WINDOW_MINUTES", "0"}}), std::runtime_error);
}

TEST(Config, KioskEmergencySituationsComeFromATomlArrayOrASemicolonSeparatedVariable) {
  EXPECT_EQ(load_config(std::nullopt, {}).kiosk.emergency_situations.size(), 4u);
  const auto path = write_temp("[kiosk]\nidle_seconds = 20\nemergency_situations = [\"Kein Essen\", \"Keine Wohnung\"]\n");
  const Config from_file = load_config(path, {});
  EXPECT_EQ(from_file.kiosk.idle_seconds, 20);
  EXPECT_EQ(from_file.kiosk.emergency_situations, (std::vector<std::string>{"Kein Essen", "Keine Wohnung"}));
  const Config from_env = load_config(path, {{"AMTSTERMIN_KIOSK_EMERGENCY_SITUATIONS", "Strom weg;;Kein Dach"}});
  EXPECT_EQ(from_env.kiosk.emergency_situations, (std::vector<std::string>{"Strom weg", "Kein Dach"}));
  EXPECT_THROW(load_config(std::nullopt, {{"AMTSTERMIN_KIOSK_EMERGENCY_SITUATIONS", ""}}), std::runtime_error);
  const auto wrong = write_temp("[kiosk]\nemergency_situations = \"Kein Essen\"\n");
  EXPECT_THROW(load_config(wrong, {}), std::runtime_error);
  std::remove(path.c_str());
}

}  // namespace
}  // namespace amt

namespace amt {
namespace {

TEST(Config, RemindersDefaultToMailTwoDaysBeforeSmsAtFourAndQuietNightsAndReadTheEnvironment) {
  const Config d = load_config(std::nullopt, {});
  EXPECT_TRUE(d.reminders.enabled);
  EXPECT_EQ(d.reminders.mail_hours_before, 48);
  EXPECT_EQ(d.reminders.sms_days_before, 1);
  EXPECT_EQ(d.reminders.sms_time, "16:00");
  EXPECT_EQ(d.reminders.quiet_from, "20:00");
  EXPECT_EQ(d.reminders.quiet_until, "08:00");
  const Config c = load_config(std::nullopt, {{"AMTSTERMIN_REMINDERS_ENABLED", "false"},
                                              {"AMTSTERMIN_REMINDERS_SMS_TIME", "17:30"},
                                              {"AMTSTERMIN_REMINDERS_MAIL_HOURS_BEFORE", "24"}});
  EXPECT_FALSE(c.reminders.enabled);
  EXPECT_EQ(c.reminders.sms_time, "17:30");
  EXPECT_EQ(c.reminders.mail_hours_before, 24);
}

TEST(Config, ReminderTimesThatAreNoClockTimesAreRefusedNamingTheKey) {
  for (const char* bad : {"25:00", "16", "4 pm", "", "16:60"}) {
    try {
      load_config(std::nullopt, {{"AMTSTERMIN_REMINDERS_QUIET_FROM", bad}});
      ADD_FAILURE() << bad << " was accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("reminders.quiet_from"), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(load_config(std::nullopt, {{"AMTSTERMIN_REMINDERS_MAIL_HOURS_BEFORE", "0"}}), std::runtime_error);
}

}  // namespace
}  // namespace amt
