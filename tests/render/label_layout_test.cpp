// Label texts never overlap: crowded anchors push later texts up or down with a leader line;
// a lone label stays beside its anchor.
#include <gtest/gtest.h>

#include "render/label_layout.hpp"

namespace palpa::render {
namespace {

bool overlap(const LabelBox& a, const LabelBox& b) {
    return a.at.x < b.at.x + b.size.x && b.at.x < a.at.x + a.size.x && a.at.y < b.at.y + b.size.y &&
           b.at.y < a.at.y + a.size.y;
}

TEST(LabelLayout, CrowdedLabelsDoNotOverlap) {
    std::vector<LabelBox> boxes;
    for (int i = 0; i < 8; ++i)  // eight anchors within a few pixels (after orbiting, say)
        boxes.push_back({{200.0f + 2.0f * static_cast<float>(i), 150.0f + static_cast<float>(i)}, {90.0f, 13.0f}});
    layoutLabels(boxes);
    for (std::size_t i = 0; i < boxes.size(); ++i)
        for (std::size_t j = i + 1; j < boxes.size(); ++j) EXPECT_FALSE(overlap(boxes[i], boxes[j])) << i << " " << j;
    EXPECT_FALSE(boxes[0].leader);
    int leaders = 0;
    for (const LabelBox& b : boxes) leaders += b.leader;
    EXPECT_EQ(leaders, 7);
}

TEST(LabelLayout, ALoneLabelSitsBesideItsAnchor) {
    std::vector<LabelBox> boxes{{{50.0f, 60.0f}, {40.0f, 12.0f}}, {{300.0f, 60.0f}, {40.0f, 12.0f}}};
    layoutLabels(boxes);
    for (const LabelBox& b : boxes) {
        EXPECT_FALSE(b.leader);
        EXPECT_NEAR(b.at.x, b.anchor.x + 6.0f, 1e-4f);
        EXPECT_NEAR(b.at.y + b.size.y * 0.5f, b.anchor.y, 1e-4f);
    }
}

}  // namespace
}  // namespace palpa::render
