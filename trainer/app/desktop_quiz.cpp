#include "app/desktop_quiz.hpp"

#include <imgui.h>

#include "app/commands.hpp"
#include "core/error.hpp"

namespace palpa::app {

DesktopQuiz::DesktopQuiz(quiz::Quiz quiz, std::uint64_t seed)
    : quiz_(std::move(quiz)), order_(quiz::askingOrder(quiz_, seed)) {
    result_.quiz = quiz_.id;
}

void DesktopQuiz::answer(bool correct, std::string given, std::string feedback) {
    result_.answers.push_back({current().id, correct, std::move(given)});
    feedback_ = std::move(feedback);
    answered_ = true;
}

bool DesktopQuiz::wantsPick() const { return !finished() && !answered_ && current().type == quiz::ItemType::Point; }

void DesktopQuiz::picked(const scene::Mesh* mesh) {
    if (!wantsPick() || !mesh) return;
    const bool right = quiz::gradePoint(current(), mesh->name);
    answer(right, mesh->name, (right ? "Right: " : "That is " + mesh->name + ". ") + current().explanation);
}

void DesktopQuiz::applyLayers(const scene::Scene& scene, std::vector<render::LayerStyle>& base) const {
    if (finished() || current().type != quiz::ItemType::Point) return;
    for (const auto& [name, opacity] : current().layers)
        if (const scene::Layer* l = scene.findLayer(name)) {
            auto& s = base[static_cast<std::size_t>(l - scene.layers.data())];
            s.opacity = opacity;
            s.visible = opacity > 0.0f;
        }
}

void DesktopQuiz::syncLayers(const scene::Scene& scene, std::vector<render::LayerStyle>& layers) {
    const bool pointUp = !finished() && !answered_ && current().type == quiz::ItemType::Point;
    if (layered_item_ && (!pointUp || *layered_item_ != index_)) {
        layers = saved_layers_;
        layered_item_.reset();
    }
    if (pointUp && !layered_item_) {
        saved_layers_ = layers;
        applyLayers(scene, layers);
        layered_item_ = index_;
    }
}

const quiz::Item* DesktopQuiz::practicalWaiting() const {
    if (finished() || answered_ || current().type != quiz::ItemType::Practical) return nullptr;
    return &current();
}

void DesktopQuiz::answerPractical(int score, bool passed) {
    const quiz::Item* item = practicalWaiting();
    if (!item) return;
    const bool right = quiz::gradePractical(*item, passed, score);
    answer(right, "score " + std::to_string(score),
           "Score " + std::to_string(score) + "/100" + (passed ? ", passed. " : ", not passed. ") + item->explanation);
}

void DesktopQuiz::draw(PanelColumn* column) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const bool fill = column == nullptr;
    if (fill) {
        ImGui::SetNextWindowPos(vp->Pos);
        ImGui::SetNextWindowSize(vp->Size);
    } else {
        placeInColumn(*column);  // grown to fit what it holds, never past the window's bottom
    }
    ImGui::Begin(quiz_.title.c_str(), nullptr,
                 fill ? ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground
                      : ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoCollapse);
    const auto end = [column] {
        if (column) advanceColumn(*column);
        ImGui::End();
    };
    if (finished()) {
        ImGui::Text("Final score: %d / %d", result_.correct(), result_.asked());
        end();
        return;
    }
    const quiz::Item& item = current();
    ImGui::Text("Question %zu of %zu", index_ + 1, order_.size());
    ImGui::Separator();
    ImGui::TextWrapped("%s", item.prompt.c_str());
    if (!answered_) {
        switch (item.type) {
            case quiz::ItemType::Choice:
                for (std::size_t c = 0; c < item.choices.size(); ++c) {
                    ImGui::PushID(static_cast<int>(c));
                    // A letter button beside the choice's text, wrapped: a long choice is never cut off.
                    const char letter[2] = {static_cast<char>('A' + static_cast<int>(c % 26)), '\0'};
                    const bool chosen = ImGui::Button(letter, ImVec2(28, 0));
                    ImGui::SameLine();
                    ImGui::TextWrapped("%s", item.choices[c].c_str());
                    if (chosen) {
                        const bool right = quiz::gradeChoice(item, c);
                        answer(right, item.choices[c],
                               (right ? std::string("Right. ") : "Not quite: " + item.choices[item.answer] + ". ") + item.explanation);
                    }
                    ImGui::PopID();
                }
                break;
            case quiz::ItemType::Point:
                ImGui::TextDisabled("Click the structure on the model.");
                break;
            case quiz::ItemType::Practical:
                if (live_) {
                    ImGui::TextWrapped("Perform it now: %s", live_status_.c_str());
                    if (ImGui::Button("Judge my attempt")) judge_requested_ = true;
                    ImGui::TextDisabled(fill ? "or select / pinch with the right hand" : "or press F");
                    break;
                }
                ImGui::TextWrapped("Perform it with tracked or simulated hands, then give the recording:");
                ImGui::InputText("recording", recording_.data(), recording_.size());
                if (ImGui::Button("Score it")) {
                    try {
                        const scoring::Result r = scoreRecordingFile(recording_.data());
                        const bool right = quiz::gradePractical(item, r.passed, r.score);
                        answer(right, "score " + std::to_string(r.score),
                               "Score " + std::to_string(r.score) + "/100" + (r.passed ? ", passed. " : ", not passed. ") + item.explanation);
                    } catch (const Error& e) {
                        feedback_ = e.what();
                    }
                }
                break;
        }
        if (ImGui::Button("Skip")) {
            ++index_;
            feedback_.clear();
        }
    } else if (ImGui::Button("Next")) {
        ++index_;
        answered_ = false;
        feedback_.clear();
    }
    if (!feedback_.empty()) {
        ImGui::Separator();
        ImGui::TextWrapped("%s", feedback_.c_str());
    }
    ImGui::Text("Score so far: %d / %d", result_.correct(), result_.asked());
    end();
}

}  // namespace palpa::app
