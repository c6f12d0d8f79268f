// Role: a quiz played in the desktop window: one item at a time in a panel; multiple choice
// by buttons, "point at the structure" by clicking the model (graded by the picked mesh),
// practical items by the recording of an attempt. Holds the quiz, the order and the answers.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/desktop_ui.hpp"
#include "quiz/quiz.hpp"
#include "render/frame.hpp"
#include "scene/scene.hpp"

namespace palpa::app {

class DesktopQuiz {
public:
    DesktopQuiz(quiz::Quiz quiz, std::uint64_t seed);

    // Draws the quiz panel (inside an ImGui frame): in the desktop window's right-hand column,
    // or with no column covering the whole display (the headset's floating panel).
    void draw(PanelColumn* column = nullptr);
    // Layer styles the current item asks for (point items hide layers), applied over `base`.
    void applyLayers(const scene::Scene& scene, std::vector<render::LayerStyle>& base) const;
    // The desktop's way: sets those styles in `layers` (the layer panel's own) once, when the
    // item comes up, so the checkboxes show what is hidden and the student may change it; the
    // student's styles from before come back when the item is done.
    void syncLayers(const scene::Scene& scene, std::vector<render::LayerStyle>& layers);
    // A click on the model picked `mesh` (null: nothing): graded when a point item waits.
    void picked(const scene::Mesh* mesh);
    // Whether a point item is waiting for a click.
    bool wantsPick() const;
    bool finished() const { return index_ >= order_.size(); }
    // Practical items performed live (the headset): the item waiting for an attempt, or null.
    const quiz::Item* practicalWaiting() const;
    // Shows `status` (the live attempt) instead of asking for a recording file, with a button
    // to judge the attempt; takeJudgeRequest() tells whether it was pressed since last asked.
    void setLiveStatus(std::string status) { live_status_ = std::move(status); live_ = true; }
    bool takeJudgeRequest() { return std::exchange(judge_requested_, false); }
    // Grades the waiting practical item with a judged attempt.
    void answerPractical(int score, bool passed);
    const quiz::QuizResult& result() const { return result_; }
    const quiz::Quiz& quiz() const { return quiz_; }

private:
    const quiz::Item& current() const { return quiz_.items[order_[index_]]; }
    void answer(bool correct, std::string given, std::string feedback);

    quiz::Quiz quiz_;
    std::vector<std::size_t> order_;
    std::size_t index_ = 0;
    bool answered_ = false;
    std::string feedback_;
    std::array<char, 512> recording_{};
    quiz::QuizResult result_;
    bool live_ = false;
    std::string live_status_;
    bool judge_requested_ = false;
    std::optional<std::size_t> layered_item_;       // the item whose layers are set now
    std::vector<render::LayerStyle> saved_layers_;  // the student's, from before it
};

}  // namespace palpa::app
