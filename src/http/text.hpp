// Small text helpers the http layer shares: ASCII case folding and JSON string escaping.
// Kept here so amt_http needs no JSON library for its own problem+json answers.
#pragma once

#include <string>
#include <string_view>

namespace amt::http {

bool iequals(std::string_view a, std::string_view b) noexcept;
void to_lower_ascii(std::string& s) noexcept;
// The method if it is a standard one, else "OTHER": keeps client-chosen tokens out of metric
// labels and log lines.
std::string_view fold_method(std::string_view method) noexcept;
// Appends s as the inside of a JSON string (without quotes); control characters become \uXXXX.
void append_json_escaped(std::string& out, std::string_view s);
// s without the optional whitespace (spaces and tabs) around header values and their parts.
std::string_view trim_ows(std::string_view s) noexcept;

}  // namespace amt::http
