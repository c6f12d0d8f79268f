// Role: asks the OpenXR loader whether a runtime answers, without the loader's own error
// lines reaching the user's terminal. Used to pick the headset, the desktop or headless mode.
#pragma once

#include <string>

namespace palpa::xr {

struct RuntimeProbe {
    bool available = false;
    std::string runtime;  // the runtime's name and version when available
    std::string why;      // why not, in one line ("no OpenXR runtime is installed (...)")
};

// Creates and destroys an XrInstance with no extensions; never throws.
RuntimeProbe probeRuntime();

}  // namespace palpa::xr
