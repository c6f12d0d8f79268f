#include "app/press_guides.hpp"

#include "app/hand_feedback.hpp"

#include <cmath>

#include <glm/geometric.hpp>

namespace palpa::app {

void addPressGuides(const scoring::Plan& plan, const scoring::Patient& patient, const scoring::LiveState& state,
                    render::FrameDesc& frame) {
    bool onTarget = false, pressing = false;
    for (bool on : state.on_target) onTarget = onTarget || on;
    for (const auto& press : state.press) pressing = pressing || press.has_value();
    for (const scoring::ResolvedTarget& target : plan.targets) {
        // The zone: points of the placement band's circle in the tangent plane, each moved to
        // the skin under it and lifted a little, joined into a ring.
        const glm::vec3 n = glm::normalize(target.normal);
        const glm::vec3 u = scoring::unitOrZero(scoring::tangential(target.hand_axis, n));
        const glm::vec3 v = glm::cross(n, u);
        const float radius = static_cast<float>(plan.placement_max);
        glm::vec3 previous{0.0f};
        for (int i = 0; i <= kGuideRingSegments; ++i) {
            const float a = 6.2831853f * static_cast<float>(i) / static_cast<float>(kGuideRingSegments);
            const glm::vec3 around = target.point + radius * (std::cos(a) * u + std::sin(a) * v);
            const scoring::SkinSample skin = patient.skin(around);
            const glm::vec3 p = skin.point + skin.normal * kGuideLift;
            if (i > 0) frame.guides.push_back({previous, p, onTarget ? 0.0016f : 0.0009f, kZoneColour, false});
            previous = p;
        }
        // The ideal press into the target, until a thumb presses (then it is drawn there).
        if (pressing) continue;
        const glm::vec3 ideal = plan.idealPress(n);
        frame.guides.push_back({target.point - ideal * kGuideArrowLength, target.point, 0.0012f, kIdealColour, true});
    }
    for (const auto& press : state.press) {
        if (!press) continue;
        const bool off = press->off_deg > plan.direction_max;
        const glm::vec3 colour = bandColour(off ? HandBand::Fault : HandBand::Good);  // the hands' palette
        frame.guides.push_back({press->contact - press->ideal * kGuideArrowLength, press->contact, 0.0012f, kIdealColour, true});
        // A pressing direction that is off is drawn thicker too.
        frame.guides.push_back({press->contact - press->measured * kGuideArrowLength, press->contact, off ? 0.0018f : 0.0012f,
                                colour, true});
    }
}

}  // namespace palpa::app
