// /news.atom: the visible news as an Atom feed (RFC 4287) for feed readers and social tools, with
// ETag and Last-Modified like the JSON API.
#include "http/conditional.hpp"
#include "web/citizen/common.hpp"

namespace amt::web::citizen {
namespace {

// Stable across hosts and renames of the server (tag URI, RFC 4151).
std::string atom_id(std::string_view what) { return "tag:amtstermin,2026:" + std::string(what); }

void element(std::string& out, std::string_view name, std::string_view text) {
  out.append("<").append(name).append(">").append(html_escape(text)).append("</").append(name).append(">\n");
}

void append_entry(std::string& out, const app::NewsEntry& e) {
  out += "<entry xml:lang=\"" + html_escape(e.language) + "\">\n";
  element(out, "id", atom_id("news/" + e.id));
  element(out, "title", e.title);
  element(out, "published", format_rfc3339_utc(e.published));
  element(out, "updated", format_rfc3339_utc(e.updated));
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"/news#news-" + html_escape(e.id) + "\"/>\n";
  out += "<content type=\"html\">" + html_escape(e.html) + "</content>\n";
  out += "</entry>\n";
}

std::string feed(const app::NewsPage& page, const std::string& lang) {
  const Instant updated = page.last_change.value_or(Instant{});
  std::string out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"" + html_escape(lang) + "\">\n";
  element(out, "id", atom_id("news"));
  element(out, "title", app::Translations::builtin().translate(lang, "News"));
  element(out, "updated", format_rfc3339_utc(updated));
  out += "<author><name>Jobcenter</name></author>\n";
  out += "<link rel=\"self\" type=\"application/atom+xml\" href=\"/news.atom?lang=" + html_escape(lang) + "\"/>\n";
  out += "<link rel=\"alternate\" type=\"text/html\" href=\"/news?lang=" + html_escape(lang) + "\"/>\n";
  for (const app::NewsEntry& e : page.entries) append_entry(out, e);
  out += "</feed>\n";
  return out;
}

}  // namespace

void add_news_feed(http::Router& router, app::NewsBoard& news) {
  router.get("/news.atom", [&news](const http::Request& request) {
    std::string lang = request.query_param("lang").value_or("de");
    if (!app::is_supported_language(lang)) lang = "de";
    const app::NewsPage page = news.visible(lang);
    http::Response response = http::Response::text(200, feed(page, lang), "application/atom+xml; charset=utf-8");
    response.set("X-Content-Type-Options", "nosniff");
    return http::conditional(request, std::move(response), page.last_change);
  });
}

}  // namespace amt::web::citizen
