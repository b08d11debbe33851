// /static/<hash>/<name>: the embedded stylesheets (KERN UX from npm, our own app.css).
#include "embedded.hpp"
#include "web/routes.hpp"

namespace amt::web {

void add_builtin_static_files(http::StaticFiles& files) {
  // static/<name>.gz and static/<name>.br are the build's precompressed copies of static/<name>.
  std::map<std::string_view, std::string_view> gzip, brotli;
  const auto compressed = [](std::string_view name) { return name.ends_with(".gz") || name.ends_with(".br"); };
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with("static/") || !compressed(file.name)) continue;
    auto& copies = file.name.ends_with(".gz") ? gzip : brotli;
    copies[file.name.substr(7, file.name.size() - 10)] = file.data;
  }
  const auto copy = [](const auto& copies, std::string_view name) {
    const auto it = copies.find(name);
    return it == copies.end() ? std::string_view{} : it->second;
  };
  for (const auto& file : embedded::files()) {
    if (!file.name.starts_with("static/") || compressed(file.name)) continue;
    const std::string_view name = file.name.substr(7);
    files.add(std::string(name), file.data, copy(gzip, name), copy(brotli, name));
  }
}

void add_static_routes(http::Router& router, const http::StaticFiles& files) {
  router.get("/static/{hash}/{name}",
             [&files](const http::Request& request) { return files.serve(request); });
}

}  // namespace amt::web
