// News text written in Markdown (GitHub flavour), turned into HTML that is safe to put in a page.
#pragma once

#include <string>
#include <string_view>

namespace amt::app {

// Raw HTML in the source is dropped and links with unsafe schemes (javascript:, data: ...) lose
// their target (cmark-gfm without CMARK_OPT_UNSAFE), so an admin's typo cannot become a script.
std::string markdown_to_html(std::string_view markdown);

}  // namespace amt::app
