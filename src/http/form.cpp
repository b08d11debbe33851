// Form body decoding with the same Boost.URL grammar as query strings ('+' is a space).
#include "http/form.hpp"

#include <boost/url/params_view.hpp>
#include <boost/url/parse_query.hpp>

namespace amt::http {

std::optional<Fields> parse_form(std::string_view body) {
  Fields out;
  if (body.empty()) return out;
  if (!boost::urls::parse_query(body)) return std::nullopt;
  boost::urls::encoding_opts opts;
  opts.space_as_plus = true;
  for (const auto& param : boost::urls::params_view(body, opts))
    out.emplace_back(param.key, param.has_value ? param.value : std::string());
  return out;
}

std::string field(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields)
    if (key == name) return value;
  return {};
}

}  // namespace amt::http
