// Template translation and escaping: user data can never become markup.
#include "web/templates.hpp"

#include <gtest/gtest.h>

namespace amt::web {
namespace {

TEST(Templates, TranslationMarkupIsReplacedAndEscaped) {
  std::vector<std::string> ids;
  const auto out = translate_markup(
      "<p>{{#t}}Hello{{/t}} {{name}}</p>", [](std::string_view) { return std::string("<b>{{x}}</b>"); },
      &ids);
  EXPECT_EQ(out, "<p>&lt;b&gt;&#123;&#123;x}}&lt;/b&gt; {{name}}</p>");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(ids[0], "Hello");
}

TEST(Templates, UnclosedTranslationMarkupIsRefused) {
  EXPECT_THROW(translate_markup("{{#t}}Hello", [](std::string_view s) { return std::string(s); }),
               std::runtime_error);
}

TEST(Templates, UserDataIsHtmlEscaped) {
  const Templates templates({{"page", "<p>{{name}}</p>"}}, app::Translations::builtin());
  Data data;
  data.set("name", "<script>alert(\"x\")</script>&'");
  EXPECT_EQ(templates.render("page", "de", data),
            "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;</p>");
}

// Unescaped output only for markup we render ourselves: the page body inside the layout and the QR
// code's SVG (app::qr_svg escapes its title).
TEST(Templates, BuiltinTemplatesUseNoTripleBracesExceptTheLayoutContentAndTheQrCode) {
  for (const auto& [name, text] : Templates::builtin_sources()) {
    std::string_view rest = text;
    for (auto pos = rest.find("{{{"); pos != std::string_view::npos; pos = rest.find("{{{", pos + 3)) {
      const bool allowed = rest.substr(pos, 13) == "{{{content}}}" || rest.substr(pos, 8) == "{{{qr}}}";
      EXPECT_TRUE(allowed) << name << ": " << rest.substr(pos, 20);
    }
  }
}

// German is compiled at start-up, the other languages on their first render.
TEST(Templates, EachLanguageIsTranslatedOnItsFirstRenderAndUnknownOnesAreRefused) {
  const Templates templates({{"page", "<h1>{{#t}}Choose a day{{/t}}</h1>"}}, app::Translations::builtin());
  EXPECT_EQ(templates.render("page", "tr", {}), "<h1>Gün seçin</h1>");
  EXPECT_EQ(templates.render("page", "de", {}), "<h1>Tag wählen</h1>");
  EXPECT_EQ(templates.render("page", "tr", {}), "<h1>Gün seçin</h1>");
  EXPECT_THROW(templates.render("page", "xx", {}), std::out_of_range);
  EXPECT_THROW(templates.render("missing", "en", {}), std::out_of_range);
}

TEST(Templates, BrokenTemplateStopsStartUp) {
  EXPECT_THROW(Templates({{"bad", "{{#open}} never closed"}}, app::Translations::builtin()),
               std::runtime_error);
}

}  // namespace
}  // namespace amt::web
