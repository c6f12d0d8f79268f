// Joints the runtime only inferred (valid, not tracked): a thumb tip hidden under the palm in
// exactly this grip. The rule (docs/scoring.md): an inferred joint counts as measured for the
// credit (a correct grip still passes, and the verdict says how long the hold rested on it)
// and 0.5 cm deeper and nearer the vessels for the safety rules. The depths are worked out
// here from the technique file and the breath, never from the scorer's plan.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "labelled_support.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/report.hpp"
#include "scoring/scorer.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

const labelled::Body& body() {
    static const labelled::Body b(testing::bundledScene());
    return b;
}

// The attempt's recording with both thumb tips inferred from the press on.
Recording withInferredThumbTips(const labelled::Attempt& a) {
    Recording r = a.record(body());
    for (Frame& f : r.frames)
        if (f.t >= a.holdStart() - a.press_s)
            for (auto& hand : f.hands)
                if (hand) (*hand)[5].tracked = false;  // XR_HAND_JOINT_THUMB_TIP_EXT
    return r;
}

TEST(InferredJoints, AGoodGripWithTheThumbTipsHiddenStillPassesAndSaysSo) {
    const labelled::Attempt a = labelled::goodAttempt(body(), Side::Left, 2.5, 25.0);
    const Result tracked = scoreRecording(a.record(body()), testing::psoasTechnique(), testing::bundledPatient());
    const Result inferred = scoreRecording(withInferredThumbTips(a), testing::psoasTechnique(), testing::bundledPatient());
    EXPECT_TRUE(inferred.passed) << formatJsonReport(inferred);
    EXPECT_EQ(inferred.score, tracked.score);
    EXPECT_DOUBLE_EQ(tracked.metrics.inferred_hold_s, 0.0);
    EXPECT_NEAR(inferred.metrics.inferred_hold_s, inferred.metrics.hold_s, 0.5);
    EXPECT_NE(formatHumanReport(inferred).find("only inferred"), std::string::npos);
}

TEST(InferredJoints, AnInferredThumbTipNearTheLimitIsTooDeepWhereATrackedOneIsNot) {
    const Technique& t = testing::psoasTechnique();
    double max_cm = 0.0;
    for (const StepSpec& s : t.steps)
        if (s.metric == Metric::Depth) max_cm = s.max * 100.0;
    ASSERT_DOUBLE_EQ(max_cm, 5.0);
    const double breath_cm = 0.5 * t.patient.breathing.amplitude * 100.0;  // half above the model's skin
    ASSERT_DOUBLE_EQ(breath_cm, 0.5);
    // Held still 4.52 cm in: the inhale lifts the skin by at most half a centimetre times the
    // breath's weight there, which is below 1 at the thumbs (lateral of the abdomen's middle),
    // so a tracked tip stays under the 5 cm limit; counted 0.5 cm deeper at every inhale, an
    // inferred tip passes it.
    const double held_cm = max_cm - breath_cm + 0.02;
    const labelled::Attempt a = labelled::goodAttempt(body(), Side::Left, held_cm, 25.0);
    const Result tracked = scoreRecording(a.record(body()), t, testing::bundledPatient());
    const Result inferred = scoreRecording(withInferredThumbTips(a), t, testing::bundledPatient());
    EXPECT_FALSE(testing::faultSet(tracked).count("too_deep")) << formatJsonReport(tracked);
    EXPECT_TRUE(testing::faultSet(inferred).count("too_deep")) << formatJsonReport(inferred);
    EXPECT_FALSE(inferred.passed);
}

TEST(InferredJoints, TheRecordingKeepsWhichJointsWereInferred) {
    const labelled::Attempt a = labelled::goodAttempt(body(), Side::Left, 2.5, 21.0);
    const Recording original = withInferredThumbTips(a);
    const std::string text = formatRecording(original);
    EXPECT_NE(text.find("\"inferred\": [5]"), std::string::npos);
    const Recording back = parseRecording(text, "inferred.jsonl");
    ASSERT_EQ(back.frames.size(), original.frames.size());
    for (std::size_t i = 0; i < back.frames.size(); ++i)
        for (std::size_t h = 0; h < 2; ++h) {
            ASSERT_EQ(back.frames[i].hands[h].has_value(), original.frames[i].hands[h].has_value());
            if (!back.frames[i].hands[h]) continue;
            for (std::size_t j = 0; j < 26; ++j)
                ASSERT_EQ((*back.frames[i].hands[h])[j].tracked, (*original.frames[i].hands[h])[j].tracked) << i << " " << h << " " << j;
        }
    // A bad index is refused with the place named.
    std::string joints;
    for (int i = 0; i < 26; ++i) joints += std::string(i ? "," : "") + "[0,0,0,0,0,0,1,0.01]";
    const std::string bad = "{\"palpa_recording\": 1, \"frame\": \"patient_ras\", \"units\": \"m\", \"joints\": \"XR_EXT_hand_tracking\", \"side\": \"left\"}\n"
                            "{\"t\": 0, \"hands\": {\"left\": {\"joints\": [" + joints + "], \"inferred\": [26]}, \"right\": null}}\n";
    try {
        parseRecording(bad, "bad.jsonl");
        FAIL() << "an inferred joint 26 was accepted";
    } catch (const palpa::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("hands.left.inferred"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace palpa::scoring
