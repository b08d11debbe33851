// Widget settings in the user's language, wait tokens, proof messages and the 429 page.
#include "web/citizen/anti_bot.hpp"

#include <boost/json.hpp>

#include "app/contact.hpp"

namespace amt::web::citizen {

namespace {

// The widget's own texts (altcha 2.x "strings" attribute), from our catalogs.
std::string widget_strings(const Page& page) {
  boost::json::object o{
      {"label", page.t("I am not a robot")},
      {"verifying", page.t("Checking…")},
      {"verified", page.t("Checked")},
      {"waitAlert", page.t("Checking… please wait.")},
      {"verificationRequired", page.t("Please wait until the check is done.")},
      {"expired", page.t("The check has expired. Please try again.")},
      {"error", page.t("The check did not work. Please try again.")},
      {"loading", page.t("Loading…")},
      {"reload", page.t("Try again")},
      {"verify", page.t("Check")},
  };
  return boost::json::serialize(o);
}

}  // namespace

std::string submitted_proof(const http::Fields& form) {
  std::string proof = http::field(form, altcha_field);
  return proof.empty() ? http::field(form, altcha_wait_field) : proof;
}

void add_widget(const CitizenContext& c, const Page& page, Data& data, const std::string& keep_wait) {
  if (!c.proof_of_work) return;
  Data widget;
  widget.set("challenge_url", "/api/v1/challenge");
  widget.set("worker_url", c.site.static_files.url("worker.js"));
  widget.set("strings", widget_strings(page));
  widget.set("wait_token", keep_wait.empty() ? c.proof_of_work->wait_token() : keep_wait);
  widget.set("wait_text", with_number(page.t("Without JavaScript we protect this form by a short wait: please send it "
                                              "no sooner than {n} seconds after it opened."),
                                       c.proof_of_work->fallback_wait().count()));
  data.set("altcha", widget);
}

std::string proof_message(const CitizenContext& c, const Page& page, const app::FieldError& error,
                          std::string_view wait_token) {
  if (error.code == "too_early") {
    const auto left = c.proof_of_work ? c.proof_of_work->seconds_until_valid(wait_token) : 0;
    return with_number(page.t("Please wait {n} seconds more, then send the form again."),
                        std::max<std::int64_t>(left, 1));
  }
  if (error.code == "expired" || error.code == "used")
    return page.t("The check against misuse has expired. It was renewed: please send the form again.");
  return page.t("The check against misuse is not finished. Please wait a moment and send the form again.");
}

std::optional<http::Response> over_limit(CitizenContext& c, const Page& page, const http::Request& request,
                                         const Contact& contact) {
  if (!c.booking_limits) return std::nullopt;
  const auto wait = c.booking_limits->admit(request.remote_address, app::contact_keys(contact.email, contact.phone),
                                            c.bookings.now());
  if (!wait) return std::nullopt;
  const auto minutes = (wait->count() + 59) / 60;
  Data data;
  data.set("heading", page.t("Too many attempts"));
  data.set("text", with_number(page.t("There were too many booking attempts from here or for this contact. "
                                       "Please try again in {n} minutes. Your entries were not lost: go back "
                                       "in your browser to find them."),
                                minutes));
  auto response = page.render(429, "message", page.t("Too many attempts"), std::move(data));
  response.set("Retry-After", std::to_string(wait->count()));
  return response;
}

}  // namespace amt::web::citizen
