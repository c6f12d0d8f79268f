// Walkthroughs and quizzes in the headset. A walkthrough step sets layers, highlights and the
// cut of the model and shows its narration (and the labelled names) on the panel; right
// select or pinch goes on, left goes back. A quiz is played on the panel by poking its
// buttons; a "point at the structure" item is answered by aiming the index finger (or a
// controller's simulated hand) at the structure and selecting or pinching.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <utility>

#include <imgui.h>

#include "app/render_setup.hpp"
#include "app/commands.hpp"
#include "app/desktop_quiz.hpp"
#include "app/headset.hpp"
#include "app/headset_activity.hpp"
#include "app/live_practice.hpp"
#include "app/walkthrough_frame.hpp"
#include "core/error.hpp"
#include "headset/gestures.hpp"
#include "records/recorder.hpp"
#include "scene/bvh.hpp"

namespace palpa::app {

namespace {

const glm::vec3 kNeutralHands{0.75f, 0.75f, 0.8f};

class WalkthroughActivity final : public LedTour {
  public:
    // `led`: an instructor moves the steps (goTo); the hands and the panel do not.
    WalkthroughActivity(const HeadsetOptions& o, const scene::Scene& scene, walkthrough::Walkthrough tour, bool led)
        : options_(o), scene_(scene), tour_(std::move(tour)), led_(led) {
        walkthrough::check(tour_, scene);
        announce();
    }
    std::string name() const override { return "walkthrough"; }

    void update(const HeadsetInput& in) override {
        hands_ = in.hands;
        if (led_) return;
        if (in.select[1] && index_ + 1 < tour_.steps.size()) ++index_, announce();
        if (in.select[0] && index_ > 0) --index_, announce();
    }

    void goTo(std::size_t step) override {
        const std::size_t to = std::min(step, tour_.steps.size() - 1);
        if (to == index_) return;
        index_ = to;
        announce();
    }
    std::size_t steps() const override { return tour_.steps.size(); }

    void drawPanel(glm::uvec2 size) override {
        const walkthrough::Step& step = tour_.steps[index_];
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(
            ImVec2(static_cast<float>(size.x), static_cast<float>(size.y)));
        ImGui::Begin("walkthrough", nullptr,
                     ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoBackground);
        ImGui::TextDisabled("%s - step %zu of %zu", tour_.title.c_str(), index_ + 1,
                            tour_.steps.size());
        ImGui::SetWindowFontScale(1.5f);
        ImGui::TextColored(ImVec4(0.55f, 0.85f, 1.0f, 1.0f), "%s", step.title.c_str());
        ImGui::SetWindowFontScale(1.0f);
        ImGui::TextWrapped("%s", step.narration.c_str());
        if (!step.labels.empty()) {
            std::string names;
            for (const std::string& l : step.labels) names += (names.empty() ? "" : ", ") + l;
            ImGui::TextWrapped("Labelled: %s", names.c_str());
        }
        if (!led_) {
            if (ImGui::Button("< Previous") && index_ > 0) --index_, announce();
            ImGui::SameLine();
            if (ImGui::Button("Next >") && index_ + 1 < tour_.steps.size()) ++index_, announce();
            ImGui::TextDisabled("right pinch or select: next | left: previous");
        }
        ImGui::End();
    }

    void decorate(render::FrameDesc& frame) const override {
        frame.layers = step_.layers;
        frame.highlight = step_.highlight;
        frame.xray = step_.xray;
        frame.clip = step_.clip;
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - stepStarted_).count();
        if (!tour_.steps[index_].leg_lift.empty())
            lifts_.add(tour_.steps[index_].leg_lift == "left", liftCycle(seconds), frame);
        breathing_.add(seconds, frame);
        addHandsToFrame(hands_, kNeutralHands, frame);
    }

    int finish(std::ostream& out) override {
        out << "walkthrough: reached step " << reached_ + 1 << " of " << tour_.steps.size() << '\n';
        if (!options_.student.empty() && reached_ + 1 >= tour_.steps.size()) {
            records::WalkthroughRecord record;
            record.student = options_.student;
            record.walkthrough = tour_.id;
            out << records::storeRecord(options_.db, record) << '\n';
        }
        return kExitOk;
    }

  private:
    // Called whenever the step changes: the step's styles are worked out once, not per frame.
    void announce() {
        step_ = stepFrame(tour_.steps[index_], scene_, 1.0f, 1.0f);
        stepStarted_ = std::chrono::steady_clock::now();
        reached_ = std::max(reached_, index_);
        std::cout << "walkthrough: step " << index_ + 1 << "/" << tour_.steps.size() << " "
                  << tour_.steps[index_].title << std::endl;  // flushed: a class's instructor may be watching the log
    }

    const HeadsetOptions& options_;
    const scene::Scene& scene_;
    walkthrough::Walkthrough tour_;
    bool led_ = false;
    std::size_t index_ = 0, reached_ = 0;
    render::FrameDesc step_;  // the current step's layers, highlight and cut
    std::chrono::steady_clock::time_point stepStarted_ = std::chrono::steady_clock::now();
    mutable IdleBreathing breathing_{scene_, scoring::Patient::fromScene(scene_)};
    LegLifts lifts_{scene_};
    input::HandFrame hands_;
};

std::filesystem::path techniquePath(const std::string& id) {
    return assetsDir() / "techniques" / (id + ".json");
}

class QuizActivity final : public HeadsetActivity {
  public:
    QuizActivity(const HeadsetOptions& o, const scene::Scene& scene, quiz::Quiz given)
        : options_(o), scene_(scene), picker_(scene),
          modelPath_(o.model.empty() ? bundledModel() : std::filesystem::path(o.model)),
          quiz_(std::move(given), o.seed) {
        // Every practical item's technique must exist before the headset starts.
        const quiz::Quiz& q = quiz_.quiz();
        for (std::size_t i = 0; i < q.items.size(); ++i)
            if (q.items[i].type == quiz::ItemType::Practical &&
                !std::filesystem::exists(techniquePath(q.items[i].technique)))
                throw InputError(q.source, "items[" + std::to_string(i) + "].technique",
                                 "no technique \"" + q.items[i].technique + "\" in " +
                                     (assetsDir() / "techniques").string());
    }
    std::string name() const override { return "quiz"; }

    void update(const HeadsetInput& in) override {
        hands_ = in.hands;
        aimed_.reset();
        if (const quiz::Item* item = quiz_.practicalWaiting()) {
            practise(*item, in);
            return;
        }
        practice_.reset();
        if (!quiz_.wantsPick()) return;
        // The right hand aims (the left when the right is not tracked).
        const int h = in.hands.hands[1] ? 1 : 0;
        if (!in.hands.hands[h]) return;
        const headset::Ray ray = headset::pointingRay(*in.hands.hands[h]);
        std::vector<render::LayerStyle> layers(scene_.layers.size());
        quiz_.applyLayers(scene_, layers);
        std::vector<bool> visible;
        for (const auto& l : layers) visible.push_back(l.visible && l.opacity > 0.0f);
        if (const auto hit = scene::pick(scene_, picker_, {ray.origin, ray.direction}, visible))
            aimed_ = hit->mesh;
        if (in.select[h]) {
            quiz_.picked(aimed_ ? &scene_.meshes[*aimed_] : nullptr);
            std::cout << "quiz: pointed at "
                      << (aimed_ ? scene_.meshes[*aimed_].name : std::string("nothing")) << '\n';
        }
    }

    void drawPanel(glm::uvec2) override { quiz_.draw(); }

    void decorate(render::FrameDesc& frame) const override {
        quiz_.applyLayers(scene_, frame.layers);
        if (aimed_) frame.highlight = {*aimed_};
        if (practice_) {
            practice_->addHands(frame);  // tinted by the live feedback
            practice_->addGuides(frame);
            practice_->addPatient(frame, scene_);
        } else {
            addHandsToFrame(hands_, kNeutralHands, frame);
        }
    }

    std::array<bool, 2> pulse() const override {
        return practice_ ? practice_->state().pulse : std::array<bool, 2>{false, false};
    }
    double heartRateBpm() const override { return technique_.safety.heart_rate_bpm; }

    bool done() const override { return quiz_.finished(); }

    int finish(std::ostream& out) override {
        out << "quiz: " << quiz_.result().correct() << "/" << quiz_.result().asked() << " right\n";
        if (!options_.student.empty() && quiz_.result().asked() > 0)
            out << storeQuizResult(options_.student, options_.db, quiz_.result(), options_.class_code) << '\n';
        return kExitOk;
    }

  private:
    // A practical item: the technique performed live, judged on request (the panel's button,
    // or a right-hand select or pinch).
    void practise(const quiz::Item& item, const HeadsetInput& in) {
        if (!practice_) {
            technique_ = scoring::loadTechnique(techniquePath(item.technique));
            if (!patient_) patient_ = patientFromScene(scene_, modelPath_);
            const auto side = scoring::parseSide(item.side).value_or(scoring::Side::Left);
            auto source = std::make_unique<FedHands>("headset");
            fed_ = source.get();
            practice_ = std::make_unique<LivePractice>(technique_, *patient_,
                                                       side, std::move(source));
            std::cout << "quiz: practical item " << item.id << ": perform the technique\n";
        }
        fed_->feed(in.hands);
        practice_->update(in.t);
        const scoring::LiveState& live = practice_->state();
        char status[160];
        std::snprintf(status, sizeof status, "%s, hold %.0f s of %.0f, depth %.1f cm",
                      scoring::phaseName(live.phase), live.hold_s, live.hold_min_s,
                      live.depth_cm.value_or(0.0));
        quiz_.setLiveStatus(status);
        if (quiz_.takeJudgeRequest() || in.select[1]) {
            practice_->finishNow();
            const scoring::Result& r = *practice_->result();
            std::cout << "quiz: practical judged: score " << r.score
                      << (r.passed ? ", passed" : ", not passed") << '\n';
            quiz_.answerPractical(r.score, r.passed);
            practice_.reset();
        }
    }

    const HeadsetOptions& options_;
    const scene::Scene& scene_;
    scene::TriangleBvh picker_;  // aiming at structures, every frame
    std::filesystem::path modelPath_;
    std::optional<scoring::Patient> patient_;
    scoring::Technique technique_;
    std::unique_ptr<LivePractice> practice_;
    FedHands* fed_ = nullptr;  // owned by practice_
    DesktopQuiz quiz_;
    input::HandFrame hands_;
    std::optional<std::uint32_t> aimed_;
};

}  // namespace

std::unique_ptr<HeadsetActivity> makeWalkthroughActivity(const HeadsetOptions& o,
                                                         const scene::Scene& scene) {
    return std::make_unique<WalkthroughActivity>(o, scene, walkthrough::loadWalkthrough(o.walkthrough), false);
}

std::unique_ptr<LedTour> makeLedTour(const HeadsetOptions& o, const scene::Scene& scene,
                                     walkthrough::Walkthrough tour) {
    return std::make_unique<WalkthroughActivity>(o, scene, std::move(tour), true);
}

std::unique_ptr<HeadsetActivity> makeQuizActivity(const HeadsetOptions& o,
                                                  const scene::Scene& scene) {
    return std::make_unique<QuizActivity>(o, scene, quiz::loadQuiz(o.quiz));
}

std::unique_ptr<HeadsetActivity> makeQuizActivity(const HeadsetOptions& o, const scene::Scene& scene, quiz::Quiz quiz) {
    return std::make_unique<QuizActivity>(o, scene, std::move(quiz));
}

}  // namespace palpa::app
