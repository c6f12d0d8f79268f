// The hands' feedback is never shown by colour alone: bands per hand, a palette that stays
// apart under simulated colour-vision deficiencies, a distinct icon shape per band and words.
#include <gtest/gtest.h>

#include <glm/geometric.hpp>
#include <glm/mat3x3.hpp>

#include "app/hand_feedback.hpp"
#include "input/hand_model.hpp"

namespace palpa::app {
namespace {

scoring::LiveState state(scoring::Phase phase, bool fault, std::array<bool, 2> hands) {
    scoring::LiveState s;
    s.phase = phase;
    s.fault_cue = fault;
    s.cue_hands = hands;
    s.cue_key = fault ? "too_deep" : "hold";
    return s;
}

TEST(HandFeedback, EachHandHasItsOwnBand) {
    const scoring::LiveState fault = state(scoring::Phase::Hold, true, {false, true});
    EXPECT_EQ(handBand(fault, 0), HandBand::Good);  // the cue is about the right hand only
    EXPECT_EQ(handBand(fault, 1), HandBand::Fault);
    EXPECT_EQ(handBand(state(scoring::Phase::Approach, false, {true, true}), 0), HandBand::Working);
    EXPECT_EQ(handBand(state(scoring::Phase::Release, false, {true, true}), 1), HandBand::Good);
}

TEST(HandFeedback, ThePaletteStaysApartForProtanopesAndDeuteranopes) {
    // Vienot, Brettel and Mollon (1999) dichromat simulations in linear RGB (rows).
    const glm::mat3 protan = glm::transpose(glm::mat3(0.11238f, 0.88762f, 0.0f, 0.11238f, 0.88762f, 0.0f, 0.00401f, -0.00401f, 1.0f));
    const glm::mat3 deutan = glm::transpose(glm::mat3(0.29275f, 0.70725f, 0.0f, 0.29275f, 0.70725f, 0.0f, -0.02234f, 0.02234f, 1.0f));
    const HandBand bands[3] = {HandBand::Working, HandBand::Good, HandBand::Fault};
    for (const glm::mat3& sim : {glm::mat3(1.0f), protan, deutan})
        for (int i = 0; i < 3; ++i)
            for (int j = i + 1; j < 3; ++j) {
                const glm::vec3 a = sim * bandColour(bands[i]), b = sim * bandColour(bands[j]);
                EXPECT_GT(glm::length(a - b), 0.15f) << i << " vs " << j;
            }
    // Lightness differs too (relative luminance), so even a monochrome view keeps them apart.
    auto luminance = [](glm::vec3 c) { return glm::dot(c, glm::vec3(0.2126f, 0.7152f, 0.0722f)); };
    EXPECT_GT(luminance(bandColour(HandBand::Working)) - luminance(bandColour(HandBand::Good)), 0.3f);
    EXPECT_GT(luminance(bandColour(HandBand::Working)) - luminance(bandColour(HandBand::Fault)), 0.3f);
}

TEST(HandFeedback, EachBandHasItsOwnIconShapeOverTheBackOfTheHand) {
    const input::HandPose hand = input::poseHand(input::Hand::Right, {0.0f, 0.1f, 0.0f}, {0, 0, -1}, {0, 1, 0}, 0.0f);
    auto icon = [&](HandBand band) {
        render::FrameDesc f;
        addBandIcon(band, hand, false, f);
        return f.guides;
    };
    const auto tick = icon(HandBand::Good), cross = icon(HandBand::Fault), ring = icon(HandBand::Working);
    ASSERT_EQ(tick.size(), 2u);
    ASSERT_EQ(cross.size(), 2u);
    EXPECT_GE(ring.size(), 8u);
    // The tick's rods meet end to end at an angle; the cross's cross at their middles.
    EXPECT_LT(glm::length(tick[0].to - tick[1].from), 1e-6f);
    EXPECT_LT(glm::length(0.5f * (cross[0].from + cross[0].to) - 0.5f * (cross[1].from + cross[1].to)), 1e-6f);
    // Every icon floats over the back of the hand (+Y here), clear of it.
    for (const auto* g : {&tick, &cross, &ring})
        for (const render::Guide& r : *g) EXPECT_GT(std::min(r.from.y, r.to.y), hand[0].position.y + 0.02f);
}

TEST(HandFeedback, ThePanelSaysTheBandInWords) {
    input::HandFrame both;
    both.hands[0] = input::poseHand(input::Hand::Left, {}, {0, 0, -1}, {0, 1, 0}, 0.0f);
    both.hands[1] = input::poseHand(input::Hand::Right, {}, {0, 0, -1}, {0, 1, 0}, 0.0f);
    EXPECT_EQ(handsLine(state(scoring::Phase::Hold, true, {false, true}), both),
              "Hands: left [ok] good, right [X] fault: too deep");
    EXPECT_EQ(handsLine(state(scoring::Phase::Approach, false, {true, true}), both), "Hands: left [o] working, right [o] working");
    EXPECT_EQ(handsLine(state(scoring::Phase::Hold, false, {true, true}), input::HandFrame{}), "Hands: not tracked");
}

}  // namespace
}  // namespace palpa::app
