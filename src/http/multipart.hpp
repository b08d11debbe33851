// multipart/form-data bodies (RFC 7578), for HTML forms that upload a file and work without
// JavaScript. Text parts become ordinary form fields; file parts keep their bytes and given name.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace amt::http {

struct FilePart {
  std::string field;         // the form field's name
  std::string file_name;     // as the browser sent it: for display only, never a path
  std::string content_type;  // as declared: not to be trusted
  std::string data;
};

struct MultipartForm {
  Fields fields;  // the text parts, in order
  std::vector<FilePart> files;
};

// The boundary parameter of a "multipart/form-data; boundary=..." Content-Type, or empty.
std::string multipart_boundary(std::string_view content_type);
// nullopt when content_type is not multipart/form-data or the body is not well formed.
std::optional<MultipartForm> parse_multipart(std::string_view content_type, std::string_view body);

}  // namespace amt::http
