// Role: a judged attempt as a student reads it, inside an ImGui window (the desktop) or panel
// (the headset): the verdict and any unsafe press first, then each step with the faulty ones
// first, its measured value, band and advice, and two pictures: the press measured against
// the ideal one (seen from the side), and where the thumbs touched against their targets
// (seen from above).
#pragma once

#include "scoring/verdict.hpp"

namespace palpa::app {

// Draws into the current ImGui window, `width` pixels wide.
void drawVerdict(const scoring::Result& result, float width);

}  // namespace palpa::app
