// The instructor's console in a terminal: reads commands a line at a time ("n", "g 4",
// "point psoas_major_left", ...), applies each to the class and stores it (every student
// follows), and shows the table of students as it changes, flagging an unsafe press at once.
#include "app/class_console.hpp"

#include <sys/select.h>
#include <unistd.h>

#include <chrono>
#include <memory>
#include <thread>
#include <iostream>
#include <map>

#include "app/commands.hpp"
#include "classroom/classroom.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
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
            : now.mode == records::ClassMode::Ended  ? "ended"
                                                     : "back to the tour");
    if (now.pointed != was.pointed) add(now.pointed.empty() ? "pointing at nothing" : "pointing at " + now.pointed);
    return s;
}

walkthrough::Walkthrough classTour(const records::ClassRecord& cls) {
    return walkthrough::parseWalkthrough(cls.walkthrough, "class " + cls.code + " walkthrough");
}

std::vector<std::string> classStructures() {
    const scene::Scene scene = scene::loadScene(bundledModel(), bundledLayerMap());
    std::vector<std::string> names;
    for (const auto& m : scene.meshes) names.push_back(m.name);
    return names;
}

int runClassConsole(const std::string& url, const std::string& code, const ConsoleOptions& o) {
    std::unique_ptr<records::ClassStore> store = records::openClassStore(url);
    std::optional<records::ClassRecord> cls = store->find(code);
    if (!cls) throw InputError("class", "", "the code of a class in " + store->displayName() + " (there is no class " + code + ")");
    const walkthrough::Walkthrough tour = classTour(*cls);
    const std::vector<std::string> structures = classStructures();
    const std::string now = records::nowUtc();
    if (!cls->console_at.empty() && classroom::secondsBetween(cls->console_at, now) < 5.0)
        std::cout << "console: another console was live " << classroom::secondsBetween(cls->console_at, now)
                  << " s ago; this one takes the class over\n";
    const bool tty = isatty(0) && isatty(1);
    std::cout << "console: class " << code << " \"" << cls->title << "\" led by " << cls->instructor << ", "
              << describe(*cls, tour) << "\nconsole: commands: " << classroom::commandHelp() << "; quit leaves the class running"
              << std::endl;

    std::string buffer, lastTable;
    std::map<std::string, bool> unsafe;
    // The console notes itself in the class at once, then every 2 s (in the loop, so that a
    // database lost since the class was read is met like any other loss).
    auto lastShown = Clock::now() - std::chrono::hours(1), lastSeen = lastShown;
    const auto started = Clock::now();
    int refreshes = 0, commands = 0, backoffMs = 250;
    std::int64_t known = cls->version;  // the class as this console last said it
    bool pending = false;               // a change heard, not yet read
    auto lastRead = Clock::now() - std::chrono::hours(1);
    bool ended = cls->mode == records::ClassMode::Ended;
    while (!ended && !platform::stopRequested()) {
        const std::optional<std::string> line = readLine(50, buffer);
        if (line && (*line == "\x04" || *line == "q" || *line == "quit")) break;
        try {
            if (!store) {  // the database went away: back, the class is read again
                store = records::openClassStore(url);
                cls = store->find(code);
                backoffMs = 250;
                std::cout << "console: connected again (" << describe(*cls, tour) << ")" << std::endl;
            }
            if (line && line->find_first_not_of(" \t\r") != std::string::npos) {
                try {
                    cls = store->find(code);  // another console may have moved it
                    const classroom::Command cmd = classroom::parseCommand(*line, "console");
                    const std::string said = classroom::apply(*cls, cmd, tour.steps.size(), structures);
                    cls->version = store->update(*cls);
                    ++commands;
                    std::cout << "console: " << said << " (" << describe(*cls, tour) << ", v" << cls->version << ")" << std::endl;
                    known = cls->version;
                    ended = cls->mode == records::ClassMode::Ended;
                } catch (const InputError& e) {
                    std::cout << "console: " << e.what() << std::endl;
                }
            }
            // Woken by a student's report (PostgreSQL) or after a short wait (SQLite polls).
            // The students are read at most 10 times a second however many reports arrive.
            if (store->waitForChange(code, known, 50, true)) pending = true;
            if (Clock::now() - lastRead < std::chrono::milliseconds(100)) continue;
            const bool change = std::exchange(pending, false);
            lastRead = Clock::now();
            const std::vector<records::MemberRecord> members = store->members(code);
            bool alarm = false;
            for (const records::MemberRecord& m : members) {
                const bool nowUnsafe = m.unsafe && classroom::secondsBetween(m.seen_at, records::nowUtc()) < classroom::kConnectedSeconds;
                if (nowUnsafe && !unsafe[m.student]) {
                    std::cout << "console: !! " << m.student << " is pressing unsafely ("
                              << classroom::liveFromJson(m.live).cue << ")" << std::endl;
                    alarm = true;
                }
                unsafe[m.student] = nowUnsafe;
            }
            if (change || alarm || Clock::now() - lastShown >= std::chrono::duration<double>(o.refresh_s)) {
                cls = store->find(code);
                if (cls->version != known) {  // moved elsewhere: another console, palpa class control
                    std::cout << "console: the class moved: " << describe(*cls, tour) << " (v" << cls->version << ")" << std::endl;
                    known = cls->version;
                    ended = cls->mode == records::ClassMode::Ended;
                }
                const std::string table = classroom::consoleTable(*cls, tour.steps.size(), members, records::nowUtc());
                if (table != lastTable && (alarm || Clock::now() - lastShown >= std::chrono::duration<double>(o.refresh_s))) {
                    if (tty) std::cout << "\x1b[H\x1b[2J" << "class " << code << ": " << describe(*cls, tour) << "\n";
                    std::cout << "console: " << members.size() << " student(s) at " << records::nowUtc().substr(11, 8) << '\n'
                              << table << std::flush;
                    lastTable = table;
                    lastShown = Clock::now();
                    ++refreshes;
                }
            }
            if (Clock::now() - lastSeen >= std::chrono::seconds(2)) {
                store->consoleSeen(code);
                lastSeen = Clock::now();
            }
        } catch (const records::StoreUnavailable& e) {
            if (store) std::cout << "console: " << e.what() << "; trying again" << std::endl;
            if (line && line->find_first_not_of(" \t\r") != std::string::npos && *line != "\x04")
                std::cout << "console: not sent (no database): " << *line << std::endl;
            store.reset();
            std::this_thread::sleep_for(std::chrono::milliseconds(backoffMs));
            backoffMs = std::min(2000, backoffMs * 2);
        }
    }
    const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
    if (o.stats)
        std::cout << "console: " << commands << " command(s), " << refreshes << " table update(s) in " << seconds
                  << " s (" << (seconds > 0 ? refreshes / seconds : 0.0) << " a second)\n";
    std::cout << (ended ? "console: the class has ended\n" : "console: left; the class goes on (palpa class console " + code + " takes it over)\n");
    return platform::stopRequested() ? platform::stopExitStatus() : kExitOk;
}

}  // namespace palpa::app
