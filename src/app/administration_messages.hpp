// The admin pages' words for validation codes and orphan reasons: German first, English second
// (staff pages need no more languages, issue #4 item 5).
#pragma once

#include <string>
#include <string_view>

#include "app/errors.hpp"

namespace amt::app::admin {

// The field error for a person reading `lang` ("de" or "en"; anything else reads German).
std::string field_message(std::string_view lang, const FieldError& error);
// Why an appointment is affected (AffectedAppointment::reason), for the list an admin confirms.
std::string reason_text(std::string_view lang, std::string_view reason);

}  // namespace amt::app::admin
