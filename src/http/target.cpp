// Target parsing with Boost.URL's strict origin-form grammar (RFC 9112 section 3.2.1).
#include "http/target.hpp"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace amt::http {

namespace {

// Checks the decoded path: a ".." segment, also one made of "%2e%2e" or split by "%2f", would let a
// file-serving handler climb out of its directory.
bool climbs_or_has_nul(std::string_view path) {
  if (path.find('\0') != std::string_view::npos) return true;
  while (!path.empty()) {
    const auto slash = path.find('/');
    if (path.substr(0, slash) == "..") return true;
    if (slash == std::string_view::npos) return false;
    path.remove_prefix(slash + 1);
  }
  return false;
}

}  // namespace

std::string_view parse_target(std::string_view target, std::string& path, Fields& query) {
  const auto url = boost::urls::parse_origin_form(target);
  if (!url) return "The request target is not a valid path.";

  path = url->path();
  if (path.empty()) path.push_back('/');
  if (climbs_or_has_nul(path)) return "The request path is not allowed.";

  if (!url->has_query()) return {};
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;  // HTML forms encode spaces in query values as '+'
  for (const auto& param : url->params(opts)) {
    query.emplace_back(param.key, param.has_value ? param.value : std::string());
  }
  return {};
}

}  // namespace amt::http
