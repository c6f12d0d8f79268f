#include "scoring/recording.hpp"

namespace palpa::scoring {
namespace {

constexpr std::array<std::string_view, kJointCount> kJointNames = {
    "palm",
    "wrist",
    "thumb_metacarpal",
    "thumb_proximal",
    "thumb_distal",
    "thumb_tip",
    "index_metacarpal",
    "index_proximal",
    "index_intermediate",
    "index_distal",
    "index_tip",
    "middle_metacarpal",
    "middle_proximal",
    "middle_intermediate",
    "middle_distal",
    "middle_tip",
    "ring_metacarpal",
    "ring_proximal",
    "ring_intermediate",
    "ring_distal",
    "ring_tip",
    "little_metacarpal",
    "little_proximal",
    "little_intermediate",
    "little_distal",
    "little_tip",
};

}  // namespace

std::string_view jointName(int index) {
    if (index < 0 || index >= kJointCount) return {};
    return kJointNames[static_cast<size_t>(index)];
}

int jointIndex(std::string_view name) {
    for (int i = 0; i < kJointCount; ++i)
        if (kJointNames[static_cast<size_t>(i)] == name) return i;
    return -1;
}

std::string_view sideName(Side side) {
    return side == Side::Left ? "left" : "right";
}

std::optional<Side> parseSide(std::string_view text) {
    if (text == "left") return Side::Left;
    if (text == "right") return Side::Right;
    return std::nullopt;
}

}  // namespace palpa::scoring
