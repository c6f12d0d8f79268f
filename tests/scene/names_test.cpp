// Labels read as names for people; the code names stay in files.
#include <gtest/gtest.h>

#include "scene/names.hpp"

namespace palpa::scene {
namespace {

TEST(Names, CodeNamesReadAsAnatomicalNames) {
    EXPECT_EQ(displayName("lesser_trochanter_right"), "Lesser trochanter (right)");
    EXPECT_EQ(displayName("aortic_bifurcation"), "Aortic bifurcation");
    EXPECT_EQ(displayName("asis_left"), "ASIS (left)");
    EXPECT_EQ(displayName("vertebra_L4"), "Vertebra L4");
    EXPECT_EQ(displayName("disc_L4_L5"), "Disc L4-L5");
    EXPECT_EQ(displayName("L3"), "L3");
    EXPECT_EQ(displayName("psoas_major_left"), "Psoas major (left)");
    EXPECT_EQ(displayName("umbilicus"), "Umbilicus");
    EXPECT_EQ(displayName("left"), "(left)");
    EXPECT_EQ(displayName(""), "");
}

}  // namespace
}  // namespace palpa::scene
