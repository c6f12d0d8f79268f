// Role: how the student's hands show the live feedback, never by colour alone: a band (working,
// good, fault) per hand from the scorer's live state, its colour from a colour-blind-safe
// palette (Okabe and Ito), its shape as an icon over the back of the hand (a ring, a tick, a
// cross) and its words for the panel. Used by the desktop practice and the headset alike.
#pragma once

#include <string>

#include <glm/vec3.hpp>

#include "input/hand.hpp"
#include "render/frame.hpp"
#include "scoring/scorer.hpp"

namespace palpa::app {

enum class HandBand { Working, Good, Fault };

// A hand's band: a fault while a fault cue is about that hand, good while holding or
// releasing, working (approaching, pressing in) otherwise.
HandBand handBand(const scoring::LiveState& state, int hand);

// The band's colour for the 3-D hands (linear): bluish green, yellow, vermillion, which stay
// apart for the common colour-vision deficiencies and also differ in lightness.
glm::vec3 bandColour(HandBand band);
// The same colour as sRGB, for the panels' text.
glm::vec3 bandColourSrgb(HandBand band);
// The band's mark and word as the panel shows them: "[o] working", "[ok] good", "[X] fault",
// matching the icon over the hand (ring, tick, cross).
const char* bandWords(HandBand band);

// The band's icon over the back of a tracked hand: rods in the band's colour, about 3 cm
// across, paler than the hand, 4.5 cm over the back of the hand, facing the frame's first
// view (set the views first; without one it lies in the plane of the back of the hand).
void addBandIcon(HandBand band, const input::HandPose& hand, bool left, render::FrameDesc& frame);

// The panel's line for both hands ("Hands: left [ok] good, right [X] fault: too deep").
std::string handsLine(const scoring::LiveState& state, const input::HandFrame& hands);
// That line in the panel (ImGui), in the colour of the worse band.
void drawHandsLine(const scoring::LiveState& state, const input::HandFrame& hands);

}  // namespace palpa::app
