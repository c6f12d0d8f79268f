// Role: the pictures drawn on the body while a student practises: each target's zone as a ring
// on the skin (the placement band), the ideal press as an arrow into it, and, once a thumb
// presses, the press as measured as a second arrow beside the ideal one. Plain FrameDesc data.
#pragma once

#include "render/frame.hpp"
#include "scoring/patient.hpp"
#include "scoring/plan.hpp"
#include "scoring/scorer.hpp"

namespace palpa::app {

inline constexpr float kGuideArrowLength = 0.06f;  // m
inline constexpr float kGuideLift = 0.002f;       // m the zone's ring sits above the skin
inline constexpr int kGuideRingSegments = 32;

// Colours (linear): the ideal press and a zone are pale; a measured press is green within the
// technique's direction band, red past it. A thumb on its target thickens the zone's ring, so
// the guide does not rely on colour alone.
inline constexpr glm::vec3 kIdealColour{0.85f, 0.88f, 0.95f};
inline constexpr glm::vec3 kZoneColour{0.15f, 0.65f, 0.85f};

void addPressGuides(const scoring::Plan& plan, const scoring::Patient& patient, const scoring::LiveState& state,
                    render::FrameDesc& frame);

}  // namespace palpa::app
