// POST and GET /api/v1/bookings/{code}/documents: the raw file is the request body (its declared
// Content-Type is not trusted; the content decides), the optional required-document name and the
// original file name come as query parameters "document" and "filename".
#include <boost/json.hpp>

#include "api/bearer.hpp"
#include "api/problem.hpp"
#include "api/routes.hpp"

namespace amt::api {
namespace {

boost::json::object document_json(const store::StoredDocument& d) {
  return {{"id", d.id},
          {"document", d.document},
          {"file_name", d.file_name},
          {"media_type", d.media_type},
          {"size", d.size_bytes},
          {"sha256", d.sha256},
          {"uploaded_at", format_rfc3339_utc(d.uploaded_at)}};
}

http::Response upload(ApiContext& c, const http::Request& request) {
  const std::string token = bearer_token(request);
  if (token.empty()) return problem({app::ErrorKind::unauthorized, "The manage token is missing.", {}});
  auto stored = c.documents->upload(request.param("code"), token, request.body,
                                    request.query_param("filename").value_or(""),
                                    request.query_param("document").value_or(""));
  if (!stored) return problem(stored.error());
  c.metrics.counter("amtstermin_document_uploads_total", "Documents uploaded").fetch_add(1);
  return http::Response::json(201, boost::json::serialize(document_json(*stored)));
}

http::Response list(ApiContext& c, const http::Request& request) {
  auto listed = c.documents->list(request.param("code"), bearer_token(request));
  if (!listed) return problem(listed.error());
  boost::json::array received, missing;
  for (const auto& d : listed->received) received.push_back(document_json(d));
  for (const auto& m : listed->missing) missing.push_back(boost::json::string(m));
  return http::Response::json(
      200, boost::json::serialize(boost::json::object{{"received", received}, {"missing", missing}}));
}

}  // namespace

void add_document_routes(http::Router& router, ApiContext& c) {
  c.metrics.counter("amtstermin_document_uploads_total", "Documents uploaded");
  router.post("/api/v1/bookings/{code}/documents", [&c](const http::Request& r) { return upload(c, r); });
  router.get("/api/v1/bookings/{code}/documents", [&c](const http::Request& r) { return list(c, r); });
}

}  // namespace amt::api
