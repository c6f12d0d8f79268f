#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "headset/gestures.hpp"
#include "headset/panel_layout.hpp"
#include "headset/pulse.hpp"
#include "input/hand_model.hpp"
#include "render/panel.hpp"

namespace palpa::headset {
namespace {

input::HandPose handWithTips(const glm::vec3& thumb, const glm::vec3& index) {
    input::HandPose h{};
    h[kThumbTip].position = thumb;
    h[kIndexTip].position = index;
    h[kIndexProximal].position = index - glm::vec3(0.0f, 0.0f, -0.05f);
    return h;
}

TEST(Pinch, OneClickPerPinchWithHysteresis) {
    PinchDetector p;
    const glm::vec3 t(0.0f);
    EXPECT_FALSE(p.update(handWithTips(t, {0.05f, 0, 0})));
    EXPECT_TRUE(p.update(handWithTips(t, {0.01f, 0, 0})));    // closes: one click
    EXPECT_FALSE(p.update(handWithTips(t, {0.005f, 0, 0})));  // still closed
    EXPECT_FALSE(p.update(handWithTips(t, {0.02f, 0, 0})));  // between the thresholds: still closed
    EXPECT_TRUE(p.closed());
    EXPECT_FALSE(p.update(handWithTips(t, {0.04f, 0, 0})));  // opens
    EXPECT_FALSE(p.closed());
    EXPECT_TRUE(p.update(handWithTips(t, {0.01f, 0, 0})));  // a second pinch
    EXPECT_FALSE(p.update(std::nullopt));                   // lost hand opens it
    EXPECT_FALSE(p.closed());
}

TEST(Pointing, RayRunsAlongTheIndexFinger) {
    const input::HandPose h = handWithTips({0, 0, 0}, {0.1f, 0.2f, 0.3f});
    const Ray r = pointingRay(h);
    EXPECT_NEAR(glm::length(r.origin - glm::vec3(0.1f, 0.2f, 0.3f)), 0.0f, 1e-6f);
    EXPECT_NEAR(r.direction.z, -1.0f, 1e-6f);
}

TEST(PanelTouch, MapsTheFingerToPanelPixels) {
    // A 0.4 x 0.3 m panel at (1, 1, 0) facing -X, right along +Z, up +Y.
    const glm::mat4 m =
        render::panelTransform({1.0f, 1.0f, 0.0f}, {0, 0, 1}, {0, 1, 0}, 0.4f, 0.3f);
    const glm::vec2 px(640.0f, 480.0f);
    // The top-left corner region, 2 cm in front: hover, not pressed.
    auto t = touchPanel(m, px, {0.98f, 1.15f - 0.03f, -0.2f + 0.04f});
    ASSERT_TRUE(t);
    EXPECT_NEAR(t->pixel.x, 0.1f * 640.0f, 1e-2f);
    EXPECT_NEAR(t->pixel.y, 0.1f * 480.0f, 1e-2f);
    EXPECT_NEAR(t->distance_m, 0.02f, 1e-5f);
    EXPECT_FALSE(t->pressed);
    // Pushed through the surface: pressed.
    t = touchPanel(m, px, {1.005f, 1.0f, 0.0f});
    ASSERT_TRUE(t);
    EXPECT_TRUE(t->pressed);
    EXPECT_NEAR(t->pixel.x, 320.0f, 1e-2f);
    // Off the panel's side, or far in front of it: nothing.
    EXPECT_FALSE(touchPanel(m, px, {0.99f, 1.0f, 0.25f}));
    EXPECT_FALSE(touchPanel(m, px, {0.8f, 1.0f, 0.0f}));
}

// The patient menu's buttons lie on the panel, side by side without overlapping, and a point
// made by panelPoint over a button's centre touches the panel at that pixel (pressed when
// pushed through it), whatever way the panel faces.
TEST(PanelLayout, PatientButtonsSitOnThePanelAndPanelPointInvertsTouch) {
    const glm::vec2 px(kPanelPixels);
    for (int i = 0; i < kPatientButtons; ++i) {
        const PixelRect r = patientButton(i);
        EXPECT_GE(r.min.x, 0.0f);
        EXPECT_GE(r.min.y, px.y * 0.5f);  // in the bottom half, under the activity's text
        EXPECT_LE(r.min.x + r.size.x, px.x);
        EXPECT_LE(r.min.y + r.size.y, px.y);
        EXPECT_GE(r.size.y, 40.0f);  // big enough for a fingertip on a 30 cm panel (2.2 cm)
        if (i > 0) {
            EXPECT_GE(r.min.x, patientButton(i - 1).min.x + patientButton(i - 1).size.x);
        }
    }
    const glm::mat4 faces[] = {
        render::panelTransform(kPanel.centre, kPanel.right, kPanel.up, kPanel.width_m, kPanel.height_m),
        render::panelTransform({0.3f, 1.1f, -0.2f}, glm::normalize(glm::vec3(1.0f, 0.0f, 1.0f)),
                               {0.0f, 1.0f, 0.0f}, 0.6f, 0.4f)};
    for (const glm::mat4& m : faces)
        for (int i = 0; i < kPatientButtons; ++i) {
            const glm::vec2 centre = patientButton(i).centre();
            const auto hover = touchPanel(m, px, panelPoint(m, px, centre, 0.02f));
            ASSERT_TRUE(hover);
            EXPECT_NEAR(hover->pixel.x, centre.x, 0.01f);
            EXPECT_NEAR(hover->pixel.y, centre.y, 0.01f);
            EXPECT_NEAR(hover->distance_m, 0.02f, 1e-4f);
            EXPECT_FALSE(hover->pressed);
            const auto push = touchPanel(m, px, panelPoint(m, px, centre, -0.01f));
            ASSERT_TRUE(push);
            EXPECT_TRUE(push->pressed);
        }
}

// The pulse beats once per heartbeat while a thumb feels it, at once when it starts, and not
// at all for the other hand.
TEST(PulseBeats, OnceAHeartbeatWhileFelt) {
    PulseBeats beats;
    int left = 0, right = 0;
    double first = -1.0;
    for (int i = 0; i < 900; ++i) {  // 10 s at 90 Hz, felt from 2 s to 7 s on the left
        const double t = i / 90.0;
        const auto b = beats.update(t, {t >= 2.0 && t < 7.0, false}, 60.0);
        if (b[0] && first < 0.0) first = t;
        left += b[0];
        right += b[1];
    }
    EXPECT_NEAR(first, 2.0, 0.012);
    EXPECT_EQ(left, 5);  // at 2, 3, 4, 5 and 6 s
    EXPECT_EQ(right, 0);
}

}  // namespace
}  // namespace palpa::headset
