// In-memory static files with content-hashed URLs, ETag / If-None-Match and precompressed brotli / gzip.
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

// True when accept_encoding lists coding without refusing it ("br;q=0"); "*" is not needed by
// the browsers we serve and is ignored.
bool accepts(std::string_view accept_encoding, std::string_view coding) {
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    std::string_view name = item.substr(0, semicolon);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    if (name != coding) continue;
    if (semicolon == std::string_view::npos) return true;
    std::string params(item.substr(semicolon + 1));
    std::erase(params, ' ');
    return !(params.starts_with("q=0") && params.find_first_not_of("0.", 2) == std::string::npos);
  }
  return false;
}

}  // namespace

void StaticFiles::add(std::string name, std::string_view data, std::string_view gzip, std::string_view brotli) {
  files_[std::move(name)] = File{data, gzip, brotli, fnv1a_hex(data)};
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
  const std::string_view accept = request.header("accept-encoding");
  const bool brotli = !file.brotli.empty() && accepts(accept, "br");
  const bool gzip = !brotli && !file.gzip.empty() && accepts(accept, "gzip");
  const std::string etag = "\"" + file.hash + (brotli ? "-br\"" : gzip ? "-gz\"" : "\"");

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
  if (brotli) response.set("Content-Encoding", "br");
  if (gzip) response.set("Content-Encoding", "gzip");
  response.body = std::string(brotli ? file.brotli : gzip ? file.gzip : file.data);
  return response;
}

}  // namespace amt::http
