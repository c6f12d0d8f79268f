// The demo generator is deterministic and the bundled recordings are exactly what it writes.
#include <gtest/gtest.h>

#include "core/file.hpp"
#include "scoring/jsonl.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

TEST(Demo, BundledRecordingsAreRegeneratedByteForByte) {
    const auto dir = testing::tempDir("demo");
    int bundled = 0;
    for (const Scenario& s : demoScenarios()) {
        if (!s.bundled) continue;
        ++bundled;
        const auto path = dir / (s.name + ".jsonl");
        writeRecording(path,
                       generateRecording(s, testing::psoasTechnique(), testing::bundledPatient()),
                       {kDemoDecimals});
        const auto committed =
            std::filesystem::path(PALPA_TEST_ASSETS) / "recordings" / (s.name + ".jsonl");
        EXPECT_TRUE(files::readAll(path) == files::readAll(committed))
            << s.name << ": regenerate with `palpa recording generate`";
    }
    EXPECT_GE(bundled, 2);
    std::filesystem::remove_all(dir);
}

TEST(Demo, SameSeedSameRecordingOtherSeedOtherNoise) {
    Scenario s = demoScenario("good-right");
    const auto a =
        formatRecording(generateRecording(s, testing::psoasTechnique(), testing::bundledPatient()));
    const auto b =
        formatRecording(generateRecording(s, testing::psoasTechnique(), testing::bundledPatient()));
    EXPECT_EQ(a, b);
    s.seed += 1;
    EXPECT_NE(a, formatRecording(
                     generateRecording(s, testing::psoasTechnique(), testing::bundledPatient())));
}

TEST(Demo, RecordingsLookLikeHandTracking) {
    const Recording& rec = testing::demoRecording("good-right");
    ASSERT_GT(rec.frames.size(), 2000u);
    const double rate = (rec.frames.size() - 1) / rec.duration();
    EXPECT_NEAR(rate, 90.0, 1.0);
    int dropped = 0;
    for (size_t i = 1; i < rec.frames.size(); ++i) {
        EXPECT_GT(rec.frames[i].t, rec.frames[i - 1].t);
        dropped += !rec.frames[i].hands[0].has_value();
    }
    EXPECT_GT(dropped, 0);  // some short dropouts
    const HandPose& hand = *rec.frames[rec.frames.size() / 2].hands[1];
    for (const JointPose& j : hand) {
        EXPECT_NEAR(glm::length(j.orientation), 1.0f, 1e-4f);
        EXPECT_GT(j.radius, 0.0f);
    }
    // The thumb tip is the hand's lowest joint pressing in; the fingers lie toward the pelvis.
    EXPECT_LT(hand[kMiddleTip].position.z, hand[kWrist].position.z);
    // XR_EXT_hand_tracking: -Z of a joint points along its bone toward the tip.
    const glm::vec3 bone = glm::normalize(hand[kMiddleTip].position - hand[14].position);
    EXPECT_GT(glm::dot(hand[14].orientation * glm::vec3(0, 0, -1), bone), 0.95f);
}

}  // namespace
}  // namespace palpa::scoring
