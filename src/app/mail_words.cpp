// Filling in the mails' sentences (see mail_words.hpp).
#include "app/mail_words.hpp"

namespace amt::app {

MailWords MailWords::for_appointment(const Appointment& a) {
  return {Translations::builtin(), is_supported_language(a.language) ? a.language : std::string("de")};
}

std::string short_date(std::string_view lang, LocalDate day) {
  return date::format(lang == "en" || lang == "ar" ? "%d/%m/%Y" : "%d.%m.%Y", day);
}

std::string fill(std::string text, std::initializer_list<std::pair<std::string_view, std::string_view>> values) {
  for (const auto& [key, value] : values) {
    const std::string marker = "{" + std::string(key) + "}";
    for (auto at = text.find(marker); at != std::string::npos; at = text.find(marker, at + value.size()))
      text.replace(at, marker.size(), value);
  }
  return text;
}

}  // namespace amt::app
