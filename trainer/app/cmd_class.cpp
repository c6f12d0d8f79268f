// `palpa class`: an instructor leads a class of headsets (docs/classroom.md). start creates a
// class and opens its console; console takes a running class over; control moves it by one
// command (for scripts); list shows the classes; join follows one headless, as a student.
#include <iostream>
#include <memory>

#include "app/class_console.hpp"
#include "app/commands.hpp"
#include "classroom/classroom.hpp"
#include "core/error.hpp"
#include "core/file.hpp"
#include "records/class_store.hpp"
#include "records/settings.hpp"
#include "app/desktop_console.hpp"
#include "platform/window.hpp"
#include "scene/loader.hpp"

namespace palpa::app {

namespace {

constexpr const char* kDbHelp =
    "Progress store the class lives in: a path, sqlite:PATH or postgresql://... (no password: use "
    "PGPASSFILE or a service file; default: $PALPA_DB, the settings' db, else the local SQLite store)";

struct ClassArgs {
    std::string db, walkthrough, quiz, title, instructor, code, student, replay;
    std::vector<std::string> command;
    double hours = classroom::kDefaultCodeHours;
    double speed = 1.0, report_hz = 4.0, refresh_s = 1.0;
    bool no_console = false, stats = false, terminal = false;
    int frames = 0;
    std::uint64_t seed = 0;
    bool seeded = false;
};

std::string urlOf(const std::string& db) {
    const std::string url = db.empty() ? records::defaultStoreUrl() : db;
    records::checkNoPassword(url, "--db");
    return records::canonicalUrl(url);
}

std::string codeOf(const std::string& typed) {
    const std::optional<std::string> code = classroom::normalizeCode(typed);
    if (!code) throw InputError("CODE", "", "a 6-character join code such as K7QF2M (got \"" + typed + "\")");
    return *code;
}

// The console: a window where a display exists, else (or with --terminal) the terminal view.
int openConsole(const ClassArgs& a, const std::string& code) {
    if (!a.terminal && platform::whyNoDisplay().empty()) return runDesktopConsole(urlOf(a.db), code, a.stats, a.frames);
    return runClassConsole(urlOf(a.db), code, {a.refresh_s, a.stats});
}

int runStart(const ClassArgs& a) {
    const std::filesystem::path file =
        a.walkthrough.empty() ? assetsDir() / "walkthroughs" / "psoas-and-neighbours.json" : std::filesystem::path(a.walkthrough);
    const std::string text = files::readAll(file);
    const walkthrough::Walkthrough tour = walkthrough::parseWalkthrough(text, file.string());
    walkthrough::check(tour, scene::loadScene(bundledModel(), bundledLayerMap()));
    std::string quiz;
    if (!a.quiz.empty()) {
        quiz = files::readAll(a.quiz);
        (void)quiz::parseQuiz(quiz, a.quiz);
    }
    const std::unique_ptr<records::ClassStore> store = records::openClassStore(urlOf(a.db));
    records::ClassRecord c;
    c.title = a.title.empty() ? tour.title : a.title;
    c.instructor = a.instructor.empty() ? records::studentOr("") : a.instructor;
    if (c.instructor.empty()) c.instructor = std::getenv("USER") ? std::getenv("USER") : "the instructor";
    c.walkthrough = text;
    c.quiz = quiz;
    c.created_at = c.updated_at = records::nowUtc();
    c.expires_at = classroom::addSeconds(c.created_at, a.hours * 3600.0);
    for (int tries = 0;; ++tries) {
        c.code = classroom::newJoinCode();
        if (!store->find(c.code)) break;
        if (tries > 20) throw Error("could not find a free join code in " + store->displayName());
    }
    store->create(c);
    std::cout << "class: " << c.code << " \"" << c.title << "\" led by " << c.instructor << ", " << tour.steps.size()
              << " steps, in " << store->displayName() << "; the code admits students until " << c.expires_at << '\n'
              << "class: students join with: palpa desktop --class " << c.code << " --student NAME (or palpa xr --class "
              << c.code << " ...)" << std::endl;
    if (a.no_console) return kExitOk;
    return openConsole(a, c.code);
}

int runControl(const ClassArgs& a) {
    const std::unique_ptr<records::ClassStore> store = records::openClassStore(urlOf(a.db));
    const std::string code = codeOf(a.code);
    std::optional<records::ClassRecord> cls = store->find(code);
    if (!cls) throw InputError("CODE", "", "the code of a class in " + store->displayName() + " (there is no class " + code + ")");
    std::string line;
    for (const std::string& w : a.command) line += (line.empty() ? "" : " ") + w;
    const classroom::Command cmd = classroom::parseCommand(line, "COMMAND");
    const std::vector<std::string> structures =
        cmd.kind == classroom::Command::Kind::Point ? classStructures() : std::vector<std::string>{};
    const std::string said = classroom::apply(*cls, cmd, classTour(*cls).steps.size(), structures);
    const std::int64_t version = store->update(*cls);
    std::cout << "class " << code << ": " << said << " (v" << version << ")\n";
    return kExitOk;
}

int runList(const ClassArgs& a) {
    const std::unique_ptr<records::ClassStore> store = records::openClassStore(urlOf(a.db));
    const std::vector<records::ClassRecord> classes = store->list();
    if (classes.empty()) {
        std::cout << "no classes in " << store->displayName() << '\n';
        return kExitOk;
    }
    const std::string now = records::nowUtc();
    std::printf("%-7s %-8s %-9s %-5s %-24s %-16s %s\n", "code", "mode", "students", "step", "created", "instructor", "title");
    for (const records::ClassRecord& c : classes) {
        const std::string mode = std::string(records::modeName(c.mode)) + (c.paused ? "*" : "");
        std::printf("%-7s %-8s %-9zu %-5d %-24s %-16.16s %s%s\n", c.code.c_str(), mode.c_str(), store->members(c.code).size(),
                    c.step + 1, c.created_at.c_str(), c.instructor.c_str(), c.title.c_str(),
                    classroom::codeExpired(c, now) ? " (code expired)" : "");
    }
    return kExitOk;
}

}  // namespace

void addClassCommand(CLI::App& app, CommandTable& table) {
    auto* cls = app.add_subcommand("class", "Lead a class of headsets through a walkthrough, live (docs/classroom.md)");
    cls->require_subcommand(1);
    auto a = std::make_shared<ClassArgs>();

    auto* start = cls->add_subcommand("start", "Create a class and open the instructor's console");
    start->add_option("--db", a->db, kDbHelp);
    start->add_option("--walkthrough,-w", a->walkthrough, "The tour to lead (default: the bundled \"psoas and its neighbours\")");
    start->add_option("--quiz", a->quiz, "A quiz for the class");
    start->add_option("--title", a->title, "The class's title (default: the tour's)");
    start->add_option("--instructor", a->instructor, "The instructor's name shown to students (default: the settings' student, else $USER)");
    start->add_option("--code-hours", a->hours, "How long the join code admits new students")->check(CLI::Range(0.0001, 24.0 * 14))->capture_default_str();
    start->add_flag("--no-console", a->no_console, "Create the class and print its code only (take it over with palpa class console)");
    start->add_option("--refresh", a->refresh_s, "Seconds between table updates at most")->check(CLI::Range(0.05, 60.0))->capture_default_str();
    start->add_flag("--stats", a->stats, "Print the console's update figures at the end");
    start->add_flag("--terminal", a->terminal, "The console in the terminal even where a display exists");
    start->add_option("--frames", a->frames, "Close the console window after this many frames (0: until closed)");
    table.add(start, [a] { return runStart(*a); });

    auto* console = cls->add_subcommand("console", "Take a running class over (the console was closed or its machine failed)");
    console->add_option("code", a->code, "The class's join code")->required();
    console->add_option("--db", a->db, kDbHelp);
    console->add_option("--refresh", a->refresh_s, "Seconds between table updates at most")->check(CLI::Range(0.05, 60.0))->capture_default_str();
    console->add_flag("--stats", a->stats, "Print the console's update figures at the end");
    console->add_flag("--terminal", a->terminal, "The console in the terminal even where a display exists");
    console->add_option("--frames", a->frames, "Close the console window after this many frames (0: until closed)");
    table.add(console, [a] {
        return openConsole(*a, codeOf(a->code));
    });

    auto* control = cls->add_subcommand("control", "Move a class by one command, as the console would");
    control->add_option("code", a->code, "The class's join code")->required();
    control->add_option("command", a->command, std::string("The command: ") + classroom::commandHelp())->required();
    control->add_option("--db", a->db, kDbHelp);
    table.add(control, [a] { return runControl(*a); });

    auto* list = cls->add_subcommand("list", "List the classes, newest first");
    list->add_option("--db", a->db, kDbHelp);
    table.add(list, [a] { return runList(*a); });

    auto* join = cls->add_subcommand("join", "Follow a class as a student without a window or headset");
    join->add_option("code", a->code, "The class's join code")->required();
    join->add_option("--student,-s", a->student, "Who joins")->required();
    join->add_option("--db", a->db, kDbHelp);
    join->add_option("--replay", a->replay, "A recording to practise with (live scored and stored) once the class is released");
    join->add_option("--replay-speed", a->speed, "Replay speed (2 = twice as fast)")->check(CLI::Range(0.05, 100.0))->capture_default_str();
    join->add_option("--report-hz", a->report_hz, "Live reports a second")->check(CLI::Range(0.2, 30.0))->capture_default_str();
    join->add_option("--seed", a->seed, "The class quiz's order seed (default: the clock)")->each([a](const std::string&) { a->seeded = true; });
    table.add(join, [a] {
        StudentOptions o{urlOf(a->db), a->code, a->student, a->replay, a->speed, a->report_hz, std::nullopt};
        if (a->seeded) o.quiz_seed = a->seed;
        return runHeadlessStudent(o);
    });
}

}  // namespace palpa::app
