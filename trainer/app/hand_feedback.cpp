#include "app/hand_feedback.hpp"

#include <array>
#include <cmath>

#include <glm/geometric.hpp>
#include <imgui.h>

#include "input/hand_mesh.hpp"

namespace palpa::app {
namespace {

constexpr float kIconSize = 0.016f;     // m: half the icon's width
constexpr float kIconLift = 0.045f;     // m above the palm joint, toward the back of the hand
constexpr float kIconRod = 0.0026f;     // m: rod radius
constexpr float kIconLighten = 0.5f;    // the icon is the band's colour mixed this much with white

glm::vec3 toLinear(glm::vec3 c) {
    for (int i = 0; i < 3; ++i) c[i] = c[i] <= 0.04045f ? c[i] / 12.92f : std::pow((c[i] + 0.055f) / 1.055f, 2.4f);
    return c;
}

}  // namespace

HandBand handBand(const scoring::LiveState& s, int hand) {
    if (s.fault_cue && s.cue_hands[static_cast<std::size_t>(hand)]) return HandBand::Fault;
    if (s.phase == scoring::Phase::Hold || s.phase == scoring::Phase::Release) return HandBand::Good;
    return HandBand::Working;
}

glm::vec3 bandColourSrgb(HandBand band) {
    switch (band) {
        case HandBand::Good:
            return glm::vec3(0.0f, 158.0f, 115.0f) / 255.0f;  // bluish green
        case HandBand::Fault:
            return glm::vec3(213.0f, 94.0f, 0.0f) / 255.0f;   // vermillion
        case HandBand::Working:
            break;
    }
    return glm::vec3(240.0f, 228.0f, 66.0f) / 255.0f;  // yellow
}

glm::vec3 bandColour(HandBand band) { return toLinear(bandColourSrgb(band)); }

const char* bandWords(HandBand band) {
    switch (band) {
        case HandBand::Good:
            return "[ok] good";
        case HandBand::Fault:
            return "[X] fault";
        case HandBand::Working:
            break;
    }
    return "[o] working";
}

void addBandIcon(HandBand band, const input::HandPose& hand, bool left, render::FrameDesc& frame) {
    // The back of the hand's plane from the middle finger's metacarpal bone.
    const input::BoneFrame back = input::boneFrames(left ? input::Hand::Left : input::Hand::Right, hand)[10];
    glm::vec3 n = back.axes[1], v = back.axes[2], u = glm::cross(v, n);
    const glm::vec3 centre = hand[0].position + kIconLift * n;
    if (!frame.views.empty()) {  // facing the (first) eye, upright in its view: readable from any side
        const glm::mat4& view = frame.views[0].view;
        u = glm::vec3(view[0][0], view[1][0], view[2][0]);
        v = glm::vec3(view[0][1], view[1][1], view[2][1]);
    }
    auto at = [&](float x, float y) { return centre + kIconSize * (x * u + y * v); };
    auto rod = [&](glm::vec2 a, glm::vec2 b) {
        render::Guide g;
        g.from = at(a.x, a.y);
        g.to = at(b.x, b.y);
        g.radius = kIconRod;
        g.colour = glm::mix(bandColour(band), glm::vec3(1.0f), kIconLighten);  // apart from the hand under it
        frame.guides.push_back(g);
    };
    switch (band) {
        case HandBand::Good:  // a tick
            rod({-0.8f, 0.0f}, {-0.25f, -0.6f});
            rod({-0.25f, -0.6f}, {0.85f, 0.8f});
            break;
        case HandBand::Fault:  // a cross
            rod({-0.75f, -0.75f}, {0.75f, 0.75f});
            rod({-0.75f, 0.75f}, {0.75f, -0.75f});
            break;
        case HandBand::Working: {  // a ring
            constexpr int kSides = 10;
            for (int i = 0; i < kSides; ++i) {
                const float a0 = 6.2831853f * static_cast<float>(i) / kSides, a1 = 6.2831853f * static_cast<float>(i + 1) / kSides;
                rod({0.75f * std::cos(a0), 0.75f * std::sin(a0)}, {0.75f * std::cos(a1), 0.75f * std::sin(a1)});
            }
            break;
        }
    }
}

std::string handsLine(const scoring::LiveState& s, const input::HandFrame& hands) {
    std::string line = "Hands:";
    bool any = false;
    for (int h = 0; h < 2; ++h) {
        if (!hands.hands[static_cast<std::size_t>(h)]) continue;
        const HandBand band = handBand(s, h);
        line += std::string(any ? ", " : " ") + (h == 0 ? "left " : "right ") + bandWords(band);
        any = true;
    }
    if (!any) return "Hands: not tracked";
    if (s.fault_cue) {
        std::string key(s.cue_key);
        for (char& c : key)
            if (c == '_') c = ' ';
        line += ": " + key;
    }
    return line;
}

void drawHandsLine(const scoring::LiveState& s, const input::HandFrame& hands) {
    HandBand worst = HandBand::Good;
    bool any = false;
    for (int h = 0; h < 2; ++h) {
        if (!hands.hands[static_cast<std::size_t>(h)]) continue;
        const HandBand b = handBand(s, h);
        if (!any || b == HandBand::Fault || (b == HandBand::Working && worst == HandBand::Good)) worst = b;
        any = true;
    }
    const glm::vec3 c = bandColourSrgb(worst);
    if (any) ImGui::TextColored(ImVec4(c.r, c.g, c.b, 1.0f), "%s", handsLine(s, hands).c_str());
    else ImGui::TextDisabled("%s", handsLine(s, hands).c_str());
}

}  // namespace palpa::app
