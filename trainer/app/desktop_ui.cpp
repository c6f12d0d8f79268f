#include "scene/names.hpp"
#include "app/desktop_ui.hpp"

#include <imgui.h>

namespace palpa::app {

void drawDesktopUi(const scene::Scene& scene, DesktopState& s) {
    ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(300, 0), ImGuiCond_FirstUseEver);
    ImGui::Begin("Layers");
    // Outermost first: the order in which a student peels the body.
    for (std::size_t i = scene.layers.size(); i-- > 0;) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::Checkbox("##visible", &s.layers[i].visible);
        ImGui::SameLine();
        ImGui::SetNextItemWidth(140);
        ImGui::SliderFloat(scene.layers[i].name.c_str(), &s.layers[i].opacity, 0.0f, 1.0f, "%.2f");
        ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::Checkbox("X-ray", &s.xray);
    ImGui::Checkbox("Labels", &s.labels);
    ImGui::Checkbox("Cross-section", &s.clip);
    if (s.clip) ImGui::SliderFloat("depth (m)", &s.clip_depth, -0.20f, 0.0f, "%.3f");
    ImGui::End();

    ImGui::SetNextWindowPos(ImVec2(10, 330), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(300, 300), ImGuiCond_FirstUseEver);
    ImGui::Begin("Structures");
    if (ImGui::Selectable("(none)", s.highlight < 0)) s.highlight = -1;
    for (const scene::Layer& layer : scene.layers) {
        if (!ImGui::TreeNodeEx(layer.name.c_str(), ImGuiTreeNodeFlags_DefaultOpen)) continue;
        for (std::uint32_t m : layer.meshes)
            if (ImGui::Selectable(scene.meshes[m].name.c_str(), s.highlight == static_cast<int>(m)))
                s.highlight = static_cast<int>(m);
        ImGui::TreePop();
    }
    ImGui::End();

    if (!s.practice) {
        ImGui::SetNextWindowPos(ImVec2(320, 10), ImGuiCond_FirstUseEver);
        ImGui::SetNextWindowSize(ImVec2(320, 0), ImGuiCond_FirstUseEver);
        ImGui::Begin("Technique");
        ImGui::TextWrapped("Manual psoas release. Live scoring appears here when hands are tracked "
                           "(headset, simulator, or a recording: palpa desktop --replay FILE).");
        ImGui::End();
    }

    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + 10, vp->Pos.y + vp->Size.y - 34));
    ImGui::Begin("##status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoInputs |
                                          ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoBackground);
    ImGui::TextUnformatted(s.status.c_str());
    ImGui::End();
}

render::FrameDesc desktopFrame(const scene::Scene& scene, const DesktopState& s, float aspect) {
    render::FrameDesc f;
    f.views = render::views(s.orbit, aspect, 1);
    f.layers = s.layers;
    f.layers.resize(scene.layers.size());
    if (s.highlight >= 0) f.highlight.push_back(static_cast<std::uint32_t>(s.highlight));
    f.xray = s.xray;
    if (s.clip) f.clip = glm::vec4(0.0f, 1.0f, 0.0f, -s.clip_depth);
    if (s.labels) {
        for (const scene::Landmark& l : scene.landmarks) f.labels.push_back({scene::displayName(l.name), l.position});
        if (s.highlight >= 0) {
            const scene::Mesh& m = scene.meshes[static_cast<std::size_t>(s.highlight)];
            f.labels.push_back({scene::displayName(m.name), m.bounds.centre()});
        }
    }
    return f;
}

}  // namespace palpa::app
