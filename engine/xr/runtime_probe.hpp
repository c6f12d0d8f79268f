// Role: asks the OpenXR loader whether a runtime answers, without the loader's own error
// lines reaching the user's terminal. Used to pick the headset, the desktop or headless mode.
// The instance it makes is the one the session then uses: a run makes one XrInstance (a
// second can cost a runtime its device connections, or restart its service).
#pragma once

#include <memory>
#include <string>

namespace palpa::xr {

// palpa's connection to the OpenXR runtime: it owns the instance, made with the extensions the
// session needs (Vulkan enable2; hand tracking where offered and wanted). Destroyed with its
// last owner.
class RuntimeConnection;

struct RuntimeProbe {
    bool available = false;
    std::string runtime;  // the runtime's name and version when available
    std::string why;      // why not, in one line ("no OpenXR runtime is installed (...)")
    std::shared_ptr<RuntimeConnection> instance;  // when available: hand it to Session::create
};

// Creates the instance the session will use; never throws. `hand_tracking`: enable
// XR_EXT_hand_tracking when the runtime offers it.
RuntimeProbe probeRuntime(bool hand_tracking = true, const std::string& application = "palpa");

}  // namespace palpa::xr
