// What an admin may enter as a news item, and the readable id made from its German title.
#include <algorithm>

#include "app/i18n.hpp"
#include "app/news_desk.hpp"

namespace amt::app {
namespace {

constexpr std::size_t max_news_title = 200;       // a toot is 500 characters: title + link fit
constexpr std::size_t max_news_markdown = 20000;

bool has_control_characters(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void check_news_text(const NewsText* text, std::string_view lang, std::vector<FieldError>& errors) {
  const std::string title_field = "title_" + std::string(lang);
  const std::string markdown_field = "markdown_" + std::string(lang);
  const bool german = lang == "de";
  if (!text) {
    if (german) {
      errors.push_back({title_field, "required", "A German title is required."});
      errors.push_back({markdown_field, "required", "A German text is required."});
    }
    return;
  }
  if (text->title.empty()) errors.push_back({title_field, "required", "Give this language a title or leave it empty."});
  else if (text->title.size() > max_news_title) errors.push_back({title_field, "too_long", "At most 200 characters."});
  else if (has_control_characters(text->title)) errors.push_back({title_field, "invalid", "No control characters."});
  if (text->markdown.empty()) errors.push_back({markdown_field, "required", "Give this language a text or leave it empty."});
  else if (text->markdown.size() > max_news_markdown) errors.push_back({markdown_field, "too_long", "At most 20000 characters."});
}

}  // namespace

std::vector<FieldError> check_news_edit(const NewsEdit& edit, Instant publish_at) {
  std::vector<FieldError> errors;
  for (std::string_view lang : supported_languages) {
    const auto found = std::find_if(edit.texts.begin(), edit.texts.end(),
                                    [&](const NewsText& t) { return t.language == lang; });
    check_news_text(found == edit.texts.end() ? nullptr : &*found, lang, errors);
  }
  if (edit.expires_at && *edit.expires_at <= publish_at)
    errors.push_back({"expires_date", "expires_before_publish", "The expiry must come after the publication."});
  return errors;
}

Id news_slug(std::string_view title) {
  static constexpr std::pair<std::string_view, std::string_view> umlauts[] = {
      {"ä", "ae"}, {"ö", "oe"}, {"ü", "ue"}, {"Ä", "ae"}, {"Ö", "oe"}, {"Ü", "ue"}, {"ß", "ss"}};
  std::string slug;
  for (std::size_t i = 0; i < title.size() && slug.size() < 48;) {
    const auto umlaut = std::find_if(std::begin(umlauts), std::end(umlauts),
                                     [&](const auto& u) { return title.substr(i).starts_with(u.first); });
    if (umlaut != std::end(umlauts)) {
      slug += umlaut->second;
      i += umlaut->first.size();
      continue;
    }
    const unsigned char c = static_cast<unsigned char>(title[i++]);
    if (std::isalnum(c) && c < 0x80) slug.push_back(static_cast<char>(std::tolower(c)));
    else if (!slug.empty() && slug.back() != '-') slug.push_back('-');
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "news" : slug;
}

}  // namespace amt::app
