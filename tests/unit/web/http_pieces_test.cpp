// The generic HTTP pieces the pages use: CSRF tokens, cookies, form bodies, static files.
#include <gtest/gtest.h>

#include "http/cookies.hpp"
#include "http/csrf.hpp"
#include "http/form.hpp"
#include "http/static_files.hpp"

namespace amt::http {
namespace {

Request with_cookie(std::string cookie_header) {
  Request r;
  r.headers.emplace_back("cookie", std::move(cookie_header));
  return r;
}

TEST(Csrf, TokenIsValidOnlyWithTheCookieItWasMadeFor) {
  const Csrf csrf("secret");
  const auto fresh = csrf.binding(Request{});
  EXPECT_TRUE(fresh.is_new);
  const Request same = with_cookie("a=b; amt_csrf=" + fresh.id);
  EXPECT_TRUE(csrf.valid(same, fresh.token));
  EXPECT_FALSE(csrf.binding(same).is_new);
  EXPECT_EQ(csrf.binding(same).token, fresh.token);

  const auto other = csrf.binding(Request{});
  EXPECT_FALSE(csrf.valid(with_cookie("amt_csrf=" + other.id), fresh.token));
  EXPECT_FALSE(csrf.valid(Request{}, fresh.token));
  EXPECT_FALSE(csrf.valid(same, ""));
  EXPECT_FALSE(Csrf("other secret").valid(same, fresh.token));
}

TEST(Cookies, FindsTheNamedCookieAndWritesSafeDefaults) {
  EXPECT_EQ(cookie(with_cookie("x=1; amt_lang=ar ; y=\"2\""), "amt_lang"), "ar");
  EXPECT_EQ(cookie(with_cookie("x=1; y=\"2\""), "y"), "2");
  EXPECT_FALSE(cookie(with_cookie("amt_language=de"), "amt_lang").has_value());
  Response response;
  set_cookie(response, "amt_lang", "uk", {3600, true, false});
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.headers[0].second, "amt_lang=uk; Path=/; SameSite=Lax; Max-Age=3600; HttpOnly");
}

TEST(Form, DecodesPlusAndPercentAndRefusesBrokenBodies) {
  const auto form = parse_form("name=Anna+M%C3%BCller&note=a%26b&empty");
  ASSERT_TRUE(form.has_value());
  EXPECT_EQ(field(*form, "name"), "Anna Müller");
  EXPECT_EQ(field(*form, "note"), "a&b");
  EXPECT_EQ(field(*form, "empty"), "");
  EXPECT_FALSE(parse_form("name=%zz").has_value());
}

TEST(StaticFiles, VersionedUrlIsCachedForAYearAndAnsweredWith304OnItsEtag) {
  StaticFiles files;
  files.add("app.css", "body{}", "GZIPPED");
  const std::string url = files.url("app.css");
  ASSERT_TRUE(url.starts_with("/static/"));
  Request r;
  r.params = {{"hash", url.substr(8, 16)}, {"name", "app.css"}};
  auto plain = files.serve(r);
  EXPECT_EQ(plain.status, 200);
  EXPECT_EQ(plain.body, "body{}");
  bool immutable = false, css = false;
  std::string etag;
  for (const auto& [k, v] : plain.headers) {
    if (k == "Cache-Control") immutable = v.find("immutable") != std::string::npos;
    if (k == "Content-Type") css = v.starts_with("text/css");
    if (k == "ETag") etag = v;
  }
  EXPECT_TRUE(immutable);
  EXPECT_TRUE(css);

  r.headers = {{"accept-encoding", "gzip, br"}};
  const auto gz = files.serve(r);
  EXPECT_EQ(gz.body, "GZIPPED");
  r.headers = {{"if-none-match", etag}};
  EXPECT_EQ(files.serve(r).status, 304);
  r.params = {{"hash", "0"}, {"name", "missing.css"}};
  EXPECT_EQ(files.serve(r).status, 404);
}

std::string header(const Response& response, std::string_view name) {
  for (const auto& [k, v] : response.headers)
    if (k == name) return v;
  return {};
}

TEST(StaticFiles, BrotliIsPreferredWhenAcceptedThenGzipThenThePlainFile) {
  StaticFiles files;
  files.add("kern.css", "body{}", "GZIPPED", "BROTLI");
  files.add("old.css", "p{}", "GZ-ONLY");
  Request r;
  r.params = {{"hash", files.url("kern.css").substr(8, 16)}, {"name", "kern.css"}};
  r.headers = {{"accept-encoding", "gzip, deflate, br, zstd"}};
  const auto br = files.serve(r);
  EXPECT_EQ(br.body, "BROTLI");
  EXPECT_EQ(header(br, "Content-Encoding"), "br");
  EXPECT_EQ(header(br, "Vary"), "Accept-Encoding");
  EXPECT_TRUE(header(br, "ETag").ends_with("-br\""));
  r.headers = {{"accept-encoding", "gzip, br;q=0"}};
  EXPECT_EQ(files.serve(r).body, "GZIPPED");
  r.headers = {{"accept-encoding", "identity"}};
  const auto plain = files.serve(r);
  EXPECT_EQ(plain.body, "body{}");
  EXPECT_EQ(header(plain, "Content-Encoding"), "");
  r.params = {{"hash", files.url("old.css").substr(8, 16)}, {"name", "old.css"}};
  r.headers = {{"accept-encoding", "br"}};
  EXPECT_EQ(files.serve(r).body, "p{}");  // no brotli copy and gzip not accepted
  // A different encoding is a different representation: a cached gzip ETag does not match brotli.
  r.params = {{"hash", files.url("kern.css").substr(8, 16)}, {"name", "kern.css"}};
  r.headers = {{"accept-encoding", "gzip"}};
  const std::string gzip_etag = header(files.serve(r), "ETag");
  r.headers = {{"accept-encoding", "br"}, {"if-none-match", gzip_etag}};
  EXPECT_EQ(files.serve(r).status, 200);
}

}  // namespace
}  // namespace amt::http
