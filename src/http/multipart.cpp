// A strict multipart/form-data reader: CRLF line ends, a closing delimiter, Content-Disposition
// form-data with a name on every part. Anything else is refused rather than guessed at.
#include "http/multipart.hpp"

#include <algorithm>
#include <cctype>

#include "core/text.hpp"
#include "http/text.hpp"

namespace amt::http {

namespace {

// The value of parameter key in a header value like `form-data; name="file"; filename="a.pdf"`.
std::optional<std::string> parameter(std::string_view v, std::string_view key) {
  const auto skip_blanks = [&](std::size_t i) {
    while (i < v.size() && (v[i] == ' ' || v[i] == '\t')) ++i;
    return i;
  };
  std::size_t i = v.find(';');
  while (i != std::string_view::npos) {
    i = skip_blanks(i + 1);
    const auto eq = v.find('=', i);
    if (eq == std::string_view::npos) return std::nullopt;
    const std::string name = ascii_lower(trim_ows(v.substr(i, eq - i)));
    i = skip_blanks(eq + 1);
    std::string value;
    if (i < v.size() && v[i] == '"') {
      for (++i; i < v.size() && v[i] != '"'; ++i) {
        if (v[i] == '\\' && i + 1 < v.size()) ++i;  // quoted-pair
        value += v[i];
      }
      if (i >= v.size()) return std::nullopt;  // unterminated quote
      ++i;
    } else {
      const std::size_t semi = std::min(v.find(';', i), v.size());
      value = std::string(trim_ows(v.substr(i, semi - i)));
      i = semi;
    }
    if (name == key) return value;
    i = v.find(';', i);
  }
  return std::nullopt;
}

// One part: headers, blank line, content. False when it is not a named form-data part.
bool read_part(std::string_view part, MultipartForm& form) {
  const auto end_of_headers = part.find("\r\n\r\n");
  if (end_of_headers == std::string_view::npos) return false;
  std::string_view headers = part.substr(0, end_of_headers + 2);
  const std::string_view content = part.substr(end_of_headers + 4);
  std::optional<std::string> name, file_name;
  std::string type;
  bool form_data = false;
  while (!headers.empty()) {
    const auto eol = headers.find("\r\n");
    const std::string_view line = headers.substr(0, eol);
    headers.remove_prefix(eol + 2);
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string header = ascii_lower(trim_ows(line.substr(0, colon)));
    const std::string_view value = trim_ows(line.substr(colon + 1));
    if (header == "content-disposition") {
      form_data = ascii_lower(trim_ows(value.substr(0, value.find(';')))) == "form-data";
      name = parameter(value, "name");
      file_name = parameter(value, "filename");
    } else if (header == "content-type") {
      type = std::string(value);
    }
  }
  if (!form_data || !name) return false;
  if (file_name)
    form.files.push_back({*name, *file_name, type, std::string(content)});
  else
    form.fields.emplace_back(*name, std::string(content));
  return true;
}

}  // namespace

std::string multipart_boundary(std::string_view content_type) {
  if (ascii_lower(trim_ows(content_type.substr(0, content_type.find(';')))) != "multipart/form-data") return {};
  const auto boundary = parameter(content_type, "boundary");
  if (!boundary || boundary->empty() || boundary->size() > 70) return {};
  return *boundary;
}

std::optional<MultipartForm> parse_multipart(std::string_view content_type, std::string_view body) {
  const std::string boundary = multipart_boundary(content_type);
  if (boundary.empty()) return std::nullopt;
  const std::string first = "--" + boundary + "\r\n";
  const std::string delimiter = "\r\n--" + boundary;
  // A preamble before the first delimiter is allowed and ignored.
  std::size_t at = body.starts_with(first) ? 0 : body.find("\r\n" + first);
  if (at == std::string_view::npos) return std::nullopt;
  at = body.find(first, at) + first.size();
  MultipartForm form;
  for (;;) {
    const auto end = body.find(delimiter, at);
    if (end == std::string_view::npos) return std::nullopt;  // no closing delimiter: cut off
    if (!read_part(body.substr(at, end - at), form)) return std::nullopt;
    at = end + delimiter.size();
    if (body.substr(at, 2) == "--") return form;
    if (body.substr(at, 2) != "\r\n") return std::nullopt;
    at += 2;
  }
}

}  // namespace amt::http
