// The page templates (web/templates/*.mustache, compiled in), translated once per language: every
// {{#t}}English text{{/t}} is replaced by its HTML-escaped translation, so a render is a plain
// mustache render. Mustache escapes every {{value}}; {{{...}}} is used only for HTML we rendered
// ourselves (the page body inside the layout).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

#include <kainjow/mustache.hpp>

#include "app/i18n.hpp"

namespace amt::web {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

class Templates {
 public:
  // sources: template name (file name without .mustache) -> text, which must outlive the Templates
  // like translations (the built-in ones are static). Throws on a template that does not parse, so
  // a broken template stops the server at start-up, not on a citizen's request.
  Templates(const std::map<std::string, std::string_view>& sources, const app::Translations& translations);
  static std::map<std::string, std::string_view> builtin_sources();

  std::string render(std::string_view name, std::string_view lang, const Data& data) const;
  // Every msgid the templates use, for the translation completeness test.
  const std::vector<std::string>& msgids() const { return msgids_; }

 private:
  struct Compiled {
    explicit Compiled(const std::string& text) : tmpl(text) {}
    mutable std::mutex mutex;  // kainjow's render keeps error state in the object
    mutable kainjow::mustache::mustache tmpl;
  };
  const Compiled& compiled(std::string_view name, std::string_view lang) const;
  std::unique_ptr<Compiled> compile(std::string_view name, std::string_view text, std::string_view lang,
                                    std::vector<std::string>* msgids) const;

  std::map<std::string, std::string_view, std::less<>> sources_;
  const app::Translations& translations_;
  // Every template is compiled in German at start-up, the other languages on their first render:
  // six languages of every page held about 20 MB and took a noticeable part of each start.
  mutable std::shared_mutex compiled_mutex_;
  mutable std::map<std::string, std::unique_ptr<Compiled>, std::less<>> compiled_;  // key: lang + '/' + name
  std::vector<std::string> msgids_;
};

// Replaces {{#t}}msgid{{/t}} with translate(msgid), HTML-escaped; collects the msgids seen.
std::string translate_markup(std::string_view text,
                             const std::function<std::string(std::string_view)>& translate,
                             std::vector<std::string>* msgids = nullptr);
std::string html_escape(std::string_view text);

}  // namespace amt::web
