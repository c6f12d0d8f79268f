#include "app/headset_patient.hpp"

#include <chrono>
#include <exception>
#include <utility>

#include <imgui.h>

#include "app/patients.hpp"
#include "headset/panel_layout.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

PatientMenu::PatientMenu(std::optional<float> current, std::string layer_map)
    : current_(current), layer_map_(std::move(layer_map)) {}

PatientMenu::~PatientMenu() {
    if (future_.valid()) future_.wait();
}

void PatientMenu::draw() {
    const headset::PixelRect first = headset::patientButton(0);
    ImGui::SetNextWindowPos(ImVec2(0.0f, first.min.y - 30.0f));
    ImGui::SetNextWindowSize(ImVec2(static_cast<float>(headset::kPanelPixels.x), first.size.y + 30.0f));
    ImGui::Begin("patient menu", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground | ImGuiWindowFlags_NoSavedSettings);
    const ImVec2 origin = ImGui::GetWindowPos();
    ImGui::SetCursorScreenPos(ImVec2(first.min.x, origin.y + 4.0f));
    if (loading_)
        ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "Preparing the %s patient ...",
                           patientName(*loading_).c_str());
    else
        ImGui::TextDisabled("Patient (before you start): %s", patientName(current_).c_str());
    for (int i = 0; i < headset::kPatientButtons; ++i) {
        const std::optional<float> bmi =
            i == 0 ? std::nullopt : std::optional<float>(kPatientBmis[i - 1]);
        const headset::PixelRect r = headset::patientButton(i);
        ImGui::SetCursorScreenPos(ImVec2(r.min.x, r.min.y));
        const bool shown = bmi == current_;
        const bool disabled = shown || loading_.has_value();
        if (disabled) ImGui::BeginDisabled();
        if (shown) ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0.0f, 0.45f, 0.70f, 1.0f));
        const std::string label = i == 0 ? std::string("Bundled\nBMI 22") : patientName(bmi);
        if (ImGui::Button(label.c_str(), ImVec2(r.size.x, r.size.y)) && !disabled) {
            loading_ = bmi;
            future_ = std::async(std::launch::async, [bmi, map = layer_map_] {
                const std::filesystem::path model = patientModel(bmi);
                return Loaded{bmi, model, scene::loadScene(model, map)};
            });
        }
        if (shown) ImGui::PopStyleColor();
        if (disabled) ImGui::EndDisabled();
    }
    ImGui::End();
}

std::optional<PatientMenu::Loaded> PatientMenu::take(std::ostream& log) {
    if (!future_.valid() ||
        future_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
        return std::nullopt;
    const std::optional<float> bmi = *std::exchange(loading_, std::nullopt);
    try {
        Loaded loaded = future_.get();
        current_ = loaded.bmi;
        return loaded;
    } catch (const std::exception& e) {
        log << "headset: could not load the " << patientName(bmi) << " patient (" << e.what()
            << "); the " << patientName(current_) << " patient stays\n";
        return std::nullopt;
    }
}

}  // namespace palpa::app
