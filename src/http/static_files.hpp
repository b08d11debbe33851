// Serves files held in memory (compiled into the binary) under versioned URLs: /static/<hash>/<name>.
// The hash changes with the content, so responses may be cached for a year; ETag and 304 for the
// rest, and brotli and gzip copies made at build time for clients that accept them.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "http/message.hpp"

namespace amt::http {

class StaticFiles {
 public:
  // data, gzip and brotli must outlive this object (they point into the binary); either copy may
  // be empty. Brotli is preferred when the client accepts it: it is about a third smaller on CSS.
  void add(std::string name, std::string_view data, std::string_view gzip = {}, std::string_view brotli = {});
  // "/static/<hash>/<name>"; throws std::out_of_range for an unknown name (a programming error).
  std::string url(std::string_view name) const;
  // Answers GET /static/{hash}/{name}; a stale hash still gets the current file, without caching.
  Response serve(const Request& request) const;

  static std::string_view content_type(std::string_view name);

 private:
  struct File {
    std::string_view data;
    std::string_view gzip;
    std::string_view brotli;
    std::string hash;  // hex of a 64-bit FNV-1a over the content
  };
  std::map<std::string, File, std::less<>> files_;
};

}  // namespace amt::http
