// Loading, translating and rendering the compiled-in templates.
#include "web/templates.hpp"

#include <algorithm>
#include <stdexcept>

#include "embedded.hpp"

namespace amt::web {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      case '{':
        out += "&#123;";
        break;  // a translation must never open a mustache tag
      default:
        out += c;
    }
  }
  return out;
}

std::string translate_markup(std::string_view text,
                             const std::function<std::string(std::string_view)>& translate,
                             std::vector<std::string>* msgids) {
  static constexpr std::string_view open = "{{#t}}";
  static constexpr std::string_view close = "{{/t}}";
  std::string out;
  out.reserve(text.size());
  while (true) {
    const auto start = text.find(open);
    if (start == std::string_view::npos) break;
    const auto end = text.find(close, start + open.size());
    if (end == std::string_view::npos) throw std::runtime_error("unclosed {{#t}} in a template");
    out.append(text.substr(0, start));
    const std::string_view msgid = text.substr(start + open.size(), end - start - open.size());
    out += html_escape(translate(msgid));
    if (msgids && std::find(msgids->begin(), msgids->end(), msgid) == msgids->end())
      msgids->emplace_back(msgid);
    text.remove_prefix(end + close.size());
  }
  out.append(text);
  return out;
}

std::map<std::string, std::string_view> Templates::builtin_sources() {
  std::map<std::string, std::string_view> sources;
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with("templates/") || !file.name.ends_with(".mustache")) continue;
    const std::string_view name = file.name.substr(10, file.name.size() - 10 - 9);
    sources.emplace(std::string(name), file.data);
  }
  return sources;
}

Templates::Templates(const std::map<std::string, std::string_view>& sources,
                     const app::Translations& translations) {
  for (std::string_view lang : app::supported_languages) {
    for (const auto& [name, text] : sources) {
      const auto translate = [&](std::string_view msgid) { return translations.translate(lang, msgid); };
      auto compiled =
          std::make_unique<Compiled>(translate_markup(text, translate, lang == "de" ? &msgids_ : nullptr));
      if (!compiled->tmpl.is_valid())
        throw std::runtime_error("template " + name + ": " + compiled->tmpl.error_message());
      compiled_.emplace(std::string(lang) + "/" + name, std::move(compiled));
    }
  }
}

std::string Templates::render(std::string_view name, std::string_view lang, const Data& data) const {
  const auto it = compiled_.find(std::string(lang) + "/" + std::string(name));
  if (it == compiled_.end()) throw std::out_of_range("no template " + std::string(name));
  std::lock_guard lock(it->second->mutex);
  std::string html = it->second->tmpl.render(data);
  if (!it->second->tmpl.is_valid())
    throw std::runtime_error("template " + std::string(name) + " failed to render");
  return html;
}

}  // namespace amt::web
