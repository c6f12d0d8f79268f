// `palpa score`: scores a hand recording as one attempt at a technique and prints the report.
#include <iostream>

#include "app/commands.hpp"
#include "core/error.hpp"
#include "core/log.hpp"
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
    std::string landmarks;
    bool json = false;
    bool cues = false;
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

int runScore(const ScoreArgs& args) {
    const scoring::Recording recording = scoring::readRecording(args.recording);
    log::debug("read ", recording.frames.size(), " frames (", recording.duration(), " s) from ",
               args.recording);
    const scoring::Technique technique = chooseTechnique(args, recording);
    scoring::Patient patient;
    if (!args.landmarks.empty()) {
        patient = scoring::loadPatient(args.landmarks);
    } else if (technique.default_patient) {
        patient = *technique.default_patient;
    } else {
        throw InputError(technique.source, "default_patient",
                         "the technique carries no default patient; pass --landmarks FILE");
    }

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
        std::cout << scoring::formatHumanReport(result, {args.recording, technique.name});
    }
    return kExitOk;  // a failed attempt is still a successful run
}

}  // namespace

scoring::Result scoreRecordingFile(const std::filesystem::path& recording) {
    ScoreArgs args;
    args.recording = recording.string();
    const scoring::Recording rec = scoring::readRecording(args.recording);
    const scoring::Technique technique = chooseTechnique(args, rec);
    if (!technique.default_patient)
        throw InputError(technique.source, "default_patient", "the technique carries no default patient");
    return scoring::scoreRecording(rec, technique, *technique.default_patient);
}

int scoreToStdout(const std::filesystem::path& recording) {
    ScoreArgs args;
    args.recording = recording.string();
    return runScore(args);
}

void addScoreCommand(CLI::App& app, CommandTable& table) {
    auto* score = app.add_subcommand(
        "score",
        "Score a hand recording (JSONL) as one attempt: step by step value, band and advice.\n"
        "Exit code 0 whether the attempt passed or not, 2 for bad input.");
    auto args = std::make_shared<ScoreArgs>();
    score
        ->add_option("recording", args->recording,
                     "Recording (.jsonl, see docs/recording-format.md)")
        ->required();
    score->add_option("--technique,-t", args->technique,
                      "Technique file (default: the bundled technique the recording names)");
    score->add_option(
        "--landmarks,-l", args->landmarks,
        "Patient file with landmarks and skin (default: the technique's default patient)");
    score->add_flag("--json", args->json,
                    "Print {\"passed\", \"score\", \"faults\", \"side\", \"metrics\", \"steps\"}");
    score->add_flag("--cues", args->cues,
                    "Also print the live cues as they change, frame by frame");
    table.add(score, [args] { return runScore(*args); });
}

}  // namespace palpa::app
