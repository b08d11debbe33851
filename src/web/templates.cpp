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
                     const app::Translations& translations)
    : sources_(sources.begin(), sources.end()), translations_(translations) {
  // A translation only replaces {{#t}} sections with escaped text, so a template that compiles in
  // German compiles in every language: checking German here is checking them all.
  for (const auto& [name, text] : sources_) compiled_.emplace("de/" + name, compile(name, text, "de", &msgids_));
}

std::unique_ptr<Templates::Compiled> Templates::compile(std::string_view name, std::string_view text,
                                                        std::string_view lang,
                                                        std::vector<std::string>* msgids) const {
  const auto translate = [&](std::string_view msgid) { return translations_.translate(lang, msgid); };
  auto compiled = std::make_unique<Compiled>(translate_markup(text, translate, msgids));
  if (!compiled->tmpl.is_valid()) throw std::runtime_error("template " + std::string(name) + ": " + compiled->tmpl.error_message());
  return compiled;
}

const Templates::Compiled& Templates::compiled(std::string_view name, std::string_view lang) const {
  const std::string key = std::string(lang) + "/" + std::string(name);
  {
    std::shared_lock lock(compiled_mutex_);
    if (const auto it = compiled_.find(key); it != compiled_.end()) return *it->second;
  }
  const auto source = sources_.find(name);
  const bool supported = std::find(app::supported_languages.begin(), app::supported_languages.end(), lang) !=
                         app::supported_languages.end();
  if (source == sources_.end() || !supported) throw std::out_of_range("no template " + key);
  auto fresh = compile(name, source->second, lang, nullptr);
  std::unique_lock lock(compiled_mutex_);
  return *compiled_.try_emplace(key, std::move(fresh)).first->second;  // another thread may have won
}

std::string Templates::render(std::string_view name, std::string_view lang, const Data& data) const {
  const Compiled& template_ = compiled(name, lang);
  std::lock_guard lock(template_.mutex);
  std::string html = template_.tmpl.render(data);
  if (!template_.tmpl.is_valid())
    throw std::runtime_error("template " + std::string(name) + " failed to render");
  return html;
}

}  // namespace amt::web
