#include <gtest/gtest.h>

#include "scene/loader.hpp"

#include <filesystem>
#include <set>

#include "headset/guide.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/technique.hpp"

namespace palpa::headset {
namespace {

scoring::LiveState live(scoring::Phase phase, std::optional<double> depth, double hold = 0.0,
                        double longest = 0.0) {
    scoring::LiveState s;
    s.phase = phase;
    s.depth_cm = depth;
    s.hold_s = hold;
    s.longest_hold_s = longest;
    s.hold_min_s = 20.0;
    return s;
}

TEST(Guide, WalksTheStepsOfTheRelease) {
    using scoring::Phase;
    Guide g;
    EXPECT_EQ(g.update(0.0, live(Phase::Approach, {})).step, Step::Screening);
    EXPECT_NE(g.state().instruction.find("herniated disc"), std::string::npos);
    g.confirmScreening();
    EXPECT_EQ(g.update(1.0, live(Phase::Approach, {})).step, Step::Placement);
    EXPECT_EQ(g.update(2.0, live(Phase::Press, 1.0)).step, Step::Press);
    EXPECT_EQ(g.update(3.0, live(Phase::Hold, 2.5, 1.0, 1.0)).breath, "Breathe in slowly");
    EXPECT_EQ(g.update(8.0, live(Phase::Hold, 2.5, 6.0, 6.0)).breath, "Breathe out slowly");
    EXPECT_EQ(g.state().hip_flexion_deg, 0.0f);

    // A full hold with the thumbs still in: the leg lift, hip flexing then lowering.
    EXPECT_EQ(g.update(30.0, live(Phase::Release, 2.5, 0.0, 22.0)).step, Step::LegLift);
    EXPECT_TRUE(g.state().show_psoas);
    EXPECT_NEAR(g.update(31.0, live(Phase::Release, 2.5, 0.0, 22.0)).hip_flexion_deg, 17.5f, 0.1f);
    EXPECT_NEAR(g.update(34.0, live(Phase::Release, 2.5, 0.0, 22.0)).hip_flexion_deg, 35.0f, 1e-3f);
    EXPECT_LT(g.update(37.7, live(Phase::Release, 2.5, 0.0, 22.0)).hip_flexion_deg, 5.0f);
    EXPECT_EQ(g.update(38.1, live(Phase::Release, 2.5, 0.0, 22.0)).step, Step::Release);
    EXPECT_EQ(g.legLifts(), 1);
    EXPECT_EQ(g.update(40.0, live(Phase::Approach, {}, 0.0, 22.0)).step, Step::Rest);
    EXPECT_EQ(g.update(49.0, live(Phase::Approach, {}, 0.0, 22.0)).step, Step::Rest);
    EXPECT_EQ(g.update(50.5, live(Phase::Approach, {}, 0.0, 22.0)).step, Step::OtherSide);
}

TEST(Guide, LiftingTheThumbsEndsTheLegLiftEarly) {
    using scoring::Phase;
    Guide g;
    g.confirmScreening();
    EXPECT_EQ(g.update(0.0, live(Phase::Release, 2.0, 0.0, 21.0)).step, Step::LegLift);
    EXPECT_EQ(g.update(1.0, live(Phase::Approach, {}, 0.0, 21.0)).step, Step::Rest);
    EXPECT_EQ(g.state().hip_flexion_deg, 0.0f);
}

TEST(Guide, FollowsARealAttemptThroughTheLegLift) {
    const std::filesystem::path assets = PALPA_TEST_ASSETS;
    const scoring::Recording rec =
        scoring::readRecording(assets / "recordings" / "good-left.jsonl");
    const scoring::Technique tech =
        scoring::loadTechnique(assets / "techniques" / "psoas-release.json");
    const scoring::Patient patient =
        scoring::Patient::fromScene(scene::loadScene(assets / "models" / "psoas-region.glb"));
    scoring::Scorer scorer(tech, patient, rec.header.side);
    Guide g;
    g.confirmScreening();
    std::set<Step> seen;
    float maxFlexion = 0.0f;
    for (const scoring::Frame& f : rec.frames) {
        const GuideState& s = g.update(f.t, scorer.push(f));
        seen.insert(s.step);
        maxFlexion = std::max(maxFlexion, s.hip_flexion_deg);
    }
    EXPECT_TRUE(seen.count(Step::Placement));
    EXPECT_TRUE(seen.count(Step::Press));
    EXPECT_TRUE(seen.count(Step::Hold));
    EXPECT_TRUE(seen.count(Step::LegLift));
    EXPECT_GT(maxFlexion, 20.0f);
}

}  // namespace
}  // namespace palpa::headset
