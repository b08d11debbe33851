// Headers every HTML page carries: a strict Content-Security-Policy (no inline script or style,
// nothing from other hosts), no framing, no sniffing, no referrer (manage links carry tokens).
#pragma once

#include "http/message.hpp"

namespace amt::http {

void add_security_headers(Response& response);

}  // namespace amt::http
