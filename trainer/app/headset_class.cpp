// A class in the headset (`palpa xr --class CODE --student NAME`): the instructor's tour, its
// steps, pauses and pointed structures arriving over the class link; released, the student
// practises the technique on their own patient (scored live, reported to the console, stored
// with the class's code); on the class's quiz the panel plays it (stored with the code as the
// class moves on); the class's end ends the session.
#include <cmath>
#include <iostream>

#include <imgui.h>

#include "app/headset.hpp"
#include "app/headset_activity.hpp"
#include "app/class_console.hpp"
#include "classroom/class_link.hpp"
#include "records/store.hpp"

namespace palpa::app {

namespace {

class ClassActivity final : public HeadsetActivity {
  public:
    ClassActivity(const HeadsetOptions& o, const scene::Scene& scene)
        : options_(o), scene_(scene),
          link_({o.db.empty() ? records::defaultStoreUrl() : o.db, o.class_code, o.student, 4.0}),
          class_(link_.current()),
          tour_(makeLedTour(o, scene, classTour(class_))) {
        options_.class_code = class_.code;
        std::cout << "class: joined " << class_.code << " \"" << class_.title << "\" led by " << class_.instructor
                  << " as " << o.student << std::endl;
        (void)link_.changed();
        follow(class_);
    }

    std::string name() const override { return "class"; }
    void handsFrom(std::string_view name) override {
        hands_ = std::string(name);
        if (practice_) practice_->handsFrom(name);
    }

    void update(const HeadsetInput& in) override {
        t_ = in.t;
        if (std::optional<records::ClassRecord> now = link_.changed()) follow(*now);
        if (class_.mode == records::ClassMode::Practice) {
            if (!practice_) {
                practice_ = makePracticeActivity(options_, scene_);
                if (!hands_.empty()) practice_->handsFrom(hands_);
                std::cout << "class: released to practise" << std::endl;
            }
            practice_->update(in);
        } else if (class_.mode == records::ClassMode::Quiz) {
            if (!quiz_) {
                quiz_ = makeQuizActivity(options_, scene_, classQuiz(class_));
                std::cout << "class: the class's quiz" << std::endl;
            }
            quiz_->update(in);
        } else if (!class_.paused) {
            tour_->update(in);
        }
        classroom::LiveState live;
        if (current() == practice_.get() && practice_)
            if (const auto s = practice_->live()) live = classroom::liveFromScorer(*s);
        if (current() == quiz_.get() && quiz_) live.activity = "quiz";
        link_.setLive(live);
    }

    void drawPanel(glm::uvec2 size) override {
        current()->drawPanel(size);
        // The class's line along the panel's bottom edge.
        ImGui::SetNextWindowPos(ImVec2(0.0f, static_cast<float>(size.y) - 46.0f));
        ImGui::SetNextWindowSize(ImVec2(static_cast<float>(size.x), 46.0f));
        ImGui::Begin("class", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
        ImGui::Text("Class %s: %s, led by %s", class_.code.c_str(), class_.title.c_str(), class_.instructor.c_str());
        if (!link_.connected())
            ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.3f, 1.0f), "Reconnecting to the class ...");
        else if (class_.paused)
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "Paused by the instructor");
        else if (!class_.pointed.empty())
            ImGui::TextColored(ImVec4(1.0f, 0.85f, 0.4f, 1.0f), "Look: %s", class_.pointed.c_str());
        ImGui::End();
    }

    void decorate(render::FrameDesc& desc) const override {
        current()->decorate(desc);
        if (!pointed_) return;
        // The pointed structure pulses gold for everyone, about once a second.
        const float pulse = 0.5f + 0.5f * static_cast<float>(std::sin(2.0 * 3.14159265 * 1.2 * t_));
        desc.tints.push_back({*pointed_, glm::vec4(1.0f, 0.78f, 0.25f, 0.25f + 0.5f * pulse)});
        desc.highlight.push_back(*pointed_);
    }

    std::array<bool, 2> pulse() const override { return current()->pulse(); }
    double heartRateBpm() const override { return current()->heartRateBpm(); }
    bool done() const override { return class_.mode == records::ClassMode::Ended; }

    int finish(std::ostream& out) override {
        int code = tour_->finish(out);
        if (practice_) code = std::max(code, practice_->finish(out));
        if (quiz_) code = std::max(code, quiz_->finish(out));
        out << "class: left " << class_.code << " at step " << class_.step + 1 << "/" << tour_->steps()
            << (class_.mode == records::ClassMode::Ended ? " (the class ended)" : "") << '\n';
        return code;
    }

  private:
    HeadsetActivity* current() const {
        if (class_.mode == records::ClassMode::Quiz && quiz_) return quiz_.get();
        return class_.mode == records::ClassMode::Practice && practice_ ? practice_.get() : tour_.get();
    }

    void follow(const records::ClassRecord& now) {
        if (now.step != class_.step || now.version == class_.version) tour_->goTo(static_cast<std::size_t>(now.step));
        if (now.paused != class_.paused) std::cout << "class: " << (now.paused ? "paused" : "resumed") << std::endl;
        if (now.mode != class_.mode && now.mode == records::ClassMode::Tour)
            std::cout << "class: back to the tour" << std::endl;
        if (now.mode != records::ClassMode::Quiz && quiz_) {
            // The class moved on: the quiz's answers are kept before anything else starts.
            (void)quiz_->finish(std::cout);
            std::cout << std::flush;
            quiz_.reset();
        }
        if (now.mode == records::ClassMode::Ended && class_.mode != records::ClassMode::Ended)
            std::cout << "class: the instructor ended the class" << std::endl;
        pointed_.reset();
        for (std::uint32_t i = 0; i < scene_.meshes.size(); ++i)
            if (!now.pointed.empty() && scene_.meshes[i].name == now.pointed) pointed_ = i;
        if (now.pointed != class_.pointed && pointed_) std::cout << "class: pointing at " << now.pointed << std::endl;
        class_ = now;
    }

    HeadsetOptions options_;
    const scene::Scene& scene_;
    classroom::ClassLink link_;
    records::ClassRecord class_;
    std::unique_ptr<LedTour> tour_;
    std::unique_ptr<HeadsetActivity> practice_;
    std::unique_ptr<HeadsetActivity> quiz_;  // while the class takes its quiz
    std::optional<std::uint32_t> pointed_;
    std::string hands_;
    double t_ = 0.0;
};

}  // namespace

std::unique_ptr<HeadsetActivity> makeClassActivity(const HeadsetOptions& o, const scene::Scene& scene) {
    if (o.student.empty()) throw InputError("--student", "", "the name of the student who joins the class");
    return std::make_unique<ClassActivity>(o, scene);
}

}  // namespace palpa::app
