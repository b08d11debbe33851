// The citizen site as an installable app: the web app manifest, the service worker at /sw.js (so
// it controls every page) and the offline page it shows without network.
#include <boost/json.hpp>

#include "embedded.hpp"
#include "web/citizen/common.hpp"

namespace amt::web::citizen {
namespace {

std::string_view embedded_file(std::string_view name) {
  for (const auto& file : embedded::files())
    if (file.name == name) return file.data;
  throw std::logic_error("not embedded: " + std::string(name));
}

http::Response manifest(const CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  const auto icon = [&](std::string_view name, std::string_view type, std::string_view sizes) {
    return boost::json::object{{"src", c.site.static_files.url(name)}, {"type", type}, {"sizes", sizes},
                               {"purpose", "any"}};
  };
  const boost::json::object body{
      {"name", page.t("Jobcenter appointments")},
      {"short_name", "Jobcenter"},
      {"lang", page.lang()},
      {"dir", app::is_right_to_left(page.lang()) ? "rtl" : "ltr"},
      {"start_url", "/"},
      {"scope", "/"},
      {"id", "/"},
      {"display", "standalone"},
      {"background_color", "#ffffff"},
      {"theme_color", "#0a2a5a"},
      {"icons", boost::json::array{icon("icon.svg", "image/svg+xml", "any"), icon("icon-192.png", "image/png", "192x192"),
                                   icon("icon-512.png", "image/png", "512x512")}}};
  http::Response response = http::Response::text(200, boost::json::serialize(body), "application/manifest+json");
  response.set("Cache-Control", "no-cache");
  response.set("Vary", "Cookie, Accept-Language");
  response.set("X-Content-Type-Options", "nosniff");
  return response;
}

http::Response service_worker(std::string_view script) {
  http::Response response = http::Response::text(200, std::string(script), "text/javascript; charset=utf-8");
  response.set("Cache-Control", "no-cache");  // browsers check for a new worker on every visit
  response.set("X-Content-Type-Options", "nosniff");
  return response;
}

http::Response offline_page(const CitizenContext& c, const http::Request& request) {
  const Page page(c.site, request);
  Data data;
  data.set("js_offline", c.site.static_files.url("offline.js"));
  return page.render(200, "offline", page.t("You are offline"), std::move(data));
}

}  // namespace
}  // namespace amt::web::citizen

namespace amt::web {

void add_app_pages(http::Router& router, CitizenContext& context) {
  const std::string_view script = citizen::embedded_file("static/sw.js");
  router.get("/manifest.webmanifest",
             [&context](const http::Request& request) { return citizen::manifest(context, request); });
  router.get("/sw.js", [script](const http::Request&) { return citizen::service_worker(script); });
  router.get("/offline", [&context](const http::Request& request) { return citizen::offline_page(context, request); });
}

}  // namespace amt::web
