#include "app/verdict_panel.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <imgui.h>

namespace palpa::app {
namespace {

// The hands' colour-blind-safe palette (app/hand_feedback.hpp), lightened for text on the
// dark panel; every band also has its mark ("[ok]", "[~]", "[X]").
const ImVec4 kGood{0.30f, 0.80f, 0.64f, 1.0f};
const ImVec4 kAcceptable{0.94f, 0.89f, 0.26f, 1.0f};
const ImVec4 kFault{0.96f, 0.50f, 0.16f, 1.0f};
const ImVec4 kMuted{0.7f, 0.7f, 0.7f, 1.0f};

ImVec4 bandColour(scoring::Band band) {
    switch (band) {
        case scoring::Band::Good:
            return kGood;
        case scoring::Band::Acceptable:
            return kAcceptable;
        default:
            return kFault;
    }
}

const char* bandMark(scoring::Band band) {
    switch (band) {
        case scoring::Band::Good:
            return "[ok]";
        case scoring::Band::Acceptable:
            return "[~] ";
        case scoring::Band::Fault:
            return "[X] ";
        case scoring::Band::NotMeasured:
            return "[?] ";
    }
    return "";
}

// Lower is worse: faults, then not measured, then acceptable, then good.
int rank(scoring::Band band) {
    switch (band) {
        case scoring::Band::Fault:
            return 0;
        case scoring::Band::NotMeasured:
            return 1;
        case scoring::Band::Acceptable:
            return 2;
        case scoring::Band::Good:
            return 3;
    }
    return 4;
}

ImU32 colourU32(const ImVec4& c) {
    return ImGui::ColorConvertFloat4ToU32(c);
}

void arrow(ImDrawList* d, ImVec2 from, double deg_from_down, float length, ImU32 colour) {
    const float a = static_cast<float>(deg_from_down * 3.14159265 / 180.0);
    const ImVec2 to{from.x + length * std::sin(a), from.y + length * std::cos(a)};
    d->AddLine(from, to, colour, 3.0f);
    const float back = 9.0f, spread = 0.45f;
    for (float s : {-spread, spread})
        d->AddLine(to, {to.x - back * std::sin(a + s), to.y - back * std::cos(a + s)}, colour, 3.0f);
}

// The press seen from the side: the skin a line, the pelvis to the right, the ideal press in
// green and each hand's measured press in its band's colour.
void pressPicture(const scoring::Result& r, float width) {
    const scoring::StepResult* step = nullptr;
    for (const auto& s : r.steps)
        if (s.metric == scoring::Metric::PressDirection) step = &s;
    bool any = false;
    for (const auto& h : r.metrics.hands) any = any || h.press_from_inward_deg.has_value();
    if (!any || !step) return;
    ImGui::TextColored(kMuted, "Your press (side view, pelvis to the right):");
    const float height = 90.0f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    ImDrawList* d = ImGui::GetWindowDrawList();
    const ImVec2 contact{o.x + width * 0.35f, o.y + 18.0f};
    d->AddLine({o.x + 8.0f, contact.y}, {o.x + width - 8.0f, contact.y}, colourU32(kMuted), 2.0f);
    d->AddText({o.x + 8.0f, o.y}, colourU32(kMuted), "skin");
    const double ideal = r.metrics.hands[0].ideal_from_inward_deg;
    arrow(d, contact, ideal, height - 24.0f, colourU32(kGood));
    for (const auto& h : r.metrics.hands)
        if (h.press_from_inward_deg) arrow(d, contact, *h.press_from_inward_deg, height - 34.0f, colourU32(bandColour(step->band)));
    d->AddText({contact.x + (height - 24.0f) * 0.72f + 6.0f, contact.y + (height - 24.0f) * 0.6f}, colourU32(kGood), "ideal");
    ImGui::Dummy({width, height});
}

// Where the thumbs touched, seen from above (head up, the patient's left on the left):
// each target with its good and acceptable circles, each thumb a dot in its band's colour.
void placementPicture(const scoring::Result& r, float width) {
    const scoring::StepResult* step = nullptr;
    for (const auto& s : r.steps)
        if (s.metric == scoring::Metric::Placement) step = &s;
    std::vector<const scoring::HandMetrics*> hands;
    for (const auto& h : r.metrics.hands)
        if (h.contacted && h.target >= 0) hands.push_back(&h);
    if (hands.empty() || !step) return;
    ImGui::TextColored(kMuted, "Where your thumbs touched (from above, head up):");
    const float height = 110.0f, px_per_cm = 9.0f;
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const ImVec2 c{o.x + width * 0.5f, o.y + height * 0.5f};
    glm::vec3 centre(0.0f);
    for (const auto* h : hands) centre += h->target_point / static_cast<float>(hands.size());
    ImDrawList* d = ImGui::GetWindowDrawList();
    const auto at = [&](const glm::vec3& p) {
        // Facing the supine patient from their feet: their left (-x) on the viewer's left.
        return ImVec2{c.x + (p.x - centre.x) * 100.0f * px_per_cm, c.y - (p.z - centre.z) * 100.0f * px_per_cm};
    };
    for (const auto* h : hands) {
        d->AddCircle(at(h->target_point), 4.0f * px_per_cm, colourU32(kAcceptable), 32, 1.5f);
        d->AddCircle(at(h->target_point), 2.5f * px_per_cm, colourU32(kGood), 32, 1.5f);
        d->AddCircleFilled(at(h->target_point), 2.5f, colourU32(kGood));
    }
    for (const auto* h : hands) {
        const ImVec4 col = h->placement_cm && *h->placement_cm <= 2.5 ? kGood
                           : h->placement_cm && *h->placement_cm <= 4.0 ? kAcceptable
                                                                         : kFault;
        d->AddCircleFilled(at(h->contact_point), 5.0f, colourU32(col));
    }
    ImGui::Dummy({width, height});
}

}  // namespace

void drawVerdict(const scoring::Result& r, float width) {
    ImGui::PushStyleColor(ImGuiCol_Text, r.passed ? kGood : kFault);
    ImGui::Text("%s   score %d/100", r.passed ? "PASSED" : "NOT PASSED", r.score);
    ImGui::PopStyleColor();
    // Safety first: an unsafe press fails the attempt, and is said before anything else.
    for (const std::string& reason : r.safety_reasons) {
        ImGui::PushStyleColor(ImGuiCol_Text, kFault);
        ImGui::TextWrapped("UNSAFE: %s", reason.c_str());
        ImGui::PopStyleColor();
    }
    std::vector<const scoring::StepResult*> steps;
    for (const auto& s : r.steps) steps.push_back(&s);
    std::stable_sort(steps.begin(), steps.end(),
                     [](const auto* a, const auto* b) { return rank(a->band) < rank(b->band); });
    ImGui::Separator();
    for (const scoring::StepResult* s : steps) {
        char value[48] = "-";
        if (s->value) {
            const int decimals = s->unit == "deg" ? 0 : s->unit == "m/s" ? 2 : 1;
            std::snprintf(value, sizeof value, "%.*f %s", decimals, *s->value, s->unit.c_str());
        }
        ImGui::PushStyleColor(ImGuiCol_Text, bandColour(s->band));
        ImGui::TextWrapped("%s %s: %s (%s)", bandMark(s->band), s->title.c_str(), value, scoring::bandName(s->band));
        ImGui::PopStyleColor();
        if (!s->faults.empty()) {
            std::string faults;
            for (const auto& f : s->faults) faults += (faults.empty() ? "" : ", ") + f;
            ImGui::TextColored(kFault, "      fault: %s", faults.c_str());
        }
        if (!s->advice.empty() && s->band != scoring::Band::Good) {
            ImGui::Indent(24.0f);
            ImGui::TextWrapped("%s", s->advice.c_str());
            ImGui::Unindent(24.0f);
        }
    }
    ImGui::Separator();
    pressPicture(r, width);
    placementPicture(r, width);
}

}  // namespace palpa::app
