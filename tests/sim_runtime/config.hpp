// Role: the simulated runtime's environment contract (docs/sim-runtime.md): every PALPA_SIM_*
// variable parsed and checked once, when an instance is created. Also the "xrsim:" log line.
#pragma once

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>

#include <glm/vec3.hpp>

namespace palpa::xrsim {

// A malformed PALPA_SIM_* value; what() names the variable (or the file) and the problem.
class ConfigError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct Config {
    double fps = 90.0;                // PALPA_SIM_FPS
    std::int64_t render_every = 1;    // PALPA_SIM_RENDER_EVERY: shouldRender on every Nth frame
    std::uint32_t view_width = 1024;  // PALPA_SIM_VIEW="WxH"
    std::uint32_t view_height = 1024;
    glm::vec3 head{0.0f, 1.5f, 0.05f};     // PALPA_SIM_HEAD="x,y,z" (STAGE at the start)
    glm::vec3 table{0.0f, 0.92f, -0.45f};  // PALPA_SIM_TABLE="x,y,z,yaw_degrees" (STAGE at the start)
    float table_yaw_degrees = 90.0f;
    std::string hands;                    // PALPA_SIM_HANDS: a recording; empty = no hands
    bool hand_tracking = true;            // !PALPA_SIM_NO_HAND_TRACKING
    bool stage = true;                    // !PALPA_SIM_NO_STAGE
    bool headset = true;                  // !PALPA_SIM_NO_HEADSET: xrGetSystem finds the headset
    std::int64_t stop_at = -1;            // PALPA_SIM_STOP_AT (-1: unset)
    std::int64_t lose_at = -1;            // PALPA_SIM_LOSE_AT (-1: unset)
    std::set<std::int64_t> select_right;  // PALPA_SIM_SELECT_AT
    std::set<std::int64_t> select_left;   // PALPA_SIM_SELECT_LEFT_AT
    std::set<std::int64_t> menu_right;    // PALPA_SIM_MENU_AT
    std::set<std::int64_t> menu_left;     // PALPA_SIM_MENU_LEFT_AT
    std::string capture_dir;              // PALPA_SIM_CAPTURE
    std::set<std::int64_t> capture_at;    // PALPA_SIM_CAPTURE_AT (frame numbers)
    bool capture_last = false;            // PALPA_SIM_CAPTURE_AT contains "last"
    bool log = false;                     // PALPA_SIM_LOG=1
    // Realism (docs/sim-runtime.md): each default is what real runtimes do; the variables
    // turn a behaviour off (or move it) for tests that need the friendlier runtime.
    bool instant_states = false;                 // PALPA_SIM_INSTANT_STATES: READY and FOCUSED at once
    bool any_display_time = false;               // PALPA_SIM_ANY_DISPLAY_TIME: xrEndFrame takes any time > 0
    std::set<std::int64_t> wait_timeout_at{45};  // PALPA_SIM_WAIT_TIMEOUT_AT ("none": empty)
    bool all_tracked = false;                    // PALPA_SIM_ALL_TRACKED: no inferred joints
    std::set<std::int64_t> untracked_at;         // PALPA_SIM_UNTRACKED_AT: the right hand's joints untracked
    bool head_still = false;                     // PALPA_SIM_HEAD_STILL: the head never sways
    std::int64_t gone_for = 3;                   // PALPA_SIM_GONE_FOR: "no headset" xrGetSystem calls after a loss
    std::int64_t instance_loss_at = -1;          // PALPA_SIM_INSTANCE_LOSS_AT (-1: unset)
    std::int64_t recentre_at = -1;               // PALPA_SIM_RECENTRE_AT (-1: unset)

    // The frame period in nanoseconds, and frame n's offset from the first frame.
    std::int64_t periodNs() const;
    std::int64_t offsetNs(std::int64_t frame) const;
};

// Reads the environment; throws ConfigError. Creates the capture folder when one is named.
Config readConfig();
// Only PALPA_SIM_NO_HAND_TRACKING (the extension list is asked before any instance exists).
bool handTrackingOffered();

// Writes "xrsim: <message>" on one line to stderr.
void logLine(const std::string& message);

}  // namespace palpa::xrsim
