// /static/<hash>/<name>: the embedded stylesheets (KERN UX from npm, our own app.css).
#include "embedded.hpp"
#include "web/routes.hpp"

namespace amt::web {

void add_builtin_static_files(http::StaticFiles& files) {
  std::map<std::string_view, std::string_view> gzip;
  for (const auto& file : embedded::files())
    if (file.name.starts_with("static/") && file.name.ends_with(".gz"))
      gzip[file.name.substr(7, file.name.size() - 10)] = file.data;
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with("static/") || file.name.ends_with(".gz")) continue;
    const std::string_view name = file.name.substr(7);
    const auto compressed = gzip.find(name);
    files.add(std::string(name), file.data,
              compressed == gzip.end() ? std::string_view{} : compressed->second);
  }
}

void add_static_routes(http::Router& router, const http::StaticFiles& files) {
  router.get("/static/{hash}/{name}",
             [&files](const http::Request& request) { return files.serve(request); });
}

}  // namespace amt::web
