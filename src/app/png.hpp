// A minimal PNG writer for black-and-white images such as QR codes: 1 bit per pixel, grayscale,
// deflated with zlib. Mail clients show PNG where they refuse SVG.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace amt::app {

// Pixels row by row, top to bottom; true is black.
struct BitImage {
  int width = 0;
  int height = 0;
  std::vector<bool> black;

  bool at(int x, int y) const {
    return black[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)];
  }
};

// The PNG file's bytes: signature, IHDR (grayscale, bit depth 1), one IDAT, IEND. Throws
// std::invalid_argument for an empty image or one whose pixel count does not match its size.
std::string encode_png(const BitImage& image);

// Each pixel as a scale x scale square, so a QR module becomes a block a phone camera reads.
BitImage scaled(const BitImage& image, int scale);

}  // namespace amt::app
