#include "render/label_layout.hpp"

namespace palpa::render {
namespace {

constexpr float kGap = 6.0f;       // pixels between the anchor and its text
constexpr float kPadding = 2.0f;   // pixels kept free around each text
constexpr int kTries = 24;         // steps tried up and down before giving up

bool overlaps(const glm::vec2& a, const glm::vec2& as, const glm::vec2& b, const glm::vec2& bs) {
    return a.x < b.x + bs.x + kPadding && b.x < a.x + as.x + kPadding && a.y < b.y + bs.y + kPadding &&
           b.y < a.y + as.y + kPadding;
}

}  // namespace

void layoutLabels(std::vector<LabelBox>& boxes) {
    for (std::size_t i = 0; i < boxes.size(); ++i) {
        LabelBox& box = boxes[i];
        const glm::vec2 home{box.anchor.x + kGap, box.anchor.y - box.size.y * 0.5f};
        const auto free = [&](const glm::vec2& at) {
            for (std::size_t j = 0; j < i; ++j)
                if (overlaps(at, box.size, boxes[j].at, boxes[j].size)) return false;
            return true;
        };
        box.at = home;
        box.leader = false;
        if (free(home)) continue;
        // Alternate below and above, one text height (plus padding) a step.
        const float step = box.size.y + kPadding;
        for (int k = 1; k <= kTries; ++k) {
            const float dy = static_cast<float>((k + 1) / 2) * step * (k % 2 ? 1.0f : -1.0f);
            const glm::vec2 at{home.x + kGap, home.y + dy};
            if (free(at)) {
                box.at = at;
                box.leader = true;
                break;
            }
        }
    }
}

}  // namespace palpa::render
