// `palpa xr`: the trainer in the headset (OpenXR). Without a runtime it says so in one line
// and exits 1; `palpa` with no arguments falls back to the desktop or headless instead.
#include <iostream>

#include "records/settings.hpp"
#include "app/commands.hpp"
#include "app/headset.hpp"
#include "core/error.hpp"
#include "xr/runtime_probe.hpp"

namespace palpa::app {

void addXrCommand(CLI::App& app, CommandTable& table) {
    auto* cmd = app.add_subcommand(
        "xr", "Practise in the headset (OpenXR): live hands, guide, scoring, recording");
    auto o = std::make_shared<HeadsetOptions>();
    cmd->add_option("--model", o->model, "Model file (default: the bundled psoas-region model)");
    cmd->add_option("--layer-map", o->layer_map, "Layer-map JSON (default: beside the model)");
    cmd->add_option("--side", o->side, "The patient's side worked: left or right")
        ->capture_default_str();
    cmd->add_option(
        "--table", o->table,
        "Where the patient's navel lies in the play space: x,y,z,yaw (metres, degrees; default "
        "0,0.92,-0.45,90); the controller's menu button recentres it in front of you");
    cmd->add_option("--layers", o->layers,
                    "Layer opacities, e.g. skin=0.3,abdominal_wall=0 (0 hides a layer)")
        ->capture_default_str();
    cmd->add_option("--record", o->record,
                    "Write the live attempt as a JSONL recording while it happens");
    cmd->add_option("--student", o->student,
                    "Store the judged attempt for this student (default: the settings' student; the recording goes to the data folder without --record)");
    cmd->add_option(
        "--db", o->db,
        "Progress store: a SQLite file or postgresql://... (default: the user's data directory)");
    cmd->add_option("--frames", o->frames,
                    "Ask the runtime to end the session after this many frames");
    cmd->add_flag("--hand-joints", o->hand_joints, "Draw the tracked hands as joints and bones instead of hand meshes (debugging)");
    cmd->add_flag("--stats", o->stats, "Print the app-side CPU time per frame at the end");
    cmd->add_option("--stats-json", o->stats_json,
                    "Also write the frame-time figures as JSON to this file");
    cmd->add_flag("!--no-hand-tracking", o->hand_tracking,
                  "Ignore hand tracking: controllers drive simulated hands");
    cmd->add_flag("!--no-mirror", o->mirror, "Do not mirror the left eye in a desktop window");
    cmd->add_option("--mirror-screenshot", o->mirror_screenshot,
                    "Write the mirror window's last frame as PNG");
    cmd->add_option(
        "--walkthrough", o->walkthrough,
        "Run an anatomy walkthrough in the headset (right pinch/select: next, left: previous)");
    cmd->add_option("--quiz", o->quiz,
                    "Play a quiz in the headset (poke the panel's buttons; point with the index "
                    "finger and pinch)");
    cmd->add_option("--seed", o->seed, "Quiz order seed");
    cmd->add_option("--class", o->class_code,
                    "Join an instructor's class with its join code (palpa class start): the tour follows the "
                    "instructor, then practise when released (needs --student or the settings' student)");
    table.add(cmd, [o]() -> int {
        o->student = records::studentOr(o->student);
        xr::RuntimeProbe probe = xr::probeRuntime(o->hand_tracking);
        if (!probe.available) {
            std::cerr << "palpa xr: " << probe.why
                      << "; use `palpa desktop --simulate` to practise without a headset\n";
            return palpa::kExitFailure;
        }
        if (!o->class_code.empty() && (!o->walkthrough.empty() || !o->quiz.empty()))
            throw InputError("--class", o->class_code, "join a class, or run a walkthrough or quiz, not both");
        if (!o->walkthrough.empty() && !o->quiz.empty())
            throw InputError("--walkthrough", o->walkthrough,
                             "run a walkthrough or a quiz, not both");
        return runHeadset(*o, std::move(probe.instance));  // the probe's instance: one a run
    });
}

}  // namespace palpa::app
