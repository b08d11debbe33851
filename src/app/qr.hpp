// QR codes as compact inline SVG (libqrencode), e.g. the booking code on the confirmation page.
#pragma once

#include <string>
#include <string_view>

namespace amt::app {

// One <path> of dark modules inside a 4-module quiet zone, crisp edges, and a <title> for screen
// readers (title empty: the text itself). Throws std::runtime_error when text is too long for QR.
std::string qr_svg(std::string_view text, std::string_view title = {});

}  // namespace amt::app
