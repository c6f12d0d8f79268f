#include "scoring/plan.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <glm/geometric.hpp>

#include "core/error.hpp"

namespace palpa::scoring {
namespace {

glm::vec3 landmark(const Technique& t, const Patient& p, const std::string& name,
                   const std::string& place) {
    auto it = p.landmarks().find(name);
    if (it == p.landmarks().end())
    {
        // The model lacks it: the model is the file to fix (or its layer map's landmarks).
        if (p.identity().file.empty())
            throw InputError(t.source, place, "landmark \"" + name + "\" is not in the model");
        throw InputError(p.identity().file, "landmark \"" + name + "\"",
                         "missing, and the technique needs it (" + t.source + ": " + place +
                             "); name it in the model's layer map \"landmarks\"");
    }
    return it->second;
}

constexpr float kMaxClearanceShift = 0.08f;  // m a target may move laterally to clear the vessels

glm::vec3 direction(const Technique& t, const Patient& p, const std::string& name,
                    const std::string& place) {
    auto it = t.directions.find(name);
    if (it == t.directions.end())
        throw InputError(t.source, place, "unknown direction \"" + name + "\"");
    const DirectionSpec& d = it->second;
    const glm::vec3 from = landmark(t, p, d.from, "directions." + name + ".from");
    glm::vec3 to(0.0f);
    for (const std::string& n : d.to) to += landmark(t, p, n, "directions." + name + ".to");
    to /= static_cast<float>(d.to.size());
    const glm::vec3 v = to - from;
    if (glm::length(v) < 1e-6f)
        throw InputError(t.source, "directions." + name, "has zero length for this patient");
    return glm::normalize(v);
}

}  // namespace

std::string withSide(std::string name, Side side) {
    if (auto pos = name.find("{side}"); pos != std::string::npos)
        name.replace(pos, 6, std::string(sideName(side)));
    return name;
}

glm::vec3 tangential(const glm::vec3& v, const glm::vec3& n) {
    return v - glm::dot(v, n) * n;
}

glm::vec3 unitOrZero(const glm::vec3& v) {
    const float len = glm::length(v);
    return len > 1e-9f ? v / len : glm::vec3(0.0f);
}

double angleDeg(const glm::vec3& a, const glm::vec3& b) {
    const double c = static_cast<double>(glm::dot(glm::normalize(a), glm::normalize(b)));
    return std::acos(std::clamp(c, -1.0, 1.0)) * 57.29577951308232;
}

glm::vec3 superiorAt(const glm::vec3& n) {
    return unitOrZero(tangential({0, 0, 1}, n));
}

glm::vec3 lateralAt(const glm::vec3& n, Side side) {
    return unitOrZero(tangential({side == Side::Left ? -1.0f : 1.0f, 0, 0}, n));
}

glm::vec3 Plan::idealPress(const glm::vec3& n) const {
    const glm::vec3 along = unitOrZero(tangential(press_along, n));
    return unitOrZero(static_cast<float>(inward_weight) * -n +
                      static_cast<float>(along_weight) * along);
}

Plan makePlan(const Technique& t, const Patient& p, Side worked) {
    Plan plan;
    plan.worked = worked;
    plan.patient = p;
    plan.filter = t.filter;
    plan.contact_joint = t.contact_joint;
    plan.axis_from_joint = t.axis_from_joint;
    plan.axis_to_joint = t.axis_to_joint;
    plan.required_hands = t.required_hands;
    plan.safety = t.safety;
    plan.response = t.patient;
    if (!p.hasVessels() && (t.safety.vessel_keep_out > 0 || t.safety.over_vessel_depth > 0))
        throw InputError(p.identity().file.empty() ? t.source : p.identity().file, "layer \"vessels\"",
                         "the model has no vessels: technique " + t.id +
                             " keeps the thumbs off vessels and cannot be scored without them");

    for (size_t i = 0; i < t.targets.size(); ++i) {
        const TargetSpec& spec = t.targets[i];
        const std::string place = "targets[" + std::to_string(i) + "]";
        ResolvedTarget target;
        target.id = spec.id;
        target.side = spec.side == "left"     ? Side::Left
                      : spec.side == "right"  ? Side::Right
                      : spec.side == "worked" ? worked
                                              : opposite(worked);
        const float outward = target.side == Side::Left ? -1.0f : 1.0f;
        const glm::vec3 base = landmark(t, p, withSide(spec.landmark, target.side), place + ".landmark");
        float lateral = static_cast<float>(spec.lateral);
        if (!spec.lateral_over.empty()) {
            const glm::vec3 over =
                landmark(t, p, withSide(spec.lateral_over, target.side), place + ".lateral_over");
            lateral += std::abs(over.x - base.x);
        }
        const float z = base.z + static_cast<float>(spec.superior);
        const auto skinAt = [&](float lat) {
            const auto s = p.skinAbove(base.x + outward * lat, z);
            if (!s) {
                char where[96];
                std::snprintf(where, sizeof where, "%.1f cm lateral and %.1f cm superior of ", lat * 100.0f,
                              spec.superior * 100.0);
                throw InputError(t.source, place, "lies off the model's skin (" + std::string(where) + spec.landmark + ")");
            }
            return *s;
        };
        SkinSample at = skinAt(lateral);
        // Move laterally until the target is clear of every vessel's outline.
        if (spec.clear_of_vessels > 0 && p.hasVessels()) {
            const float clear = static_cast<float>(spec.clear_of_vessels);
            const float start = lateral;
            target.vessel_clearance = p.outlineDistance(at.point, at.normal, clear + 0.01f);
            while (target.vessel_clearance < clear) {
                lateral += clear - static_cast<float>(target.vessel_clearance) + 0.001f;
                if (lateral - start > kMaxClearanceShift)
                    throw InputError(t.source, place + ".clear_of_vessels_cm",
                                     "no skin point within 8 cm laterally of the target is that far from "
                                     "the model's vessels");
                at = skinAt(lateral);
                target.vessel_clearance = p.outlineDistance(at.point, at.normal, clear + 0.01f);
            }
        } else if (p.hasVessels()) {
            target.vessel_clearance = p.outlineDistance(at.point, at.normal, 0.1f);
        }
        target.point = at.point;
        target.normal = at.normal;
        const glm::vec3 axis =
            direction(t, p, withSide(spec.hand_axis, target.side), place + ".hand_axis");
        target.hand_axis = unitOrZero(tangential(axis, target.normal));
        if (target.hand_axis == glm::vec3(0.0f))
            throw InputError(t.source, place + ".hand_axis", "is normal to the skin");
        plan.targets.push_back(std::move(target));
    }
    plan.press_along = direction(t, p, withSide(t.press.along, worked), "press.along");
    plan.inward_weight = t.press.inward_weight;
    plan.along_weight = t.press.along_weight;

    const StepSpec& depth = t.step(Metric::Depth);
    plan.contact_depth = depth.contact;
    plan.gentle_min = depth.gentle_min;
    plan.gentle_max = depth.gentle_max;
    plan.max_depth = depth.max;
    const StepSpec& hold = t.step(Metric::Hold);
    plan.hold_min = hold.min;
    plan.hold_drift = hold.drift;
    plan.settle_speed = hold.settle_speed;
    plan.settle_window = hold.settle_window;
    plan.speed_max = t.step(Metric::Smoothness).acceptable_max;
    plan.bridge = t.step(Metric::Tracking).acceptable_max;
    plan.placement_max = t.step(Metric::Placement).acceptable_max;
    plan.angle_max = t.step(Metric::HandAngle).acceptable_max;
    plan.direction_max = t.step(Metric::PressDirection).acceptable_max;
    plan.hold_ideal_max = hold.ideal_max;
    return plan;
}

}  // namespace palpa::scoring
