// The instructor's console in a terminal: reads commands a line at a time ("n", "g 4",
// "point psoas_major_left", ...) and hands each to the console link (classroom::ConsoleLink,
// as the window does), which applies and stores it on its own thread (every student follows);
// says what the link did and shows the table of students as it changes, flagging an unsafe
// press at once.
#include "app/class_console.hpp"

#include <sys/select.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <iostream>

#include "app/commands.hpp"
#include "classroom/classroom.hpp"
#include "classroom/console_link.hpp"
#include "core/error.hpp"
#include "platform/stop.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

namespace {
using Clock = std::chrono::steady_clock;

// One line from standard input when one is ready within `ms`; "\x04" at its end.
std::optional<std::string> readLine(int ms, std::string& buffer) {
    for (;;) {
        if (const std::size_t nl = buffer.find('\n'); nl != std::string::npos) {
            std::string line = buffer.substr(0, nl);
            buffer.erase(0, nl + 1);
            return line;
        }
        fd_set in;
        FD_ZERO(&in);
        FD_SET(0, &in);
        timeval tv{0, ms * 1000};
        if (select(1, &in, nullptr, nullptr, &tv) <= 0) return std::nullopt;
        char chunk[512];
        const ssize_t n = read(0, chunk, sizeof chunk);
        if (n <= 0) {
            if (!buffer.empty()) return std::exchange(buffer, std::string());
            return std::string("\x04");
        }
        buffer.append(chunk, static_cast<std::size_t>(n));
        ms = 0;
    }
}

std::string describe(const records::ClassRecord& c, const walkthrough::Walkthrough& tour) {
    const std::size_t step = std::min<std::size_t>(static_cast<std::size_t>(c.step), tour.steps.size() - 1);
    std::string s = "step " + std::to_string(step + 1) + "/" + std::to_string(tour.steps.size()) + " " +
                    tour.steps[step].title + ", " + records::modeName(c.mode);
    if (c.paused) s += ", paused";
    if (!c.pointed.empty()) s += ", pointing at " + c.pointed;
    return s;
}
}  // namespace

// What changed between two states of the class, in words ("" when nothing the student sees).
std::string describeChange(const records::ClassRecord& was, const records::ClassRecord& now,
                   const walkthrough::Walkthrough& tour) {
    std::string s;
    const auto add = [&](const std::string& part) { s += (s.empty() ? "" : ", ") + part; };
    if (now.step != was.step || now.version == 1) {
        const std::size_t i = std::min<std::size_t>(static_cast<std::size_t>(now.step), tour.steps.size() - 1);
        add("step " + std::to_string(i + 1) + "/" + std::to_string(tour.steps.size()) + " " + tour.steps[i].title);
    }
    if (now.paused != was.paused) add(now.paused ? "paused" : "resumed");
    if (now.mode != was.mode)
        add(now.mode == records::ClassMode::Practice ? "released to practise"
            : now.mode == records::ClassMode::Quiz   ? "everyone takes the class's quiz"
            : now.mode == records::ClassMode::Ended  ? "ended"
                                                     : "back to the tour");
    if (now.pointed != was.pointed) add(now.pointed.empty() ? "pointing at nothing" : "pointing at " + now.pointed);
    return s;
}

walkthrough::Walkthrough classTour(const records::ClassRecord& cls) {
    return walkthrough::parseWalkthrough(cls.walkthrough, "class " + cls.code + " walkthrough");
}

quiz::Quiz classQuiz(const records::ClassRecord& cls) {
    if (cls.quiz.empty()) throw InputError("class " + cls.code, "quiz", "a class started with a quiz (class start --quiz FILE)");
    return quiz::parseQuiz(cls.quiz, "class " + cls.code + " quiz");
}

records::ClassRecord findClass(const std::string& url, const std::string& code) {
    std::string where;
    const std::optional<records::ClassRecord> cls = records::retryWhileUnavailable([&] {
        const std::unique_ptr<records::ClassStore> store = records::openClassStore(url);
        where = store->displayName();
        return store->find(code);
    });
    if (!cls) throw InputError("class", "", "the code of a class in " + where + " (there is no class " + code + ")");
    return *cls;
}

std::vector<std::string> classStructures() {
    const scene::Scene scene = scene::loadScene(bundledModel(), bundledLayerMap());
    std::vector<std::string> names;
    for (const auto& m : scene.meshes) names.push_back(m.name);
    return names;
}

int runClassConsole(const std::string& url, const std::string& code, const ConsoleOptions& o) {
    const records::ClassRecord first = findClass(url, code);
    const walkthrough::Walkthrough tour = classTour(first);
    // The class is followed and commands are applied on the link's own thread (as in the window).
    classroom::ConsoleLink link(url, code, tour.steps.size(), classStructures());
    const bool tty = isatty(0) && isatty(1);
    std::cout << "console: class " << code << " \"" << first.title << "\" led by " << first.instructor << ", "
              << describe(first, tour) << "\nconsole: commands: " << classroom::commandHelp()
              << "; quit leaves the class running" << std::endl;

    std::string buffer, lastTable;
    auto lastShown = Clock::now() - std::chrono::hours(1);
    const auto started = Clock::now();
    int refreshes = 0;
    bool ended = first.mode == records::ClassMode::Ended, quit = false;
    classroom::ConsoleLink::Snapshot shown;
    // Says what the link has done, and shows the table when it changed (at once on an alarm).
    const auto show = [&] {
        shown = link.snapshot();
        bool alarm = false;
        for (const std::string& line : shown.said) {
            std::cout << "console: " << line << std::endl;
            alarm = alarm || line.rfind("!! ", 0) == 0;
        }
        ended = shown.cls.mode == records::ClassMode::Ended;
        const bool due = alarm || Clock::now() - lastShown >= std::chrono::duration<double>(o.refresh_s);
        const std::string table = classroom::consoleTable(shown.cls, tour.steps.size(), shown.members, records::nowUtc());
        if (!due || table == lastTable) return;
        if (tty) std::cout << "\x1b[H\x1b[2J" << "class " << code << ": " << describe(shown.cls, tour) << "\n";
        std::cout << "console: " << shown.members.size() << " student(s) at " << records::nowUtc().substr(11, 8) << '\n'
                  << table << std::flush;
        lastTable = table;
        lastShown = Clock::now();
        ++refreshes;
    };
    while (!ended && !platform::stopRequested()) {
        const std::optional<std::string> line = readLine(50, buffer);
        if (line && (*line == "\x04" || *line == "q" || *line == "quit")) {
            quit = true;
            break;
        }
        if (line && line->find_first_not_of(" \t\r") != std::string::npos) {
            try {
                link.command(classroom::parseCommand(*line, "console"));
            } catch (const InputError& e) {
                std::cout << "console: " << e.what() << std::endl;
            }
        }
        show();
    }
    // What was typed before "quit" is applied (or said not sent) before the console leaves.
    if (quit && !link.settle(3000)) std::cout << "console: some commands were not applied (no database)" << std::endl;
    show();
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (o.stats)
        std::cout << "console: " << shown.commands << " command(s), " << refreshes << " table update(s) in " << seconds
                  << " s (" << (seconds > 0 ? refreshes / seconds : 0.0) << " a second)\n";
    std::cout << (ended ? "console: the class has ended\n" : "console: left; the class goes on (palpa class console " + code + " takes it over)\n");
    return platform::stopRequested() ? platform::stopExitStatus() : kExitOk;
}

}  // namespace palpa::app
