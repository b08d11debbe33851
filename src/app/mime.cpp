// MIME composition. Everything non-ASCII travels base64-encoded (body, attachment) or as RFC 2047
// encoded words (subject), so the message is 7-bit clean for any relay.
#include "app/mime.hpp"

#include <stdexcept>

#include <sodium.h>

#include "app/qr.hpp"

namespace amt::app {
namespace {

std::string base64(std::string_view data) {
  std::string out(sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(data.data()), data.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::string header_value(std::string_view v) {
  if (v.find_first_of("\r\n") != std::string_view::npos)
    throw std::invalid_argument("line break in a mail header value");
  return std::string(v);
}

// RFC 2047 encoded words of at most 39 input octets each (52 base64 characters + 12 of frame, so
// even the first one after "Subject: " stays under 78), split on UTF-8 character boundaries.
std::string encoded_words(std::string_view text) {
  std::string out;
  while (!text.empty()) {
    std::size_t n = std::min<std::size_t>(39, text.size());
    while (n < text.size() && n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

std::string domain_of(std::string_view address) {
  const auto at = address.rfind('@');
  return at == std::string_view::npos ? "localhost" : std::string(address.substr(at + 1));
}

// One base64 part with its file name; "inline" asks clients to show it after the text.
std::string file_part(std::string_view type, std::string_view name, std::string_view disposition,
                      std::string_view data) {
  return "Content-Type: " + header_value(type) + ";\r\n name=\"" + header_value(name) + "\"\r\n" +
         "Content-Disposition: " + std::string(disposition) + "; filename=\"" + header_value(name) + "\"\r\n" +
         "Content-Transfer-Encoding: base64\r\n\r\n" + base64_lines(data);
}

}  // namespace

std::string address_of(std::string_view mailbox) {
  const auto open = mailbox.rfind('<');
  const auto close = mailbox.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && open < close)
    return std::string(mailbox.substr(open + 1, close - open - 1));
  return std::string(mailbox);
}

std::string base64_lines(std::string_view data) {
  const std::string b = base64(data);
  std::string out;
  for (std::size_t i = 0; i < b.size(); i += 76) out += b.substr(i, 76) + "\r\n";
  return out;
}

std::string message_id(const store::OutboxMessage& m, std::string_view from) {
  return "<outbox-" + m.id + "@" + domain_of(address_of(from)) + ">";
}

std::string compose_mail(const store::OutboxMessage& m, std::string_view from, Instant date) {
  std::string s;
  s += "Date: " + date::format("%a, %d %b %Y %H:%M:%S +0000", date) + "\r\n";
  s += "From: " + header_value(from) + "\r\n";
  s += "To: " + header_value(m.recipient) + "\r\n";
  s += "Subject: " + encoded_words(m.subject) + "\r\n";
  s += "Message-ID: " + header_value(message_id(m, from)) + "\r\n";
  s += "MIME-Version: 1.0\r\nAuto-Submitted: auto-generated\r\n";
  const std::string text_part = "Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
                                base64_lines(m.body);
  if (m.attachment_name.empty() && m.qr_text.empty()) return s + text_part;

  const std::string boundary = "=_amtstermin_" + m.id;  // "=_" never occurs in base64 lines
  s += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
  s += "--" + boundary + "\r\n" + text_part;
  if (!m.attachment_name.empty())
    s += "--" + boundary + "\r\n" + file_part(m.attachment_type, m.attachment_name, "attachment", m.attachment);
  if (!m.qr_text.empty())
    s += "--" + boundary + "\r\n" + "Content-ID: <booking-code@" + domain_of(address_of(from)) + ">\r\n" +
         file_part("image/png", qr_png_name, "inline", qr_png(m.qr_text));
  s += "--" + boundary + "--\r\n";
  return s;
}

}  // namespace amt::app
