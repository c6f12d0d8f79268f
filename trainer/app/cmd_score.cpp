// `palpa score`: scores a hand recording as one attempt at a technique and prints the report.
#include <iostream>
#include <optional>

#include "platform/stop.hpp"
#include "records/settings.hpp"
#include "app/commands.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
#include "records/recorder.hpp"
#include "scoring/jsonl.hpp"
#include "scoring/report.hpp"
#include "scoring/scorer.hpp"
#include "scoring/technique.hpp"

namespace palpa::app {
namespace {

constexpr const char* kDefaultTechnique = "psoas-release";

struct ScoreArgs {
    std::string recording;
    std::string technique;
    std::string model;     // --model: the patient (default: the bundled model)
    std::string layer_map;
    bool json = false;
    bool cues = false;
    std::vector<std::string> recordings;  // batch: scored (and stored) one after another
    std::string student;                  // --student: store each attempt for this student
    std::string db;                       // --db: the progress store URL
};

// The technique named by --technique, else the one the recording's header names (bundled).
scoring::Technique chooseTechnique(const ScoreArgs& args, const scoring::Recording& recording) {
    if (!args.technique.empty()) {
        scoring::Technique technique = scoring::loadTechnique(args.technique);
        if (!recording.header.technique.empty() && recording.header.technique != technique.id)
            log::warn("the recording names technique \"", recording.header.technique,
                      "\", scoring it against \"", technique.id, "\"");
        return technique;
    }
    const std::string id =
        recording.header.technique.empty() ? kDefaultTechnique : recording.header.technique;
    const std::filesystem::path path = assetsDir() / "techniques" / (id + ".json");
    if (!std::filesystem::exists(path))
        throw InputError(args.recording, "line 1: technique",
                         "no bundled technique \"" + id + "\"; pass --technique FILE");
    return scoring::loadTechnique(path);
}

std::string describeModel(const scoring::Patient& patient) {
    char text[160];
    std::snprintf(text, sizeof text, "%s (waist %.0f cm, vessels %.1f cm under the navel)",
                  patient.identity().file.c_str(), patient.body().waist_cm, patient.body().vessel_depth_cm);
    return text;
}

int runScore(const ScoreArgs& args, const scoring::Patient& patient, scoring::Result* scored = nullptr) {
    const scoring::Recording recording = scoring::readRecording(args.recording);
    log::debug("read ", recording.frames.size(), " frames (", recording.duration(), " s) from ",
               args.recording);
    const scoring::Technique technique = chooseTechnique(args, recording);
    warnOnOtherModel(args.recording, recording.header, patient);

    scoring::Scorer scorer(technique, patient, recording.header.side);
    std::string_view last_cue;
    for (const scoring::Frame& frame : recording.frames) {
        const scoring::LiveState& state = scorer.push(frame);
        if (args.cues && state.cue_key != last_cue) {
            last_cue = state.cue_key;
            char time[32];
            std::snprintf(time, sizeof time, "%8.2f", state.t);
            std::cout << time << " s  " << scoring::phaseName(state.phase) << ": "
                      << (state.cue.empty() ? state.cue_key : state.cue) << '\n';
        }
    }
    const scoring::Result result = scorer.finish();
    if (args.json) {
        std::cout << scoring::formatJsonReport(result);
    } else {
        if (args.cues) std::cout << '\n';
        std::cout << scoring::formatHumanReport(result, {args.recording, technique.name, describeModel(patient)});
    }
    if (scored) *scored = result;
    return kExitOk;  // a failed attempt is still a successful run
}

// Scores each recording in turn; with --student each attempt is committed to the progress
// store (or kept pending when it is unreachable) before the next recording is read.
int runScoreBatch(ScoreArgs args) {
    std::optional<records::AttemptRecorder> recorder;
    if (!args.student.empty()) recorder.emplace(args.db);
    const scoring::Patient patient = loadPatient(args.model, args.layer_map);
    for (const std::string& path : args.recordings) {
        if (platform::stopRequested()) break;  // Ctrl-C: what was scored so far is stored
        args.recording = path;
        const std::string started = records::nowUtc();
        scoring::Result result;
        runScore(args, patient, &result);
        if (recorder) {
            const std::string line = recorder->record(args.student, path, result, started);
            if (args.json)
                log::info(line);
            else
                std::cout << line << '\n';
        }
        std::cout.flush();
    }
    if (recorder) recorder->finish();
    return kExitOk;
}

}  // namespace

ScoringInputs loadScoringInputs(const std::filesystem::path& recording) {
    ScoreArgs args;
    args.recording = recording.string();
    scoring::Recording rec = scoring::readRecording(args.recording);
    scoring::Technique technique = chooseTechnique(args, rec);
    ScoringInputs in{std::move(rec), std::move(technique), loadPatient()};
    warnOnOtherModel(args.recording, in.recording.header, in.patient);
    return in;
}

scoring::Result scoreRecordingFile(const std::filesystem::path& recording) {
    const ScoringInputs in = loadScoringInputs(recording);
    return scoring::scoreRecording(in.recording, in.technique, in.patient);
}

int scoreToStdout(const std::filesystem::path& recording) {
    ScoreArgs args;
    args.recording = recording.string();
    return runScore(args, loadPatient());
}

void addScoreCommand(CLI::App& app, CommandTable& table) {
    auto* score = app.add_subcommand(
        "score",
        "Score a hand recording (JSONL) as one attempt: step by step value, band and advice.\n"
        "Exit code 0 whether the attempt passed or not, 2 for bad input, 1 when the progress\n"
        "store cannot be reached (the attempts are kept pending: palpa records sync).");
    auto args = std::make_shared<ScoreArgs>();
    score
        ->add_option("recording", args->recordings,
                     "Recording(s) (.jsonl, see docs/recording-format.md), scored in turn")
        ->required();
    auto* student = score->add_option(
        "--student,-s", args->student,
        "Store each attempt for this student in the progress store (docs/progress-store.md)");
    score->add_option("--db", args->db,
                      "Progress store: a path, sqlite:PATH or postgresql://... (default: "
                      "$PALPA_DB, else progress.sqlite3 in $XDG_DATA_HOME/palpa)")
        ->needs(student);
    score->add_option("--technique,-t", args->technique,
                      "Technique file (default: the bundled technique the recording names)");
    score->add_option("--model,-m", args->model,
                      "Model the attempt is measured on: its skin, landmarks and vessels (default: "
                      "the bundled model)");
    score->add_option("--layer-map", args->layer_map, "Layer map of --model (default: beside it)");
    score->add_flag("--json", args->json,
                    "Print {\"passed\", \"score\", \"faults\", \"side\", \"metrics\", \"steps\"}");
    score->add_flag("--cues", args->cues,
                    "Also print the live cues as they change, frame by frame");
    table.add(score, [args] {
        args->student = records::studentOr(args->student);
        return runScoreBatch(*args);
    });
}

}  // namespace palpa::app
