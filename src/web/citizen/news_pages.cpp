// /news: the visible news in the citizen's language (German where a text is not translated).
#include "web/citizen/common.hpp"

namespace amt::web::citizen {
namespace {

http::Response news_page(CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const Zone z = zone("Europe/Berlin");  // the office's zone; news are not tied to one location
  List items;
  for (const app::NewsEntry& e : c.site.news->visible(page.lang()).entries) {
    Data item;
    item.set("id", e.id);
    item.set("language", e.language);
    item.set("title", e.title);
    // HTML we rendered ourselves (cmark-gfm, raw HTML stripped): the one kind {{{content}}} takes.
    item.set("content", e.html);
    item.set("published", page.translations().format_date(page.lang(), e.published, z));
    item.set("published_iso", format_rfc3339(e.published, z));
    if (e.pinned) item.set("pinned", true);
    items.push_back(item);
  }
  Data data;
  data.set("none", items.empty());
  data.set("items", Data{items});
  return page.render(200, "news", page.t("News"), std::move(data));
}

}  // namespace
}  // namespace amt::web::citizen

namespace amt::web {

void add_news_pages(http::Router& router, CitizenContext& context) {
  if (!context.site.news) return;
  router.get("/news", [&context](const http::Request& request) { return citizen::news_page(context, request); });
  citizen::add_news_feed(router, *context.site.news);
}

}  // namespace amt::web
