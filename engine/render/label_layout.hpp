// Role: where label texts go on screen so that none overlaps another: each text starts beside
// its anchor and, where that spot is taken, moves up or down in steps until it is free; a
// moved text gets a leader line back to its anchor. Pure (screen pixels in, boxes out).
#pragma once

#include <vector>

#include <glm/vec2.hpp>

namespace palpa::render {

struct LabelBox {
    glm::vec2 anchor{0.0f};  // the point labelled
    glm::vec2 size{0.0f};    // the text's size
    glm::vec2 at{0.0f};      // out: the text's top-left corner
    bool leader = false;     // out: drawn away from its anchor (draw a line to it)
};

// Places every box; later boxes give way to earlier ones (put the important first).
void layoutLabels(std::vector<LabelBox>& boxes);

}  // namespace palpa::render
