// Translated texts and language-aware dates for the six languages we serve, from gettext catalogs
// compiled into the binary (Boost.Locale; no files and no global locale at run time). Pages and
// e-mails call translate(lang, "English msgid") and format_date(lang, instant, zone).
#pragma once

#include <array>
#include <locale>
#include <map>
#include <string>
#include <string_view>

#include "core/time.hpp"

namespace amt::app {

// German first: it is the default.
inline constexpr std::array<std::string_view, 6> supported_languages = {"de", "en", "uk", "ar", "tr", "ru"};
bool is_supported_language(std::string_view lang);
bool is_right_to_left(std::string_view lang);
std::string_view native_language_name(std::string_view lang);  // "Deutsch", "العربية", ...
// The best supported language for an Accept-Language header ("uk-UA,uk;q=0.9,en;q=0.8"), or "de".
std::string language_from_accept(std::string_view accept_language);

class Translations {
 public:
  // catalogs: language -> bytes of its compiled .mo file. Languages without one show the msgid.
  explicit Translations(const std::map<std::string, std::string_view>& catalogs);
  // The catalogs compiled into this binary (web/locale/*.po).
  static const Translations& builtin();

  // The translation of an English msgid, or the msgid itself when there is none. An unsupported
  // language is treated as German.
  std::string translate(std::string_view lang, std::string_view msgid) const;
  // Catalog texts (service names, descriptions, documents) are data written in German; their
  // translations live in the same catalogs under msgctxt "catalog". Untranslated: the text itself.
  std::string translate_catalog(std::string_view lang, std::string_view german_text) const;
  // A long date for people, e.g. "Montag, 15. März 2027" / "Monday, March 15, 2027".
  std::string format_date(std::string_view lang, Instant t, Zone zone) const;
  std::string format_date(std::string_view lang, LocalDate d) const;
  // Wall-clock time in the zone, 24-hour "HH:MM" (understood in all six languages).
  std::string format_time(Instant t, Zone zone) const;

 private:
  const std::locale& locale(std::string_view lang) const;
  std::map<std::string, std::locale, std::less<>> locales_;
};

}  // namespace amt::app
