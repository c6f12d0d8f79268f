#include "app/desktop_class.hpp"

#include <chrono>
#include <cmath>
#include <iostream>

#include "app/class_console.hpp"
#include "app/commands.hpp"
#include "platform/stop.hpp"

namespace palpa::app {

DesktopClass::DesktopClass(classroom::ClassLink& link)
    : link_(link), shown_(link.current()), tour_(classTour(shown_)), serving_(shown_.mode) {}

void DesktopClass::take() {
    const std::optional<records::ClassRecord> now = link_.changed();
    if (!now) return;
    const std::string said = describeChange(shown_, *now, tour_);
    if (!said.empty()) std::cout << "class: " << said << std::endl;
    shown_ = *now;
}

std::string DesktopClass::follow(std::size_t& step, bool& leaving) {
    take();
    link_.setLive({});
    step = static_cast<std::size_t>(shown_.step);
    if (shown_.mode != serving_) leaving = true;
    std::string line = "Class " + shown_.code + ": " + shown_.title + ", led by " + shown_.instructor;
    if (!link_.connected()) line += "  |  reconnecting to the class ...";
    else if (shown_.paused) line += "  |  paused by the instructor";
    else if (!shown_.pointed.empty()) line += "  |  look: " + shown_.pointed;
    return line;
}

void DesktopClass::decorate(const scene::Scene& scene, double seconds, render::FrameDesc& frame) const {
    addPointed(scene, shown_.pointed, seconds, frame);
}

void addPointed(const scene::Scene& scene, const std::string& pointed, double seconds, render::FrameDesc& frame) {
    if (pointed.empty()) return;
    for (std::uint32_t i = 0; i < scene.meshes.size(); ++i) {
        if (scene.meshes[i].name != pointed) continue;
        const float pulse = 0.5f + 0.5f * static_cast<float>(std::sin(2.0 * 3.14159265 * 1.2 * seconds));
        frame.tints.push_back({i, glm::vec4(1.0f, 0.78f, 0.25f, 0.25f + 0.5f * pulse)});
        frame.highlight.push_back(i);
    }
}

void DesktopClass::report(const scoring::LiveState* live, bool& leaving) {
    take();
    classroom::LiveState state = live ? classroom::liveFromScorer(*live) : classroom::LiveState{};
    if (serving_ == records::ClassMode::Quiz) state.activity = "quiz";
    link_.setLive(state);
    if (shown_.mode != serving_) leaving = true;
}

int runDesktopClass(const scene::Scene& scene, const scoring::Patient& patient, classroom::ClassLink& link,
                    SimulatorOptions options) {
    for (;;) {
        const records::ClassRecord now = link.current();
        if (now.mode == records::ClassMode::Ended) {
            std::cout << "class: the instructor ended the class" << std::endl;
            return kExitOk;
        }
        DesktopClass follower(link);
        int code = kExitOk;
        if (now.mode == records::ClassMode::Tour) {
            const walkthrough::Walkthrough tour = classTour(now);
            DesktopMode mode;
            mode.tour = &tour;
            mode.link = &follower;
            mode.screenshot = options.screenshot;
            mode.hand_joints = options.hand_joints;
            code = runDesktopSession(scene, mode, options.frames);
        } else if (now.mode == records::ClassMode::Quiz) {
            std::cout << "class: the class's quiz" << std::endl;
            options.link = &follower;
            code = runDesktopQuiz(scene, patient, classQuiz(now), options,
                                  static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count()));
        } else {
            std::cout << "class: released to practise" << std::endl;
            options.link = &follower;
            code = runSimulator(scene, patient, options);
        }
        // The window was closed (not the class moving on): the run ends.
        if (code != kExitOk || platform::stopRequested() || link.current().mode == now.mode) return code;
    }
}

}  // namespace palpa::app
