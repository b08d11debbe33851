// Health, readiness, metrics and the OpenAPI document: what operators and monitoring read.
#include <spdlog/spdlog.h>

#include "api/routes.hpp"

namespace amt::api {

void add_operations_routes(http::Router& router, ApiContext& c) {
  router.get("/healthz", [](const http::Request&) { return http::Response::json(200, R"({"status":"ok"})"); });
  router.get("/readyz", [&c](const http::Request&) {
    try {
      if (c.store.ready()) return http::Response::json(200, R"({"status":"ready"})");
    } catch (const std::exception& e) {
      spdlog::warn("readiness check failed: {}", e.what());
    }
    return http::Response::json(503, R"({"status":"unavailable"})");
  });
  router.get("/metrics", [&c](const http::Request&) {
    return http::Response::text(200, c.metrics.render(), "text/plain; version=0.0.4; charset=utf-8");
  });
  router.get("/api/openapi.yaml", [](const http::Request&) {
    return http::Response::text(200, openapi_document(), "application/yaml; charset=utf-8");
  });
}

}  // namespace amt::api
