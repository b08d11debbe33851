// GET /api/v1/news: the visible news for the office's app, with ETag and Last-Modified so that
// polling costs a 304 until something changes.
#include <boost/json.hpp>

#include "api/problem.hpp"
#include "api/routes.hpp"
#include "app/i18n.hpp"
#include "http/conditional.hpp"

namespace amt::api {
namespace {

boost::json::object entry_json(const app::NewsEntry& e) {
  boost::json::value expires = nullptr;
  if (e.expires) expires = format_rfc3339_utc(*e.expires);
  return {{"id", e.id},
          {"language", e.language},
          {"title", e.title},
          {"content_html", e.html},
          {"content_markdown", e.markdown},
          {"published", format_rfc3339_utc(e.published)},
          {"updated", format_rfc3339_utc(e.updated)},
          {"expires", expires},
          {"pinned", e.pinned},
          {"url", "/news#news-" + e.id}};
}

}  // namespace

void add_news_routes(http::Router& router, app::NewsBoard& news) {
  router.get("/api/v1/news", [&news](const http::Request& request) {
    const std::string lang = request.query_param("lang").value_or("de");
    if (!app::is_supported_language(lang))
      return problem({app::ErrorKind::validation, "The request has invalid fields.",
                      {{"lang", "unsupported", "One of de, en, uk, ar, tr, ru."}}});
    const app::NewsPage page = news.visible(lang);
    boost::json::array items;
    for (const auto& e : page.entries) items.push_back(entry_json(e));
    const boost::json::object body{{"language", lang}, {"items", std::move(items)}};
    return http::conditional(request, http::Response::json(200, boost::json::serialize(body)), page.last_change);
  });
}

}  // namespace amt::api
