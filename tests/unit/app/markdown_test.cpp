// News Markdown: GitHub-flavoured rendering, and nothing an admin types becomes a script.
#include <gtest/gtest.h>

#include "app/markdown.hpp"

namespace amt::app {
namespace {

TEST(Markdown, RendersEmphasisListsAndTables) {
  const std::string html = markdown_to_html("**Wichtig**\n\n- eins\n- zwei\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
  EXPECT_NE(html.find("<strong>Wichtig</strong>"), std::string::npos);
  EXPECT_NE(html.find("<li>eins</li>"), std::string::npos);
  EXPECT_NE(html.find("<td>1</td>"), std::string::npos);
}

TEST(Markdown, DropsRawHtmlBlocksAndInlineTags) {
  const std::string html =
      markdown_to_html("<script>alert(1)</script>\n\nText <img src=x onerror=alert(2)> <iframe src=//evil>");
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("<iframe"), std::string::npos);
  EXPECT_EQ(html.find("onerror"), std::string::npos);
}

TEST(Markdown, DropsTheTargetOfJavascriptAndDataLinksButKeepsHttps) {
  const std::string html = markdown_to_html("[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.org)");
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  EXPECT_EQ(html.find("data:text"), std::string::npos);
  EXPECT_NE(html.find("href=\"https://example.org\""), std::string::npos);
}

TEST(Markdown, EmptyAndBrokenInputGiveHarmlessOutput) {
  EXPECT_EQ(markdown_to_html(""), "");
  EXPECT_NO_THROW(markdown_to_html(std::string("\0\xff\xfe[", 4)));
}

}  // namespace
}  // namespace amt::app
