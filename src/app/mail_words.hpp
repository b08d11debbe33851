// The sentences of a mail to a citizen, in the language they booked in: English msgids of the web
// catalogs (web/locale/*.po), so translators work in one place, and {key} markers filled in.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "app/i18n.hpp"
#include "core/model.hpp"

namespace amt::app {

struct MailWords {
  const Translations& translations;
  std::string lang;

  // The booking's language, German when it is not one we translate to.
  static MailWords for_appointment(const Appointment& a);

  std::string operator()(std::string_view msgid) const { return translations.translate(lang, msgid); }
  std::string data(std::string_view german) const { return translations.translate_catalog(lang, german); }
};

// A short numeric date for subjects and text messages, day first everywhere we serve:
// "17/03/2027" in English and Arabic, "17.03.2027" otherwise.
std::string short_date(std::string_view lang, LocalDate day);

// Replaces every {key} in text.
std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string_view>> values);

}  // namespace amt::app
