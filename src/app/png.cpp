// PNG chunks are length, type, data and a CRC-32 over type and data (RFC 2083); zlib provides
// both the deflate stream IDAT carries and the CRC.
#include "app/png.hpp"

#include <stdexcept>

#include <zlib.h>

namespace amt::app {
namespace {

void put_u32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}

void chunk(std::string& out, const char type[5], const std::string& data) {
  put_u32(out, static_cast<std::uint32_t>(data.size()));
  const std::string body = std::string(type, 4) + data;
  out += body;
  put_u32(out, static_cast<std::uint32_t>(
                   crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
}

// Each row: filter type 0 (none), then 8 pixels a byte, most significant bit first. In 1-bit
// grayscale 0 is black and 1 white; the unused low bits of a row's last byte stay 0.
std::string scanlines(const BitImage& image) {
  const std::size_t row_bytes = (static_cast<std::size_t>(image.width) + 7) / 8;
  std::string raw;
  raw.reserve((row_bytes + 1) * static_cast<std::size_t>(image.height));
  for (int y = 0; y < image.height; ++y) {
    raw.push_back('\0');
    for (std::size_t b = 0; b < row_bytes; ++b) {
      unsigned char byte = 0;
      for (int bit = 0; bit < 8; ++bit) {
        const int x = static_cast<int>(b * 8) + bit;
        if (x < image.width && !image.at(x, y)) byte |= static_cast<unsigned char>(0x80 >> bit);
      }
      raw.push_back(static_cast<char>(byte));
    }
  }
  return raw;
}

std::string deflate(const std::string& raw) {
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string out(size, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(raw.data()),
                           static_cast<uLong>(raw.size()), Z_BEST_COMPRESSION);
  if (rc != Z_OK) throw std::runtime_error("zlib could not compress the PNG image data");
  out.resize(size);
  return out;
}

}  // namespace

std::string encode_png(const BitImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.black.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height))
    throw std::invalid_argument("a PNG needs a non-empty image with one pixel per position");
  std::string out = "\x89PNG\r\n\x1a\n";
  std::string header;
  put_u32(header, static_cast<std::uint32_t>(image.width));
  put_u32(header, static_cast<std::uint32_t>(image.height));
  header += std::string("\x01\x00\x00\x00\x00", 5);  // bit depth 1, grayscale, deflate, filter 0, no interlace
  chunk(out, "IHDR", header);
  chunk(out, "IDAT", deflate(scanlines(image)));
  chunk(out, "IEND", "");
  return out;
}

BitImage scaled(const BitImage& image, int scale) {
  if (scale < 1) throw std::invalid_argument("scale must be at least 1");
  BitImage out{image.width * scale, image.height * scale, {}};
  out.black.reserve(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height));
  for (int y = 0; y < out.height; ++y)
    for (int x = 0; x < out.width; ++x) out.black.push_back(image.at(x / scale, y / scale));
  return out;
}

}  // namespace amt::app
