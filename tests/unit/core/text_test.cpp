// ASCII case folding: codes, header names and staff searches compare case-blind, names keep umlauts.
#include "core/text.hpp"

#include <gtest/gtest.h>

namespace amt {

TEST(Text, FoldsAsciiLettersOnly) {
  EXPECT_EQ(ascii_lower("Content-Type: Multipart/Form-Data"), "content-type: multipart/form-data");
  EXPECT_EQ(ascii_upper("ab12-xy"), "AB12-XY");
  // UTF-8 bytes of Ä and ß pass unchanged: no locale decides how a citizen's name is spelt.
  EXPECT_EQ(ascii_lower("\xC3\x84RGER Stra\xC3\x9F" "e"), "\xC3\x84rger stra\xC3\x9F" "e");
  EXPECT_EQ(ascii_upper("\xC3\xA4rger"), "\xC3\xA4RGER");
  EXPECT_EQ(ascii_lower(""), "");
}

}  // namespace amt
