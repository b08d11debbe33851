// In-memory static files with content-hashed URLs, ETag / If-None-Match and precompressed gzip.
#include "http/static_files.hpp"

#include <cstdint>
#include <cstdio>
#include <stdexcept>

namespace amt::http {

namespace {

std::string fnv1a_hex(std::string_view data) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : data) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", static_cast<unsigned long long>(h));
  return out;
}

bool accepts_gzip(std::string_view accept_encoding) {
  // Enough for real clients: "gzip" listed and not explicitly refused with q=0.
  const auto pos = accept_encoding.find("gzip");
  if (pos == std::string_view::npos) return false;
  const auto rest = accept_encoding.substr(pos + 4, 8);
  return rest.find("q=0") == std::string_view::npos || rest.find("q=0.") != std::string_view::npos;
}

}  // namespace

void StaticFiles::add(std::string name, std::string_view data, std::string_view gzip) {
  files_[std::move(name)] = File{data, gzip, fnv1a_hex(data)};
}

std::string StaticFiles::url(std::string_view name) const {
  const auto it = files_.find(name);
  if (it == files_.end()) throw std::out_of_range("no static file " + std::string(name));
  return "/static/" + it->second.hash + "/" + it->first;
}

std::string_view StaticFiles::content_type(std::string_view name) {
  const auto ends = [&](std::string_view ext) { return name.ends_with(ext); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".woff2")) return "font/woff2";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

Response StaticFiles::serve(const Request& request) const {
  const auto it = files_.find(request.param("name"));
  if (it == files_.end()) return Response::problem(404, "Not Found");
  const File& file = it->second;
  const bool current = request.param("hash") == file.hash;
  const bool gzip = !file.gzip.empty() && accepts_gzip(request.header("accept-encoding"));
  const std::string etag = "\"" + file.hash + (gzip ? "-gz\"" : "\"");

  Response response;
  response.set("Cache-Control", current ? "public, max-age=31536000, immutable" : "no-cache");
  response.set("ETag", etag);
  response.set("Vary", "Accept-Encoding");
  response.set("X-Content-Type-Options", "nosniff");
  if (request.header("if-none-match") == etag) {
    response.status = 304;
    return response;
  }
  response.set("Content-Type", std::string(content_type(it->first)));
  if (gzip) response.set("Content-Encoding", "gzip");
  response.body = std::string(gzip ? file.gzip : file.data);
  return response;
}

}  // namespace amt::http
