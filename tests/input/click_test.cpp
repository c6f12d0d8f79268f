// Clicks come from the button's events and wait in a queue: a click pressed and released
// between two frames (a frame slower than the click) is not lost, two quick clicks give two,
// and a drag is not a click.
#include <gtest/gtest.h>

#include "platform/window.hpp"

namespace palpa::platform {
namespace {

TEST(ClickTracker, AClickFasterThanAFrameIsKept) {
    ClickTracker t;
    t.press(100, 200);
    t.release(101, 200);  // both within one (slow) frame
    const auto c = t.next();
    ASSERT_TRUE(c.has_value());
    EXPECT_DOUBLE_EQ(c->x, 101);
    EXPECT_FALSE(t.next().has_value());
}

TEST(ClickTracker, TwoQuickClicksAreTakenOneAFrame) {
    ClickTracker t;
    t.press(10, 10);
    t.release(10, 10);
    t.press(50, 60);
    t.release(50, 61);
    EXPECT_DOUBLE_EQ(t.next()->x, 10);  // this frame: the answer
    EXPECT_DOUBLE_EQ(t.next()->y, 61);  // the next frame: "Next"
    EXPECT_FALSE(t.next().has_value());
}

TEST(ClickTracker, ADragIsNotAClick) {
    ClickTracker t;
    t.press(10, 10);
    t.release(40, 10);
    EXPECT_FALSE(t.next().has_value());
    t.release(10, 10);  // a release without a press
    EXPECT_FALSE(t.next().has_value());
}

}  // namespace
}  // namespace palpa::platform
