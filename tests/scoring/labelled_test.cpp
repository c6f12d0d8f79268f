// Labelled attempts written by hand from the rubric and the anatomy (labelled_support.hpp):
// where the thumbs go and what the faults must be are worked out here from the model's meshes
// and the technique file's numbers, never from the scorer's own plan. Each attempt says what a
// teacher would say of it.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>

#include "labelled_support.hpp"
#include "scoring/report.hpp"
#include "scoring/scorer.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

using labelled::Attempt;
using labelled::Body;
using Faults = std::set<std::string>;

const Body& body() {
    static const Body b(testing::bundledScene());
    return b;
}

Result score(const Attempt& a, const Patient& patient = testing::bundledPatient(), const Body& on = body()) {
    return scoreRecording(a.record(on), testing::psoasTechnique(), patient);
}

bool has(const Result& r, const char* fault) {
    return testing::faultSet(r).count(fault) > 0;
}

const StepResult& step(const Result& r, Metric metric) {
    for (const StepResult& s : r.steps)
        if (s.metric == metric) return s;
    throw std::runtime_error("no step");
}

TEST(Labelled, TaughtAttemptsPassOnBothSides) {
    for (Side side : {Side::Left, Side::Right}) {
        const Result r = score(labelled::goodAttempt(body(), side));
        EXPECT_TRUE(r.passed) << sideName(side) << "\n" << formatJsonReport(r);
        EXPECT_GE(r.score, 90) << sideName(side);
        EXPECT_TRUE(r.safety.empty());
    }
}

// The first finding: thumbs on the midline over the aorta, pressed 3.4 cm, inside the
// gentle band. Unsafe: the press sits over the aorta's outline and within its keep-out.
TEST(Labelled, PressOverTheAortaIsAVesselFault) {
    const float z = body().landmark("umbilicus").z + 0.02f;
    const Body::Section aorta = body().vesselSection("aorta", z);
    Attempt a = labelled::goodAttempt(body(), Side::Left, 3.4);
    for (int h = 0; h < 2; ++h) {
        const Body::SkinPoint s = body().skinAbove(aorta.x, z + (h == 0 ? 0.008f : -0.008f));
        a.hands[static_cast<std::size_t>(h)].skin = s.point;
        a.hands[static_cast<std::size_t>(h)].normal = s.normal;
    }
    const Result r = score(a);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(has(r, "vessel_pressure")) << formatJsonReport(r);
    EXPECT_LE(r.score, kUnsafeScoreCap);
    ASSERT_FALSE(r.safety.empty());
    EXPECT_EQ(r.safety.front(), "vessel_pressure");
    EXPECT_EQ(r.metrics.nearest_vessel, "aorta");
    // The report says so before anything else.
    const std::string report = formatHumanReport(r);
    EXPECT_LT(report.find("UNSAFE:    pressure on a vessel"), report.find("1. "));
}

// Keep-out at its edge: a thumb pressed 4 cm in beside the aorta, its surface 1.0 cm from the
// aorta's wall (inside the 1.5 cm keep-out), against 2.2 cm (outside it, but close enough to
// feel the pulse: the live cue names the thumb).
TEST(Labelled, VesselKeepOutEdges) {
    const Technique& t = testing::psoasTechnique();
    const float z = body().landmark("umbilicus").z + 0.02f;
    const Body::Section aorta = body().vesselSection("aorta", z);
    const double depth_cm = 4.0;
    const auto attempt = [&](double gap_cm) {
        Attempt a = labelled::goodAttempt(body(), Side::Left, depth_cm);
        a.hold_s = 8.0;
        // Straight in, so the thumb-tip surface ends depth_cm under the skin point.
        for (int h = 0; h < 2; ++h) {
            labelled::HandScript& hs = a.hands[static_cast<std::size_t>(h)];
            // Solve for x: the thumb surface (depth_cm under the skin) gap_cm from the wall.
            float x = aorta.x - aorta.half_width - 0.001f;
            for (int i = 0; i < 200; ++i, x -= 0.0005f) {
                const Body::SkinPoint s = body().skinAbove(x, z);
                const glm::vec3 thumb = s.point - static_cast<float>(depth_cm * 0.01) * s.normal;
                const float wall = std::hypot(thumb.x - aorta.x, thumb.y - aorta.y) - aorta.half_width;
                if (wall >= static_cast<float>(gap_cm * 0.01)) break;
            }
            const Body::SkinPoint s = body().skinAbove(x, z + (h == 0 ? 0.008f : -0.008f));
            hs.skin = s.point;
            hs.normal = s.normal;
            hs.press = -s.normal;
        }
        return a;
    };
    ASSERT_DOUBLE_EQ(t.safety.vessel_keep_out, 0.015);
    const Result inside = score(attempt(1.0));
    EXPECT_TRUE(has(inside, "vessel_pressure")) << formatJsonReport(inside);
    EXPECT_LT(*inside.metrics.min_vessel_distance_cm, 1.5);

    const Attempt outside = attempt(2.2);
    const Result clear = score(outside);
    EXPECT_FALSE(has(clear, "vessel_pressure")) << formatJsonReport(clear);
    EXPECT_GT(*clear.metrics.min_vessel_distance_cm, 1.5);
    // Within 2.5 cm of the aorta the live feedback says which thumb feels the pulse.
    Scorer live(t, testing::bundledPatient(), Side::Left);
    bool pulse = false;
    for (const Frame& f : outside.record(body()).frames) {
        const LiveState& s = live.push(f);
        if (s.cue_key == "pulse") {
            pulse = true;
            EXPECT_TRUE(s.pulse[0] || s.pulse[1]);
            const char* which = s.pulse[0] && s.pulse[1] ? "both thumbs" : s.pulse[0] ? "your left thumb" : "your right thumb";
            EXPECT_NE(s.cue.find(which), std::string::npos) << s.cue;
        }
    }
    EXPECT_TRUE(pulse);
}

// The second finding: placed on target, then glided 7 cm toward the groin while
// pressed and held there 26 s. Gliding off target ends the hold.
TEST(Labelled, GlidingOffTargetEndsTheHold) {
    Attempt a = labelled::goodAttempt(body(), Side::Left);
    a.hold_s = 34.0;
    const labelled::TaughtPlacement p = labelled::taughtPlacement(body(), Side::Left);
    for (auto& hs : a.hands) {
        hs.glide = 0.07f * p.pelvis;
        hs.glide_at = 5.0;
    }
    const Result r = score(a);
    EXPECT_FALSE(r.passed) << formatJsonReport(r);
    EXPECT_TRUE(has(r, "hold_short"));
    EXPECT_LT(r.metrics.hold_s, testing::psoasTechnique().step(Metric::Hold).min);
}

// This technique needs both hands: one hand alone never holds.
TEST(Labelled, OneHandedHoldFails) {
    Attempt a = labelled::goodAttempt(body(), Side::Left);
    a.hands[1].used = false;
    const Result r = score(a);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(has(r, "placement_off"));  // a hand missing from its target
    EXPECT_TRUE(has(r, "hold_short"));
    EXPECT_TRUE(has(r, "not_measured"));   // the missing hand's angle and press
    EXPECT_EQ(r.metrics.hold_s, 0.0);
}

// The third finding: a hand that lifts off and leaves the view mid-hold, which never
// reaches its minimum, fails with hand_lifted (not a silent loss of points).
TEST(Labelled, AHandLiftedMidHoldFails) {
    Attempt a = labelled::goodAttempt(body(), Side::Left);
    a.hands[1].gone_at = 8.0;
    const Result r = score(a);
    EXPECT_FALSE(r.passed);
    EXPECT_TRUE(has(r, "hand_lifted")) << formatJsonReport(r);
    EXPECT_TRUE(has(r, "tracking_lost"));
    EXPECT_LT(r.metrics.hold_s, 9.0);
    // Lifting after a full hold is a release, not a fault.
    a.hands[1].gone_at = 23.0;
    EXPECT_FALSE(has(score(a), "hand_lifted"));
}

// The fourth finding: the patient is the model. The same joints scored on a BMI 22
// and a BMI 32 body give different depths and vessel distances; each body, pressed to the
// same skin depth by its own skin, passes.
TEST(Labelled, HeavierPatientChangesTheMeasurements) {
    const Patient& slim = testing::generatedPatient(22.0f);
    const Patient& heavy = testing::generatedPatient(32.0f);
    const Body slimBody(testing::generatedScene(22.0f)), heavyBody(testing::generatedScene(32.0f));

    const Attempt a = labelled::goodAttempt(slimBody, Side::Left, 2.5);
    const Result onSlim = score(a, slim, slimBody);
    const Result onHeavy = score(a, heavy, slimBody);
    ASSERT_TRUE(onSlim.metrics.max_depth_cm && onHeavy.metrics.max_depth_cm);
    EXPECT_GT(std::abs(*onSlim.metrics.max_depth_cm - *onHeavy.metrics.max_depth_cm), 0.005);
    EXPECT_GT(heavy.body().vessel_depth_cm - slim.body().vessel_depth_cm, 2.0);
    EXPECT_GT(heavy.body().waist_cm - slim.body().waist_cm, 10.0);

    const Result heavyOwn = score(labelled::goodAttempt(heavyBody, Side::Left, 2.5), heavy, heavyBody);
    EXPECT_TRUE(heavyOwn.passed) << formatJsonReport(heavyOwn);
    EXPECT_NEAR(*heavyOwn.metrics.max_depth_cm, 2.5, 0.8);  // the breath adds up to half a centimetre
}

// The patient reacts to a deep press (4.7 cm, past the tissue's tolerance). Staying there is
// ignored discomfort; easing off within the allowed time is heeding it.
TEST(Labelled, PatientReactionIgnoredOrHeeded) {
    const Technique& t = testing::psoasTechnique();
    Attempt ignored = labelled::goodAttempt(body(), Side::Left, 4.7);
    ignored.hold_s = 12.0;
    const Result r = score(ignored);
    EXPECT_GE(r.metrics.reactions, 1);
    EXPECT_TRUE(has(r, "ignored_discomfort")) << formatJsonReport(r);
    EXPECT_FALSE(r.passed);

    // Closed loop: press as deep, and ease to 2.5 cm within half a second of the patient
    // speaking up.
    Attempt heeded = ignored;
    double said_at = -1.0;
    heeded.depth_override = [&](int, double now) -> std::optional<double> {
        if (said_at < 0.0) return std::nullopt;
        const double u = std::clamp((now - said_at) / 0.5, 0.0, 1.0);
        return 4.7 + (2.5 - 4.7) * u;
    };
    Scorer live(t, testing::bundledPatient(), Side::Left);
    std::string says;
    for (double now = 1.0 / 30; now < heeded.end(); now += 1.0 / 30) {
        const LiveState& s = live.push(heeded.frameAt(body(), now));
        if (!s.patient_says.empty() && said_at < 0.0) {
            said_at = now;
            says = std::string(s.patient_says);
            EXPECT_TRUE(s.patient.reacting);
            EXPECT_EQ(s.cue_key == "discomfort" || s.cue_key == "too_deep" || s.cue_key == "vessel_pressure", true);
        }
    }
    EXPECT_GT(said_at, 0.0);
    EXPECT_EQ(says, t.patient.discomfort.says);
    const Result h = live.finish();
    EXPECT_GE(h.metrics.reactions, 1);
    EXPECT_FALSE(has(h, "ignored_discomfort")) << formatJsonReport(h);
}

// Each band's edges, set by the rubric's numbers with room for the breath (half a centimetre
// either way) and the press's own travel to contact depth (half a centimetre).
TEST(Labelled, BandEdges) {
    const Technique& t = testing::psoasTechnique();
    const labelled::TaughtPlacement p = labelled::taughtPlacement(body(), Side::Left);

    // Placement: both thumbs shifted laterally by 1.5 (good), 3.2 (acceptable), 4.8 cm (off).
    const auto shifted = [&](double cm) {
        Attempt a = labelled::goodAttempt(body(), Side::Left);
        for (int h = 0; h < 2; ++h) {
            labelled::HandScript& hs = a.hands[static_cast<std::size_t>(h)];
            const Body::SkinPoint s = body().skinAbove(hs.skin.x - static_cast<float>(cm * 0.01), hs.skin.z);
            hs.skin = s.point;
            hs.normal = s.normal;
        }
        return score(a);
    };
    EXPECT_EQ(step(shifted(1.5), Metric::Placement).band, Band::Good);
    EXPECT_EQ(step(shifted(3.2), Metric::Placement).band, Band::Acceptable);
    EXPECT_TRUE(has(shifted(4.8), "placement_off"));
    ASSERT_DOUBLE_EQ(t.step(Metric::Placement).good_max, 0.025);

    // Hand angle: the hands turned 20 (good), 38 (acceptable), 55 degrees (off).
    const auto turned = [&](double deg) {
        Attempt a = labelled::goodAttempt(body(), Side::Left);
        for (auto& hs : a.hands) hs.forward = labelled::rotated(hs.forward, hs.normal, deg);
        return score(a);
    };
    EXPECT_EQ(step(turned(20.0), Metric::HandAngle).band, Band::Good);
    EXPECT_EQ(step(turned(38.0), Metric::HandAngle).band, Band::Acceptable);
    EXPECT_TRUE(has(turned(55.0), "hand_angle_off"));

    // Press direction: 45 degrees from inward is ideal; 35 (10 off: good), 18 (27 off:
    // acceptable), 0 degrees (straight in, 45 off: a fault).
    const auto pressed = [&](double deg) {
        Attempt a = labelled::goodAttempt(body(), Side::Left);
        for (auto& hs : a.hands) hs.press = labelled::pressDirection(hs.normal, p.pelvis, deg);
        return score(a);
    };
    EXPECT_EQ(step(pressed(35.0), Metric::PressDirection).band, Band::Good);
    EXPECT_EQ(step(pressed(18.0), Metric::PressDirection).band, Band::Acceptable);
    EXPECT_TRUE(has(pressed(0.0), "direction_off"));

    // Depth: 2.5 cm (good); 3.8 cm held still, which the breath takes past the gentle 4 cm at
    // each inhale (acceptable; the hold still counts); 4.4 cm held still is past the gentle
    // band, so no hold counts; 5.3 cm is past the 5 cm maximum: too deep, and unsafe.
    EXPECT_EQ(step(score(labelled::goodAttempt(body(), Side::Left, 2.5)), Metric::Depth).band, Band::Good);
    EXPECT_TRUE(has(score(labelled::goodAttempt(body(), Side::Left, 4.4)), "hold_short"));
    const Result deepish = score(labelled::goodAttempt(body(), Side::Left, 3.8));
    EXPECT_EQ(step(deepish, Metric::Depth).band, Band::Acceptable) << formatJsonReport(deepish);
    EXPECT_TRUE(deepish.passed) << formatJsonReport(deepish);
    const Result deep = score(labelled::goodAttempt(body(), Side::Left, 5.3));
    EXPECT_TRUE(has(deep, "too_deep"));
    EXPECT_LE(deep.score, kUnsafeScoreCap);

    // Hold: 18 s is short, 23 s good, 36 s longer than needed (acceptable).
    EXPECT_TRUE(has(score(labelled::goodAttempt(body(), Side::Left, 2.5, 18.0)), "hold_short"));
    EXPECT_EQ(step(score(labelled::goodAttempt(body(), Side::Left, 2.5, 23.0)), Metric::Hold).band, Band::Good);
    EXPECT_EQ(step(score(labelled::goodAttempt(body(), Side::Left, 2.5, 36.0)), Metric::Hold).band, Band::Acceptable);
}

}  // namespace
}  // namespace palpa::scoring
