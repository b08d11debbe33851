// The QR SVG draws exactly libqrencode's modules, inside a quiet zone, with an accessible title.
#include "app/qr.hpp"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <cstdio>
#include <vector>

namespace amt::app {
namespace {

using Grid = std::vector<std::vector<bool>>;

// Hand-parsed rather than with std::regex, whose GCC 12 headers trip -Wmaybe-uninitialized under ASan.
std::string after(const std::string& svg, const std::string& marker) {
  const auto at = svg.find(marker);
  EXPECT_NE(at, std::string::npos) << marker;
  return at == std::string::npos ? std::string{} : svg.substr(at + marker.size());
}

int view_size(const std::string& svg) {
  int width = 0, height = 0;
  EXPECT_EQ(std::sscanf(after(svg, "viewBox=\"0 0 ").c_str(), "%d %d\"", &width, &height), 2);
  EXPECT_EQ(width, height);
  return width;
}

// Paints the path's "Mx yhNv1h-Nz" runs back onto a grid the size of the view box.
Grid painted(const std::string& svg) {
  const int size = view_size(svg);
  Grid grid(size, std::vector<bool>(size, false));
  const std::string rest = after(svg, "<path fill=\"#000\" d=\"");
  const std::string path = rest.substr(0, rest.find('"'));
  std::size_t covered = 0;
  int x = 0, y = 0, n = 0, back = 0, used = 0;
  while (covered < path.size() &&
         std::sscanf(path.c_str() + covered, "M%d %dh%dv1h-%dz%n", &x, &y, &n, &back, &used) == 4 && used > 0) {
    EXPECT_EQ(n, back);
    for (int i = 0; i < n; ++i) grid.at(y).at(x + i) = true;
    covered += static_cast<std::size_t>(used);
    used = 0;
  }
  EXPECT_EQ(covered, path.size()) << "the path holds nothing but runs";
  return grid;
}

TEST(Qr, SvgDrawsExactlyTheEncodersModulesInsideAFourModuleQuietZone) {
  const std::string text = "K7M4QX";
  QRcode* code = QRcode_encodeString8bit(text.c_str(), 0, QR_ECLEVEL_M);
  ASSERT_NE(code, nullptr);
  const Grid grid = painted(qr_svg(text));
  ASSERT_EQ(static_cast<int>(grid.size()), code->width + 8);
  for (int y = 0; y < static_cast<int>(grid.size()); ++y) {
    for (int x = 0; x < static_cast<int>(grid.size()); ++x) {
      const bool inside = x >= 4 && y >= 4 && x < code->width + 4 && y < code->width + 4;
      const bool dark = inside && (code->data[(y - 4) * code->width + (x - 4)] & 1);
      ASSERT_EQ(grid[y][x], dark) << x << "," << y;
    }
  }
  QRcode_free(code);
}

TEST(Qr, TopLeftFinderPatternIsASolidRingAroundASolidCentre) {
  const Grid g = painted(qr_svg("https://termine.example.org/manage?code=K7M4QX"));
  for (int i = 0; i < 7; ++i) {
    EXPECT_TRUE(g[4][4 + i] && g[10][4 + i] && g[4 + i][4] && g[4 + i][10]) << i;
  }
  for (int y = 6; y <= 8; ++y)
    for (int x = 6; x <= 8; ++x) EXPECT_TRUE(g[y][x]);
  EXPECT_FALSE(g[5][5]);
}

TEST(Qr, SameTextGivesTheSameSvg) { EXPECT_EQ(qr_svg("K7M4QX"), qr_svg("K7M4QX")); }

TEST(Qr, LongerTextNeedsALargerSymbol) {
  const int small = view_size(qr_svg("K7M4QX"));
  const int large = view_size(qr_svg(std::string(300, 'x')));
  EXPECT_EQ(small, 21 + 8);  // version 1
  EXPECT_GT(large, small);
  EXPECT_EQ((large - 8 - 17) % 4, 0) << "every version adds four modules";
}

TEST(Qr, SvgIsOneCrispPathWithAnEscapedAccessibleTitle) {
  const std::string svg = qr_svg("K7M4QX", "Buchungscode <K7M4QX> & \"mehr\"");
  EXPECT_TRUE(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  EXPECT_TRUE(svg.ends_with("</svg>"));
  EXPECT_NE(svg.find("shape-rendering=\"crispEdges\""), std::string::npos);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("<title>Buchungscode &lt;K7M4QX&gt; &amp; &quot;mehr&quot;</title>"), std::string::npos);
  std::size_t paths = 0;
  for (auto at = svg.find("<path"); at != std::string::npos; at = svg.find("<path", at + 1)) ++paths;
  EXPECT_EQ(paths, 1u);
}

TEST(Qr, TextTooLongForAnyVersionIsRefused) {
  EXPECT_THROW(qr_svg(std::string(4000, 'x')), std::runtime_error);
}

}  // namespace
}  // namespace amt::app
