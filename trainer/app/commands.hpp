// Role: the table of palpa subcommands. Each subcommand file adds itself to the CLI11 app
// and records the function that runs it; main() parses, runs the chosen one, maps errors
// to exit codes (see core/error.hpp).
#pragma once

#include <filesystem>
#include <iosfwd>
#include <optional>
#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "app/patients.hpp"
#include "scene/scene.hpp"
#include "quiz/quiz.hpp"
#include "scoring/recording.hpp"
#include "scoring/technique.hpp"
#include "scoring/verdict.hpp"
#include "walkthrough/walkthrough.hpp"

namespace palpa::app {

struct RenderRequest;  // app/render_setup.hpp
class DesktopClass;    // app/desktop_class.hpp
class DesktopConsole;  // app/desktop_console.hpp

// Runs a parsed subcommand; returns its exit code. May throw palpa::Error/InputError.
using Runner = std::function<int()>;

struct CommandTable {
    struct Entry {
        CLI::App* command;
        Runner run;
    };
    std::vector<Entry> entries;
    void add(CLI::App* command, Runner run) { entries.push_back({command, std::move(run)}); }
};

// Where bundled assets live: $PALPA_ASSETS, else the installed/source assets folder.
std::filesystem::path assetsDir();
// The bundled psoas-region model and its layer map.
std::filesystem::path bundledModel();
std::filesystem::path bundledLayerMap();

// Subcommand registrars (one per file).
void addInfoCommand(CLI::App& app, CommandTable& table);
void addModelCommand(CLI::App& app, CommandTable& table);
void addScoreCommand(CLI::App& app, CommandTable& table);
void addRecordingCommand(CLI::App& app, CommandTable& table);
void addRecordsCommands(CLI::App& app, CommandTable& table);  // report, records

void addRenderCommand(CLI::App& app, CommandTable& table);
void addDesktopCommand(CLI::App& app, CommandTable& table);
void addQuizCommand(CLI::App& app, CommandTable& table);
void addWalkthroughCommand(CLI::App& app, CommandTable& table);
void addXrCommand(CLI::App& app, CommandTable& table);
void addSettingsCommand(CLI::App& app, CommandTable& table);
void addTechniqueCommand(CLI::App& app, CommandTable& table);  // list, check
void addClassCommand(CLI::App& app, CommandTable& table);
// Runs the desktop window until closed (or for maxFrames frames); throws when no display.
int runDesktop(const scene::Scene& scene, int maxFrames);
// The same window running an anatomy walkthrough (the class sees what the instructor sees).
class DesktopQuiz;      // app/desktop_quiz.hpp
class LivePractice;  // app/live_practice.hpp
struct SimulatorControl;  // app/live_practice.hpp
struct PatientChoice;  // app/desktop_ui.hpp
// What the desktop window runs besides free exploration.
struct DesktopMode {
    const walkthrough::Walkthrough* tour = nullptr;  // an anatomy walkthrough
    DesktopQuiz* quiz = nullptr;                     // a quiz played in the window
    LivePractice* practice = nullptr;             // a practice attempt with live scoring
    SimulatorControl* simulator = nullptr;          // mouse-driven hands for the practice
    bool practice_for_quiz = false;                  // practice and simulator serve the quiz's practical items
    std::size_t* reached = nullptr;                  // receives the furthest tour step
    std::string screenshot;                          // PNG of the last frame, written on close
    double fixed_step = 0.0;  // > 0: the practice's clock advances this much a frame (scripted runs)
    bool hand_joints = false;  // draw the hands' joints and bones instead of their meshes (debugging)
    PatientChoice* patient_choice = nullptr;  // non-null: the patient menu is shown
    DesktopClass* link = nullptr;             // a class leads the tour; its mode changing closes the window
    DesktopConsole* console = nullptr;        // the instructor leads the class's tour from this window
};
int runDesktopSession(const scene::Scene& scene, DesktopMode mode, int maxFrames);
// Practice with the desktop hand simulator (live scoring; optional recording and screenshot).
struct SimulatorOptions {
    std::string side = "left";
    int frames = 0;
    std::string record, screenshot;
    std::vector<float> place;  // x, z, depth (metres) to start with; empty: hands off
    float tilt_deg = 0.0f, turn_deg = 0.0f;  // the press's and the hands' errors to start with
    double fixed_step = 0.0;                  // see DesktopMode::fixed_step
    std::string student, db;  // store every judged attempt for this student
    bool hand_joints = false;  // see DesktopMode::hand_joints
    PatientChoice* patient_choice = nullptr;  // see DesktopMode::patient_choice
    DesktopClass* link = nullptr;             // see DesktopMode::link; attempts are stored with its code
};
int runSimulator(const scene::Scene& scene, const scoring::Patient& patient, const SimulatorOptions& options);
// A quiz in the window (`desktop --quiz`, a class's quiz): choice items by buttons, point items
// by clicks, practical items live with the mouse simulator (options' place, fixed step); the
// result is stored for options.student (with the class's code when options.link is set).
int runDesktopQuiz(const scene::Scene& scene, const scoring::Patient& patient, quiz::Quiz quiz, const SimulatorOptions& options,
                   std::uint64_t seed);
// `reached`, when given, receives the furthest step index the tour reached.
int runDesktopTour(const scene::Scene& scene, const walkthrough::Walkthrough& tour, int maxFrames,
                   std::size_t* reached = nullptr);

// Whether Vulkan validation is asked for (PALPA_VALIDATION=1, or --validation).
bool validationRequested();
// Renders `scene` headless as asked and writes PNG(s) to `out`; returns the paths written.
std::vector<std::filesystem::path> renderToPng(const scene::Scene& scene, const RenderRequest& request,
                                               const std::filesystem::path& out);

// Stores a quiz result for a student (pending when the store is unreachable), with the class
// it was taken in ("" for none); returns the line to show.
std::string storeQuizResult(const std::string& student, const std::string& db, const quiz::QuizResult& result,
                            const std::string& classCode = "");
// A quiz asked in the terminal (`palpa quiz`, a class's quiz in `palpa class join`): choice
// items by letter, practical items by the recording of an attempt (stored as the student's
// attempt too), point items left to the window or headset. The end of `in` ends it; what was
// answered is stored for `student` (none: not stored) with `class_code`.
struct TerminalQuiz {
    std::uint64_t seed = 0;
    std::string student, db, class_code;
};
quiz::QuizResult askQuiz(const quiz::Quiz& q, const TerminalQuiz& options, std::istream& in, std::ostream& out);
// The patient the scorer measures on, from a loaded model (the file is named in recordings).
scoring::Patient patientFromScene(const scene::Scene& scene, const std::filesystem::path& model);
// Loads a model (the bundled one when empty) with its layer map and builds its patient.
scoring::Patient loadPatient(const std::filesystem::path& model = {}, const std::filesystem::path& layerMap = {});
// Warns on one line when a recording was made on another model than the patient's.
void warnOnOtherModel(const std::string& recording, const scoring::RecordingHeader& header,
                      const scoring::Patient& patient);
// A recording with the bundled technique it names and the patient of the bundled model.
struct ScoringInputs {
    scoring::Recording recording;
    scoring::Technique technique;
    scoring::Patient patient;
};
ScoringInputs loadScoringInputs(const std::filesystem::path& recording);
// Scores a recording against the bundled technique it names (bundled model).
scoring::Result scoreRecordingFile(const std::filesystem::path& recording);
// Scores a recording against the technique it names and prints the human report.
int scoreToStdout(const std::filesystem::path& recording);

// The main job: what `palpa` with no arguments does.
int runMainJob();

// Builds the app, parses argv, runs; returns the process exit code. Never throws.
int runCli(int argc, char** argv);

}  // namespace palpa::app
