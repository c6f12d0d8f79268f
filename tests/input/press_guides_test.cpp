// The pictures on the body while practising: the target zones lie on the model's skin at the
// technique's placement band, the ideal press points into each target, and a measured press is
// drawn beside the ideal one, marked (colour and thickness) when it is off the direction band.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/geometric.hpp>
#include <glm/gtc/quaternion.hpp>

#include "app/press_guides.hpp"
#include "scene/loader.hpp"

namespace palpa::app {
namespace {

struct Fixture {
    scene::Scene scene = scene::loadScene(std::string(PALPA_TEST_ASSETS) + "/models/psoas-region.glb");
    scoring::Patient patient = scoring::Patient::fromScene(scene, {"psoas-region.glb", ""});
    scoring::Technique technique = scoring::loadTechnique(std::string(PALPA_TEST_ASSETS) + "/techniques/psoas-release.json");
    scoring::Plan plan = scoring::makePlan(technique, patient, scoring::Side::Left);
};

const Fixture& fixture() {
    static const Fixture f;
    return f;
}

TEST(PressGuides, ZonesRingEachTargetOnTheSkinAtThePlacementBand) {
    const Fixture& f = fixture();
    render::FrameDesc frame;
    addPressGuides(f.plan, f.patient, scoring::LiveState{}, frame);
    ASSERT_FALSE(f.plan.targets.empty());
    int ring = 0;
    for (const render::Guide& g : frame.guides) {
        if (g.head) continue;
        ++ring;
        // On one target's ring: at the placement band from it in its tangent plane.
        double best = 1e9;
        for (const scoring::ResolvedTarget& target : f.plan.targets) {
            const glm::vec3 d = g.from - target.point;
            const double tangent = glm::length(d - glm::dot(d, target.normal) * target.normal);
            best = std::min(best, std::abs(tangent - f.plan.placement_max));
        }
        EXPECT_LT(best, 0.1 * f.plan.placement_max);
        // On the skin: the skin's closest point is a couple of millimetres away, outside.
        const scoring::SkinSample skin = f.patient.skin(g.from);
        EXPECT_NEAR(glm::length(g.from - skin.point), kGuideLift, 0.001f);
        EXPECT_GT(glm::dot(g.from - skin.point, skin.normal), 0.0f);
    }
    EXPECT_EQ(ring, kGuideRingSegments * static_cast<int>(f.plan.targets.size()));
}

TEST(PressGuides, BeforeAPressEachTargetShowsTheIdealPressIntoIt) {
    const Fixture& f = fixture();
    render::FrameDesc frame;
    addPressGuides(f.plan, f.patient, scoring::LiveState{}, frame);
    std::size_t arrows = 0;
    for (const render::Guide& g : frame.guides) {
        if (!g.head) continue;
        ++arrows;
        bool atTarget = false;
        for (const scoring::ResolvedTarget& t : f.plan.targets) {
            if (glm::length(g.to - t.point) > 1e-5f) continue;
            atTarget = true;
            const glm::vec3 along = glm::normalize(g.to - g.from);
            EXPECT_GT(glm::dot(along, -t.normal), 0.3f) << "points into the body";
            // The technique's ideal, read from the technique file: toward the pelvis, inward.
            EXPECT_LT(glm::degrees(std::acos(std::min(1.0f, glm::dot(along, f.plan.idealPress(t.normal))))), 0.5f);
        }
        EXPECT_TRUE(atTarget);
    }
    EXPECT_EQ(arrows, f.plan.targets.size());
}

TEST(PressGuides, AMeasuredPressIsDrawnBesideTheIdealAndMarkedWhenOff) {
    const Fixture& f = fixture();
    const scoring::ResolvedTarget& t = f.plan.targets[0];
    const glm::vec3 ideal = f.plan.idealPress(t.normal);
    const auto pressed = [&](double offDeg) {
        scoring::LiveState s;
        const glm::vec3 axis = glm::normalize(glm::cross(ideal, t.normal));
        const glm::vec3 measured = glm::angleAxis(glm::radians(static_cast<float>(offDeg)), axis) * ideal;
        s.press[0] = scoring::PressLine{t.point, measured, ideal, offDeg};
        render::FrameDesc frame;
        addPressGuides(f.plan, f.patient, s, frame);
        std::vector<render::Guide> arrows;
        for (const render::Guide& g : frame.guides)
            if (g.head) arrows.push_back(g);
        return arrows;
    };
    const auto good = pressed(f.plan.direction_max * 0.5);
    ASSERT_EQ(good.size(), 2u) << "the ideal and the measured press, and no target arrow while pressing";
    const auto bad = pressed(f.plan.direction_max + 15.0);
    ASSERT_EQ(bad.size(), 2u);
    const render::Guide& goodMeasured = good[1];
    const render::Guide& badMeasured = bad[1];
    EXPECT_GT(goodMeasured.colour.g, goodMeasured.colour.r) << "within the band: green";
    EXPECT_GT(badMeasured.colour.r, badMeasured.colour.g) << "off the band: red";
    EXPECT_GT(badMeasured.radius, goodMeasured.radius) << "and thicker, not by colour alone";
    // The measured arrow ends where the thumb met the skin, along the press as measured.
    const glm::vec3 along = glm::normalize(badMeasured.to - badMeasured.from);
    EXPECT_NEAR(glm::degrees(std::acos(std::min(1.0f, glm::dot(along, ideal)))), f.plan.direction_max + 15.0, 0.5);
}

}  // namespace
}  // namespace palpa::app
