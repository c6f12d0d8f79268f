#include "app/desktop_console.hpp"

#include <cstdio>
#include <iostream>

#include <imgui.h>

#include "app/class_console.hpp"
#include "app/commands.hpp"
#include "app/desktop_ui.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

namespace {
using Kind = classroom::Command::Kind;
const ImVec4 kUnsafe(0.835f, 0.369f, 0.0f, 1.0f);  // Okabe-Ito vermillion, as the hands' fault band
}  // namespace

void DesktopConsole::send(Kind kind, int step, const std::string& structure) {
    classroom::Command c;
    c.kind = kind;
    c.step = step;
    c.structure = structure;
    link_.command(c);
}

void DesktopConsole::clicked(const std::string* mesh) {
    if (!mesh) return;
    if (*mesh == shown_.cls.pointed) send(Kind::Unpoint);
    else send(Kind::Point, 0, *mesh);
}

std::string DesktopConsole::frame(std::size_t& step, const platform::Input& in, bool& leaving) {
    shown_ = link_.snapshot();
    for (const std::string& line : shown_.said) {
        std::cout << "console: " << line << std::endl;
        said_.push_back(line);
        if (said_.size() > 6) said_.erase(said_.begin());
    }
    // The keyboard alone: N/P/arrows/space step (as in every tour), the rest by letter.
    for (int i = 0; i < std::abs(in.step); ++i) send(in.step > 0 ? Kind::Next : Kind::Previous);
    for (int key : in.keys) {
        if (key >= '1' && key <= '9') send(Kind::Go, key - '0');
        if (key == 'K') send(shown_.cls.paused ? Kind::Resume : Kind::Pause);
        if (key == 'R') send(shown_.cls.mode == records::ClassMode::Practice ? Kind::Tour : Kind::Release);
        if (key == 'Q') send(shown_.cls.mode == records::ClassMode::Quiz ? Kind::Tour : Kind::Quiz);
        if (key == 'U') send(Kind::Unpoint);
        if (key == 'E') {
            if (confirmEnd_) send(Kind::End);
            else std::cout << "console: end the class for everyone? E again ends it" << std::endl;
            confirmEnd_ = !confirmEnd_;
        } else if (key != 0) {
            confirmEnd_ = confirmEnd_ && key == 'E';
        }
    }
    step = std::min<std::size_t>(static_cast<std::size_t>(shown_.cls.step), tour_.steps.size() - 1);
    if (shown_.cls.mode == records::ClassMode::Ended) leaving = true;

    // The students, live, in the right-hand column.
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    PanelColumn column = rightColumn(vp->Size.x, vp->Size.y - kTourPanelHeight - kPanelMargin);
    placeInColumn(column);
    ImGui::Begin("Students", nullptr, ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoMove);
    const std::string now = records::nowUtc();
    ImGui::Text("%zu student(s)%s", shown_.members.size(), shown_.connected ? "" : "  - reconnecting to the database ...");
    if (ImGui::BeginTable("students", 6, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
        for (const char* h : {"student", "link", "step", "phase", "depth", "score"}) ImGui::TableSetupColumn(h);
        ImGui::TableHeadersRow();
        for (const records::MemberRecord& m : shown_.members) {
            const classroom::LiveState live = classroom::liveFromJson(m.live);
            const bool on = classroom::secondsBetween(m.seen_at, now) < classroom::kConnectedSeconds;
            const bool unsafe = on && m.unsafe;
            ImGui::TableNextRow();
            if (unsafe) ImGui::PushStyleColor(ImGuiCol_Text, kUnsafe);
            ImGui::TableNextColumn();
            ImGui::Text("%s%s", unsafe ? "!! " : "", m.student.c_str());  // never by colour alone
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(on ? "on" : "off");
            ImGui::TableNextColumn();
            ImGui::Text("%d/%zu%s", m.step + 1, tour_.steps.size(), on && m.version < shown_.cls.version ? "*" : "");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(live.activity == "practice" ? live.phase.c_str() : live.activity.c_str());
            ImGui::TableNextColumn();
            if (live.depth_cm && *live.depth_cm >= 0.0) ImGui::Text("%.1f cm", *live.depth_cm);
            else ImGui::TextUnformatted("-");
            ImGui::TableNextColumn();
            if (live.last_score) ImGui::Text("%d", *live.last_score);
            else ImGui::TextUnformatted("-");
            if (unsafe) ImGui::PopStyleColor();
        }
        ImGui::EndTable();
    }
    ImGui::Separator();
    if (ImGui::Button("< Previous")) send(Kind::Previous);
    ImGui::SameLine();
    if (ImGui::Button("Next >")) send(Kind::Next);
    ImGui::SameLine();
    if (ImGui::Button(shown_.cls.paused ? "Resume (K)" : "Pause (K)")) send(shown_.cls.paused ? Kind::Resume : Kind::Pause);
    if (ImGui::Button(shown_.cls.mode == records::ClassMode::Practice ? "Back to the tour (R)" : "Release to practise (R)"))
        send(shown_.cls.mode == records::ClassMode::Practice ? Kind::Tour : Kind::Release);
    if (!shown_.cls.quiz.empty()) {
        ImGui::SameLine();
        if (ImGui::Button(shown_.cls.mode == records::ClassMode::Quiz ? "Back to the tour (Q)" : "Start the quiz (Q)"))
            send(shown_.cls.mode == records::ClassMode::Quiz ? Kind::Tour : Kind::Quiz);
    }
    ImGui::SameLine();
    if (ImGui::Button("End the class (E E)")) send(Kind::End);
    for (const std::string& line : said_) ImGui::TextWrapped("%s", line.c_str());
    advanceColumn(column);
    ImGui::End();

    std::string line = "Class " + shown_.cls.code + ": you lead " + std::to_string(shown_.members.size()) + " student(s), " +
                       records::modeName(shown_.cls.mode) + (shown_.cls.paused ? ", paused" : "");
    if (!shown_.cls.pointed.empty()) line += ", pointing at " + shown_.cls.pointed;
    return line + "  |  N/P: step, 1-9: go to, K: pause, R: release, Q: quiz, click: point, U: unpoint, E E: end, Esc: leave";
}

int runDesktopConsole(const std::string& url, const std::string& code, bool stats, int frames) {
    const scene::Scene scene = scene::loadScene(bundledModel(), bundledLayerMap());
    std::vector<std::string> structures;
    for (const auto& m : scene.meshes) structures.push_back(m.name);
    const records::ClassRecord cls = findClass(url, code);
    const walkthrough::Walkthrough tour = classTour(cls);
    classroom::ConsoleLink link(url, code, tour.steps.size(), structures);
    DesktopConsole console(link, tour);
    std::cout << "console: class " << code << " \"" << cls.title << "\" led by " << cls.instructor << " (in a window)" << std::endl;
    DesktopMode mode;
    mode.tour = &tour;
    mode.console = &console;
    const int result = runDesktopSession(scene, mode, frames);
    const classroom::ConsoleLink::Snapshot last = link.snapshot();
    if (stats) std::cout << "console: " << last.commands << " command(s), " << last.refreshes << " table read(s)\n";
    std::cout << (last.cls.mode == records::ClassMode::Ended ? "console: the class has ended\n"
                                                             : "console: left; the class goes on (palpa class console " + code + " takes it over)\n");
    return result;
}

}  // namespace palpa::app
