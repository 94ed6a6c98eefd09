#include "drivers/bitmap.hpp"

#include <gtest/gtest.h>

using caisse::drivers::Bitmap;

TEST(Bitmap, BlitClipsAndInvertKeepsPaddingWhite) {
    Bitmap dst(10, 2);
    Bitmap src(3, 3);
    src.set(0, 0);
    src.set(2, 2);
    dst.blit(src, 8, -1);  // (0,0) lands at y=-1: clipped; (2,2) lands at (10,1): clipped
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 10; ++x) EXPECT_FALSE(dst.get(x, y));
    dst.blit(src, 0, 0);
    EXPECT_TRUE(dst.get(0, 0));
    dst.invert();
    EXPECT_FALSE(dst.get(0, 0));
    EXPECT_TRUE(dst.get(9, 1));
    EXPECT_EQ(dst.bits[1] & 0x3F, 0);  // the six padding bits of row 0 stay white
}
