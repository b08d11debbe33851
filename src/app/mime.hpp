// An outbox e-mail as an RFC 5322 / MIME message: text/plain UTF-8 body (base64) first and, when
// there are any, the attachment (e.g. the .ics) and the QR code of qr_text as an inline PNG
// ("booking-code.png") in a multipart/mixed. CRLF line ends throughout.
#pragma once

#include <string>
#include <string_view>

#include "store/store.hpp"

namespace amt::app {

// "Name <addr@host>" or "addr@host" -> "addr@host".
std::string address_of(std::string_view mailbox);
// Stable for one outbox message, so a retry after an unclear failure carries the same id.
std::string message_id(const store::OutboxMessage& m, std::string_view from);
// Throws std::invalid_argument when a header value would contain CR or LF (header injection).
std::string compose_mail(const store::OutboxMessage& m, std::string_view from, Instant date);

std::string base64_lines(std::string_view data);

inline constexpr std::string_view qr_png_name = "booking-code.png";  // base64, 76 characters per line, CRLF after each

}  // namespace amt::app
