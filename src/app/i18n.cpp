// Boost.Locale set-up: one std::locale per language with ICU formatting and a gettext messages
// facet fed from memory through messages_info's callback.
#include "app/i18n.hpp"

#include <algorithm>
#include <sstream>

#include <boost/locale.hpp>

#include "core/text.hpp"
#include "embedded.hpp"

namespace amt::app {

namespace {

constexpr std::string_view domain_name = "amtstermin";

std::string_view icu_name(std::string_view lang) {
  if (lang == "de") return "de_DE.UTF-8";
  if (lang == "en") return "en_GB.UTF-8";
  if (lang == "uk") return "uk_UA.UTF-8";
  if (lang == "ar") return "ar.UTF-8";
  if (lang == "tr") return "tr_TR.UTF-8";
  return "ru_RU.UTF-8";
}

std::locale make_locale(boost::locale::generator& generator, const std::string& lang, std::string_view mo) {
  std::locale base = generator(std::string(icu_name(lang)));
  if (mo.empty()) return base;
  boost::locale::gnu_gettext::messages_info info;
  info.language = lang;
  info.encoding = "UTF-8";
  info.paths = {"/embedded"};
  info.domains = {boost::locale::gnu_gettext::messages_info::domain(std::string(domain_name))};
  const std::string wanted = "/embedded/" + lang + "/LC_MESSAGES/" + std::string(domain_name) + ".mo";
  info.callback = [wanted, mo](const std::string& file, const std::string&) {
    if (file != wanted) return std::vector<char>{};
    return std::vector<char>(mo.begin(), mo.end());
  };
  return std::locale(base, boost::locale::gnu_gettext::create_messages_facet<char>(info));
}

}  // namespace

bool is_supported_language(std::string_view lang) {
  return std::find(supported_languages.begin(), supported_languages.end(), lang) != supported_languages.end();
}

bool is_right_to_left(std::string_view lang) { return lang == "ar"; }

std::string_view native_language_name(std::string_view lang) {
  if (lang == "de") return "Deutsch";
  if (lang == "en") return "English";
  if (lang == "uk") return "Українська";
  if (lang == "ar") return "العربية";
  if (lang == "tr") return "Türkçe";
  if (lang == "ru") return "Русский";
  return {};
}

std::string language_from_accept(std::string_view header) {
  std::string best = "de";
  double best_q = 0;
  while (!header.empty()) {
    const auto comma = header.find(',');
    std::string_view item = header.substr(0, comma);
    header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
    double q = 1;
    if (const auto semi = item.find(';'); semi != std::string_view::npos) {
      const auto qpos = item.find("q=", semi);
      if (qpos != std::string_view::npos) q = std::atof(std::string(item.substr(qpos + 2)).c_str());
      item = item.substr(0, semi);
    }
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    const std::string tag = ascii_lower(item.substr(0, item.find('-')));
    if (is_supported_language(tag) && q > best_q) {
      best = tag;
      best_q = q;
    }
  }
  return best;
}

Translations::Translations(const std::map<std::string, std::string_view>& catalogs) {
  boost::locale::generator generator;
  generator.categories(boost::locale::category_t::formatting | boost::locale::category_t::convert |
                       boost::locale::category_t::information);
  for (std::string_view lang : supported_languages) {
    const auto it = catalogs.find(std::string(lang));
    locales_.emplace(std::string(lang), make_locale(generator, std::string(lang),
                                                    it == catalogs.end() ? std::string_view{} : it->second));
  }
}

const Translations& Translations::builtin() {
  static const Translations translations = [] {
    std::map<std::string, std::string_view> catalogs;
    for (const auto& file : embedded::files()) {
      if (!file.name.starts_with("locale/") || !file.name.ends_with(".mo")) continue;
      const std::string_view lang = file.name.substr(7, file.name.size() - 10);
      catalogs.emplace(std::string(lang), file.data);
    }
    return Translations(catalogs);
  }();
  return translations;
}

const std::locale& Translations::locale(std::string_view lang) const {
  const auto it = locales_.find(lang);
  return it != locales_.end() ? it->second : locales_.find(std::string_view("de"))->second;
}

std::string Translations::translate(std::string_view lang, std::string_view msgid) const {
  const std::locale& loc = locale(lang);
  if (!std::has_facet<boost::locale::message_format<char>>(loc)) return std::string(msgid);
  const char* text =
      std::use_facet<boost::locale::message_format<char>>(loc).get(0, nullptr, std::string(msgid).c_str());
  return text ? std::string(text) : std::string(msgid);
}

std::string Translations::translate_catalog(std::string_view lang, std::string_view text) const {
  const std::locale& loc = locale(lang);
  if (lang == "de" || !std::has_facet<boost::locale::message_format<char>>(loc)) return std::string(text);
  const char* translated =
      std::use_facet<boost::locale::message_format<char>>(loc).get(0, "catalog", std::string(text).c_str());
  return translated ? std::string(translated) : std::string(text);
}

std::string Translations::format_date(std::string_view lang, Instant t, Zone zone) const {
  std::ostringstream out;
  out.imbue(locale(lang));
  out << boost::locale::as::date << boost::locale::as::date_full << boost::locale::as::time_zone(zone->name())
      << static_cast<double>(t.time_since_epoch().count());
  return out.str();
}

std::string Translations::format_date(std::string_view lang, LocalDate d) const {
  // Noon UTC of that calendar day, formatted in UTC: the same calendar day in every zone.
  const Instant noon{date::sys_days{d.time_since_epoch()} + std::chrono::hours{12}};
  std::ostringstream out;
  out.imbue(locale(lang));
  out << boost::locale::as::date << boost::locale::as::date_full << boost::locale::as::gmt
      << static_cast<double>(noon.time_since_epoch().count());
  return out.str();
}

std::string Translations::format_time(Instant t, Zone zone) const {
  const auto local = to_local(zone, t);
  const auto minutes =
      std::chrono::duration_cast<std::chrono::minutes>(local - date::floor<date::days>(local));
  return amt::format_time(LocalTime{static_cast<int>(minutes.count())});
}

}  // namespace amt::app
