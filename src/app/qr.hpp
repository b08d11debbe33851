// QR codes of short texts such as the booking code (libqrencode): as compact inline SVG for the
// confirmation page and as a PNG for the confirmation e-mail.
#pragma once

#include <string>
#include <string_view>

#include "app/png.hpp"

namespace amt::app {

// The modules, one pixel each, inside a 4-module light quiet zone. Throws std::runtime_error when
// the text is too long for a QR code.
BitImage qr_modules(std::string_view text);

// One <path> of dark modules inside a 4-module quiet zone, crisp edges, and a <title> for screen
// readers (title empty: the text itself). Throws std::runtime_error when text is too long for QR.
std::string qr_svg(std::string_view text, std::string_view title = {});

// The same code as a PNG file, each module module_px pixels wide (8: a 6-character booking code
// becomes 264 x 264 pixels, a few hundred bytes).
std::string qr_png(std::string_view text, int module_px = 8);

}  // namespace amt::app
