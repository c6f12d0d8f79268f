#include "app/desktop_ui.hpp"

#include <cstdio>

#include <algorithm>

#include <imgui.h>

#include "app/patients.hpp"

namespace palpa::app {

PanelColumn rightColumn(float width, float height) {
    PanelColumn c;
    c.x = width - kRightColumnWidth - kPanelMargin;
    c.width = kRightColumnWidth;
    c.bottom = height - kStatusLineHeight;
    return c;
}

void placeInColumn(const PanelColumn& c) {
    ImGui::SetNextWindowPos(ImVec2(c.x, c.y), ImGuiCond_Always);
    ImGui::SetNextWindowSizeConstraints(ImVec2(c.width, 0.0f), ImVec2(c.width, std::max(c.bottom - c.y, 60.0f)));
}

void advanceColumn(PanelColumn& c) { c.y += ImGui::GetWindowHeight() + kPanelMargin; }

render::PixelRect modelRegion(float width, float height, bool tour) {
    if (tour) return {0.0f, 0.0f, width, std::max(height - kTourPanelHeight - 2.0f * kPanelMargin, height * 0.4f)};
    const float x0 = kLeftColumnWidth + 2.0f * kPanelMargin, x1 = width - kRightColumnWidth - 2.0f * kPanelMargin;
    if (x1 - x0 < width * 0.25f) return {0.0f, 0.0f, width, height};  // too narrow a window: the whole of it
    return {x0, 0.0f, x1, height - kStatusLineHeight};
}

namespace {
// The patient's size: picking another one closes the window and opens it on that patient.
void drawPatientMenu(DesktopState& s) {
    ImGui::SetNextItemWidth(160);
    if (!ImGui::BeginCombo("Patient", patientName(s.bmi).c_str())) return;
    std::vector<std::optional<float>> offered = {std::nullopt};
    for (float b : kPatientBmis) offered.push_back(b);
    for (const std::optional<float>& b : offered)
        if (ImGui::Selectable(patientName(b).c_str(), b == s.bmi) && b != s.bmi) s.picked = PatientChoice{true, b};
    ImGui::EndCombo();
}
}  // namespace

PatientChoice nextPatient(std::optional<float> bmi) {
    for (float b : kPatientBmis)
        if (!bmi || b > *bmi + 0.05f) return {true, b};
    return {true, std::nullopt};
}

void drawDesktopUi(const scene::Scene& scene, DesktopState& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    constexpr ImGuiWindowFlags kColumnPanel =
        ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse;
    PanelColumn left;
    left.bottom = vp->Size.y - kStatusLineHeight;
    placeInColumn(left);
    ImGui::Begin("Layers", nullptr, kColumnPanel);
    // The view options first, so that they never sit below a scrollbar.
    ImGui::Checkbox("X-ray", &s.xray);
    ImGui::SameLine();
    ImGui::Checkbox("Labels", &s.labels);
    ImGui::SameLine();
    ImGui::Checkbox("Cross-section", &s.clip);
    if (s.clip) {
        ImGui::SetNextItemWidth(160);
        ImGui::SliderFloat("cut depth (m)", &s.clip_depth, -0.20f, 0.0f, "%.3f");
    }
    if (s.patient_menu) drawPatientMenu(s);
    ImGui::Separator();
    // Outermost first: the order in which a student peels the body.
    for (std::size_t i = scene.layers.size(); i-- > 0;) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Checkbox("##visible", &s.layers[i].visible);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(120);
        ImGui::SliderFloat(scene.nameOf(scene.layers[i].name).c_str(), &s.layers[i].opacity, 0.0f, 1.0f, "%.2f");
        ImGui::PopID();
    }
    advanceColumn(left);
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(left.x, left.y), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(left.width, std::max(left.bottom - left.y, 80.0f)), ImGuiCond_Always);
    ImGui::Begin("Structures", nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoCollapse);
    if (ImGui::Selectable("(none)", s.highlight < 0)) s.highlight = -1;
    for (const scene::Layer& layer : scene.layers) {
        if (!ImGui::TreeNodeEx(layer.name.c_str(), ImGuiTreeNodeFlags_DefaultOpen, "%s", scene.nameOf(layer.name).c_str())) continue;
        for (std::uint32_t m : layer.meshes) {
            ImGui::PushID(static_cast<int>(m));
            if (ImGui::Selectable(scene.nameOf(scene.meshes[m].name).c_str(), s.highlight == static_cast<int>(m)))
                s.highlight = static_cast<int>(m);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", scene.meshes[m].name.c_str());
            ImGui::PopID();
        }
        ImGui::TreePop();
    }
    ImGui::End();

    if (!s.practice) {
        placeInColumn(rightColumn(vp->Size.x, vp->Size.y));
        ImGui::Begin("Technique", nullptr, kColumnPanel);
        ImGui::TextWrapped("Manual psoas release. Live scoring appears here when hands are tracked "
                           "(headset, simulator, or a recording: palpa desktop --replay FILE).");
        ImGui::End();
    }

    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 10, vp->Pos.y + vp->Size.y - 34));
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoBackground);
    ImGui::TextUnformatted(s.status.c_str());
    ImGui::End();
}

render::FrameDesc desktopFrame(const scene::Scene& scene, const DesktopState& s, float width, float height) {
    render::FrameDesc f;
    f.views = render::viewsInRegion(s.orbit, modelRegion(width, height, false), width, height);
    f.layers = s.layers;
    f.layers.resize(scene.layers.size());
    if (s.highlight >= 0) f.highlight.push_back(static_cast<std::uint32_t>(s.highlight));
    f.xray = s.xray;
    f.enclosing_layer = s.enclosing;
    if (s.clip) f.clip = glm::vec4(0.0f, 1.0f, 0.0f, -s.clip_depth);
    if (s.labels) {
        for (const scene::Landmark& l : scene.landmarks) f.labels.push_back({scene.nameOf(l.name), l.position});
        if (s.highlight >= 0) {
            const scene::Mesh& m = scene.meshes[static_cast<std::size_t>(s.highlight)];
            f.labels.push_back({scene.nameOf(m.name), m.bounds.centre()});
        }
    }
    return f;
}

}  // namespace palpa::app
