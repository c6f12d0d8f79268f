// Role: the trainer in the headset: an OpenXR session (engine/xr) drawing the patient on a
// table with the layered model, the student's hands tinted by live feedback and the guide's
// steps (leg lift included), recording the attempt as it goes, scoring it, storing it, and
// reporting the session states and app-side frame times. `palpa xr` and the main job use it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "xr/runtime_probe.hpp"

namespace palpa::app {

struct HeadsetOptions {
    std::string model, layer_map;      // default: the bundled model
    std::string side = "left";         // the patient's side worked first
    std::string table;                 // "x,y,z,yaw"; empty: the default pose
    std::string layers = "skin=0.55";  // layer opacities (as `palpa render --layers`)
    std::string record;                // JSONL recording of the live attempt, written as it goes
    std::string student, db;           // store the attempt for this student
    int frames = 0;                    // stop after this many frames (0: until the runtime ends)
    bool stats = false;                // print app-side CPU time per frame at the end
    std::string stats_json;            // also write the figures as JSON here
    bool hand_tracking = true;         // false: ignore XR_EXT_hand_tracking (controllers only)
    bool mirror = true;             // mirror the left eye in a desktop window when a display exists
    bool hand_joints = false;       // draw the hands' joints and bones instead of their meshes
    std::string mirror_screenshot;  // PNG of the mirror window's last frame
    std::string walkthrough;        // run this anatomy walkthrough instead of a practice
    std::string quiz;               // play this quiz instead of a practice
    std::uint64_t seed = 0;         // quiz order seed
    std::string class_code;         // join this class (--class) as `student`
};

// Runs until the runtime ends the session (or `frames`); returns the exit code. Throws
// palpa::Error (its XR or GPU kind) when the headset cannot start.
// `connection`: the runtime connection the probe opened (a run opens one); null opens one.
int runHeadset(const HeadsetOptions& options, std::shared_ptr<xr::RuntimeConnection> connection = nullptr);

}  // namespace palpa::app
