// The anti-bot part of the booking form: the ALTCHA widget (with JavaScript) or the wait token
// (without), the messages for a refused proof, and the per-IP and per-contact rate limits with their
// friendly 429 page. See app/proof_of_work.hpp for why the no-JavaScript fallback is a wait.
#pragma once

#include <optional>

#include "http/form.hpp"
#include "web/citizen/common.hpp"

namespace amt::web::citizen {

inline constexpr std::string_view altcha_field = "altcha";            // the widget's payload
inline constexpr std::string_view altcha_wait_field = "altcha_wait";  // the no-JavaScript token

// The proof a submitted form carries: the widget's payload, else the wait token.
std::string submitted_proof(const http::Fields& form);
// Sets "altcha" data for the details form (widget settings, a wait token) when proof of work is on.
// keep_wait: a submitted wait token that is only too early, kept so the wait does not start again.
void add_widget(const CitizenContext& c, const Page& page, Data& data, const std::string& keep_wait);
// The text shown for a refused proof (field "altcha"), with the seconds left for "too_early".
std::string proof_message(const CitizenContext& c, const Page& page, const app::FieldError& error,
                          std::string_view wait_token);
// A 429 page in the user's language when a booking attempt is over a limit; nullopt when admitted.
std::optional<http::Response> over_limit(CitizenContext& c, const Page& page, const http::Request& request,
                                         const Contact& contact);

}  // namespace amt::web::citizen
