// QR module matrices from libqrencode; in the SVG the dark modules of each row are merged into runs,
// so a typical booking-code QR is one short path.
#include "app/qr.hpp"

#include <memory>
#include <stdexcept>

#include <qrencode.h>

namespace amt::app {
namespace {

constexpr int quiet_zone = 4;  // modules of light border the QR standard asks for

std::string xml_escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

struct QrFree {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

}  // namespace

BitImage qr_modules(std::string_view text) {
  const std::string data(text);
  // Byte mode keeps any UTF-8 as is; level M survives a scratched or badly lit screen.
  std::unique_ptr<QRcode, QrFree> code(QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M));
  if (!code) throw std::runtime_error("the text does not fit in a QR code");
  const int width = code->width;
  BitImage image{width + 2 * quiet_zone, width + 2 * quiet_zone, {}};
  image.black.assign(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height), false);
  for (int y = 0; y < width; ++y)
    for (int x = 0; x < width; ++x)
      image.black[static_cast<std::size_t>((y + quiet_zone) * image.width + x + quiet_zone)] =
          (code->data[y * width + x] & 1) != 0;
  return image;
}

std::string qr_svg(std::string_view text, std::string_view title) {
  const BitImage modules = qr_modules(text);
  std::string path;
  for (int y = 0; y < modules.height; ++y) {
    for (int x = 0; x < modules.width;) {
      if (!modules.at(x, y)) {
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < modules.width && modules.at(x + run, y)) ++run;
      path += "M" + std::to_string(x) + " " + std::to_string(y) + "h" + std::to_string(run) + "v1h-" +
              std::to_string(run) + "z";
      x += run;
    }
  }
  const std::string s = std::to_string(modules.width);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + s + " " + s +
         "\" shape-rendering=\"crispEdges\" role=\"img\"><title>" + xml_escape(title.empty() ? text : title) +
         "</title><rect width=\"" + s + "\" height=\"" + s + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path +
         "\"/></svg>";
}

std::string qr_png(std::string_view text, int module_px) { return encode_png(scaled(qr_modules(text), module_px)); }

}  // namespace amt::app
