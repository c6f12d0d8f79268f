// The scorer on the demo attempts: verdicts and faults, live == batch, live cues, and
// verdicts that do not flip with tracking noise, dropouts or frame rate.
#include <gtest/gtest.h>

#include "scoring/jsonl.hpp"
#include "scoring/report.hpp"
#include "scoring/scorer.hpp"
#include "test_support.hpp"

namespace palpa::scoring {
namespace {

using testing::bundledPatient;
using testing::demoRecording;
using testing::faultSet;
using testing::psoasTechnique;
using Faults = std::set<std::string>;

struct Expected {
    const char* scenario;
    Faults faults;
};

const std::vector<Expected>& expectations() {
    static const std::vector<Expected> list = {
        {"good-left", {}},
        {"good-right", {}},
        // A thumb 5.5 cm off its target is off the placement band, so no hold counts either.
        {"placement-off", {"placement_off", "hold_short"}},
        {"hand-angle-off", {"hand_angle_off"}},
        {"direction-off", {"direction_off"}},
        {"too-shallow", {"too_shallow", "hold_short", "not_measured"}},
        {"too-deep", {"too_deep"}},
        {"hold-short", {"hold_short"}},
        {"sudden-movement", {"sudden_movement"}},
        // The lost hand ends the hold at 8 s; the one after it is shorter than 20 s.
        {"tracking-lost", {"tracking_lost", "hand_lifted"}},
    };
    return list;
}

Result score(const Recording& rec) {
    return scoreRecording(rec, psoasTechnique(), bundledPatient());
}

TEST(Scorer, EveryDemoScenarioIsCovered) {
    EXPECT_EQ(demoScenarios().size(), expectations().size());
}

TEST(Scorer, DemoAttemptsGetTheirVerdicts) {
    for (const Expected& e : expectations()) {
        const Result r = score(demoRecording(e.scenario));
        EXPECT_EQ(faultSet(r), e.faults) << e.scenario << "\n" << formatJsonReport(r);
        EXPECT_EQ(r.passed, e.faults.empty()) << e.scenario;
        EXPECT_EQ(r.side, demoScenario(e.scenario).side) << e.scenario;
        if (r.passed)
            EXPECT_GE(r.score, 80) << e.scenario;
        else
            EXPECT_LT(r.score, 100) << e.scenario;
    }
}

TEST(Scorer, GoodAttemptMeasuresWhatWasScripted) {
    const Result r = score(demoRecording("good-left"));
    const Metrics& m = r.metrics;
    ASSERT_TRUE(m.contact);
    EXPECT_EQ(m.targets_missed, 0);
    EXPECT_EQ(m.hands[0].target_id, "upper");  // both thumbs on the worked side, together
    EXPECT_EQ(m.hands[1].target_id, "lower");
    EXPECT_LT(*m.placement_cm, 1.5);  // only tracking offset
    EXPECT_LT(*m.hand_angle_deg, 12.0);
    EXPECT_LT(*m.direction_deg, 10.0);
    EXPECT_NEAR(*m.max_depth_cm, 2.5, 0.7);
    EXPECT_GT(m.hold_s, 20.0);
    EXPECT_LT(m.hold_s, 24.0);
    EXPECT_LT(m.max_speed_m_s, 0.3);
    EXPECT_LT(m.longest_loss_s, 1.0);
    ASSERT_EQ(r.steps.size(), 7u);
    for (const StepResult& s : r.steps) {
        EXPECT_EQ(s.band, Band::Good) << s.id;
        EXPECT_FALSE(s.advice.empty()) << s.id;
    }
    EXPECT_EQ(r.score, 100);
}

TEST(Scorer, FaultyAttemptsMeasureTheFault) {
    EXPECT_GT(*score(demoRecording("placement-off")).metrics.placement_cm, 4.0);
    EXPECT_GT(*score(demoRecording("hand-angle-off")).metrics.hand_angle_deg, 45.0);
    EXPECT_NEAR(*score(demoRecording("direction-off")).metrics.direction_deg, 45.0, 8.0);
    EXPECT_GT(*score(demoRecording("too-deep")).metrics.max_depth_cm, 5.0);
    EXPECT_LT(score(demoRecording("hold-short")).metrics.hold_s, 12.0);
    EXPECT_GT(score(demoRecording("sudden-movement")).metrics.max_speed_m_s, 0.5);
    EXPECT_NEAR(score(demoRecording("tracking-lost")).metrics.longest_loss_s, 2.0, 0.1);
    const Result shallow = score(demoRecording("too-shallow"));
    EXPECT_FALSE(shallow.metrics.contact);
    EXPECT_EQ(shallow.steps[0].band, Band::NotMeasured);
}

TEST(Scorer, BundledRecordingsScoreFromTheirFiles) {
    const auto dir = std::filesystem::path(PALPA_TEST_ASSETS) / "recordings";
    EXPECT_TRUE(score(readRecording(dir / "good-left.jsonl")).passed);
    EXPECT_EQ(faultSet(score(readRecording(dir / "hold-short.jsonl"))), Faults{"hold_short"});
}

// Scoring a file equals feeding its frames live, one at a time, with the live state read (and
// finish() peeked at) along the way.
TEST(Scorer, LiveEqualsBatch) {
    for (const Expected& e : expectations()) {
        const Recording file =
            parseRecording(formatRecording(demoRecording(e.scenario)), e.scenario);
        const std::string batch = formatJsonReport(score(file));

        Scorer live(psoasTechnique(), bundledPatient(), file.header.side);
        FaultSet seen = 0;
        for (size_t i = 0; i < file.frames.size(); ++i) {
            const LiveState& state = live.push(file.frames[i]);
            EXPECT_EQ(state.faults & seen, seen);  // live faults never go away
            seen = state.faults;
            if (i % 97 == 0) live.finish();
        }
        const Result result = live.finish();
        EXPECT_EQ(formatJsonReport(result), batch) << e.scenario;
        EXPECT_EQ(seen & ~result.faults, 0u) << e.scenario;
        EXPECT_EQ(live.frames(), static_cast<int>(file.frames.size()));
    }
}

TEST(Scorer, LiveStateWalksThroughThePhases) {
    const Recording& rec = demoRecording("good-left");
    Scorer live(psoasTechnique(), bundledPatient(), rec.header.side);
    std::vector<Phase> order;
    double longest = 0.0;
    for (const Frame& f : rec.frames) {
        const LiveState& s = live.push(f);
        if (order.empty() || order.back() != s.phase) order.push_back(s.phase);
        EXPECT_EQ(s.cue, psoasTechnique().cue(s.cue_key));
        EXPECT_FALSE(s.cue.empty());
        EXPECT_GE(s.longest_hold_s, longest);
        longest = s.longest_hold_s;
    }
    const std::vector<Phase> expected = {Phase::Approach, Phase::Press, Phase::Settle, Phase::Hold,
                                         Phase::Release};
    EXPECT_EQ(order, expected);
    EXPECT_GT(longest, 20.0);
    EXPECT_EQ(live.state().faults, 0u);

    // Frames that do not advance in time are ignored.
    const int frames = live.frames();
    live.push(rec.frames.front());
    EXPECT_EQ(live.frames(), frames);
    live.reset();
    EXPECT_EQ(live.frames(), 0);
    EXPECT_EQ(live.state().phase, Phase::Approach);
}

// Every fault the scorer can give has a live cue, raised while the attempt goes on; a good
// attempt raises none. (The safety faults' cues are checked on the labelled attempts.)
TEST(Scorer, EveryFaultHasALiveCueAndGoodAttemptsRaiseNone) {
    const auto alarms = [](const std::string& scenario) {
        const Recording& rec = demoRecording(scenario);
        Scorer live(psoasTechnique(), bundledPatient(), rec.header.side);
        std::set<std::string> keys;
        for (const Frame& f : rec.frames) {
            const LiveState& s = live.push(f);
            if (s.fault_cue) keys.insert(std::string(s.cue_key));
            EXPECT_FALSE(s.cue.empty()) << scenario << ": " << s.cue_key;
            EXPECT_EQ(s.cue.find('{'), std::string::npos) << s.cue;  // placeholders filled in
        }
        return keys;
    };
    const std::pair<const char*, const char*> expected[] = {
        {"placement-off", "off_target"},  {"hand-angle-off", "hand_angle"},
        {"direction-off", "direction"},   {"too-shallow", "too_shallow"},
        {"too-deep", "too_deep"},         {"hold-short", "hold_short"},
        {"sudden-movement", "sudden_movement"}, {"tracking-lost", "tracking_lost"},
    };
    for (const auto& [scenario, key] : expected) EXPECT_TRUE(alarms(scenario).count(key)) << scenario;
    EXPECT_TRUE(alarms("too-deep").count("discomfort"));  // the patient speaks up at 5.3 cm
    for (const char* good : {"good-left", "good-right"}) EXPECT_EQ(alarms(good), std::set<std::string>{}) << good;
}

// The same scripted attempt with other noise seeds (so other jitter, offsets, yaw errors and
// dropout patterns), other frame rates and twice the dropouts keeps its verdict.
TEST(Scorer, VerdictsDoNotFlipWithNoise) {
    const double rates[] = {30.0, 60.0, 90.0, 144.0};
    for (const Expected& e : expectations()) {
        for (std::uint64_t seed = 101; seed < 109; ++seed) {
            Scenario s = demoScenario(e.scenario);
            s.seed = seed;
            s.rate_hz = rates[seed % 4];
            if (seed % 2) s.noise.dropouts_per_s *= 2.0;
            const Result r = score(generateRecording(s, psoasTechnique(), bundledPatient()));
            EXPECT_EQ(faultSet(r), e.faults)
                << e.scenario << " seed " << seed << " at " << s.rate_hz << " Hz\n"
                << formatJsonReport(r);
        }
    }
}

// Without noise the same attempts give the same verdicts: the noise is not what decides them.
TEST(Scorer, VerdictsHoldWithoutNoise) {
    for (const Expected& e : expectations()) {
        Scenario s = demoScenario(e.scenario);
        s.noise = NoiseModel{0.0, 0.0, 0.0, 0.0, 0.0, 0.6};
        EXPECT_EQ(faultSet(score(generateRecording(s, psoasTechnique(), bundledPatient()))),
                  e.faults)
            << e.scenario;
    }
}

TEST(Scorer, OneHandOnlyIsAPlacementFault) {
    Recording rec = demoRecording("good-left");
    for (Frame& f : rec.frames) f.hands[1].reset();
    const Result r = score(rec);
    EXPECT_TRUE(faultSet(r).count("placement_off"));
    EXPECT_EQ(r.metrics.targets_missed, 1);
    EXPECT_EQ(r.steps[0].advice,
              psoasTechnique().step(Metric::Placement).advice.at("missing_hand"));
}

}  // namespace
}  // namespace palpa::scoring
