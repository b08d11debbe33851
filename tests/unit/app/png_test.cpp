// The PNG writer read back byte by byte: signature, IHDR fields, chunk CRCs, and IDAT inflating
// to exactly the expected 1-bit scanlines.
#include "app/png.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <stdexcept>

#include "app/qr.hpp"

namespace amt::app {
namespace {

std::uint32_t u32(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s.at(at + i));
  return v;
}

struct Chunk {
  std::string type;
  std::string data;
};

// Splits the file into chunks, checking each CRC on the way.
std::vector<Chunk> chunks(const std::string& png) {
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n"));
  std::vector<Chunk> out;
  for (std::size_t at = 8; at < png.size();) {
    const std::uint32_t length = u32(png, at);
    const std::string typed = png.substr(at + 4, 4 + length);
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(typed.data()), static_cast<uInt>(typed.size()));
    EXPECT_EQ(u32(png, at + 8 + length), crc) << "CRC of " << typed.substr(0, 4);
    out.push_back({typed.substr(0, 4), typed.substr(4)});
    at += 12 + length;
  }
  return out;
}

std::string inflate_all(const std::string& data, std::size_t expected) {
  std::string out(expected + 16, '\0');
  uLongf size = static_cast<uLongf>(out.size());
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                       static_cast<uLong>(data.size())),
            Z_OK);
  out.resize(size);
  return out;
}

// A 10 x 2 image: row 0 black at x = 0 and x = 9, row 1 all black.
BitImage sample() {
  BitImage image{10, 2, std::vector<bool>(20, false)};
  image.black[0] = image.black[9] = true;
  for (int x = 10; x < 20; ++x) image.black[static_cast<std::size_t>(x)] = true;
  return image;
}

TEST(Png, HeaderChunkDescribesAOneBitGrayscaleImageOfTheRightSize) {
  const auto parts = chunks(encode_png(sample()));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0].type, "IHDR");
  EXPECT_EQ(parts[1].type, "IDAT");
  EXPECT_EQ(parts[2].type, "IEND");
  EXPECT_TRUE(parts[2].data.empty());
  const std::string& h = parts[0].data;
  ASSERT_EQ(h.size(), 13u);
  EXPECT_EQ(u32(h, 0), 10u);
  EXPECT_EQ(u32(h, 4), 2u);
  EXPECT_EQ(h.substr(8), std::string("\x01\x00\x00\x00\x00", 5));  // depth 1, grayscale, no interlace
}

TEST(Png, ImageDataInflatesToFilteredRowsWithBlackAsZeroBits) {
  const auto parts = chunks(encode_png(sample()));
  // Each row: filter byte 0, then 10 pixels in 2 bytes, white = 1, padding bits 0.
  const std::string expected = std::string("\x00\x7F\x80\x00\x00\x00", 6);
  EXPECT_EQ(inflate_all(parts[1].data, expected.size()), expected);
}

TEST(Png, ScalingTurnsEachPixelIntoASquare) {
  const BitImage big = scaled(sample(), 3);
  ASSERT_EQ(big.width, 30);
  ASSERT_EQ(big.height, 6);
  EXPECT_TRUE(big.at(2, 2));
  EXPECT_FALSE(big.at(3, 2));
  EXPECT_TRUE(big.at(29, 0));
  EXPECT_TRUE(big.at(15, 5));
  EXPECT_THROW(scaled(sample(), 0), std::invalid_argument);
}

TEST(Png, EmptyOrInconsistentImagesAreRefused) {
  EXPECT_THROW(encode_png(BitImage{}), std::invalid_argument);
  EXPECT_THROW(encode_png(BitImage{3, 3, std::vector<bool>(8, false)}), std::invalid_argument);
}

TEST(Png, BookingCodeQrIsASmallSquarePngWithTheModulesOfTheCode) {
  const std::string png = qr_png("K7M2QX", 8);
  const BitImage modules = qr_modules("K7M2QX");
  EXPECT_EQ(modules.width, 21 + 8);  // version 1 plus the quiet zone on both sides
  EXPECT_LT(png.size(), 2000u);
  const auto parts = chunks(png);
  ASSERT_EQ(parts.size(), 3u);
  const std::uint32_t side = u32(parts[0].data, 0);
  EXPECT_EQ(side, 29u * 8u);
  EXPECT_EQ(u32(parts[0].data, 4), side);
  const std::size_t row = 1 + (side + 7) / 8;
  const std::string raw = inflate_all(parts[1].data, row * side);
  ASSERT_EQ(raw.size(), row * side);
  // The top-left finder pattern starts after 4 light modules: pixel (32, 32) is black, (31, 31) white.
  const auto pixel = [&](std::size_t x, std::size_t y) {
    return (static_cast<unsigned char>(raw[y * row + 1 + x / 8]) & (0x80 >> (x % 8))) == 0;
  };
  EXPECT_TRUE(pixel(32, 32));
  EXPECT_FALSE(pixel(31, 31));
  EXPECT_TRUE(pixel(32 + 6 * 8, 32));   // the finder's top edge is 7 modules wide
  EXPECT_FALSE(pixel(32 + 7 * 8, 32));  // then its light separator
}

}  // namespace
}  // namespace amt::app
