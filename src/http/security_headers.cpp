// The page security headers in one place.
#include "http/security_headers.hpp"

namespace amt::http {

void add_security_headers(Response& response) {
  // KERN's icons are data: SVGs inside its stylesheet, hence img-src data:. The web app manifest
  // and the service worker (/sw.js) come from our own origin only.
  response.set(
      "Content-Security-Policy",
      "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; script-src 'self'; "
      "connect-src 'self'; manifest-src 'self'; worker-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  response.set("Cross-Origin-Resource-Policy", "same-origin");
  response.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  response.set("Cache-Control", "no-store");
}

}  // namespace amt::http
