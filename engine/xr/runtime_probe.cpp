#include "xr/runtime_probe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include <openxr/openxr.h>

#include "xr/xr_system.hpp"
#include "xr/xr_check.hpp"

namespace palpa::xr {
namespace {

// Sends stderr to /dev/null for its lifetime (the loader prints its failures there).
class SilencedStderr {
  public:
    SilencedStderr() {
        std::fflush(stderr);
        saved_ = ::dup(STDERR_FILENO);
        const int null = ::open("/dev/null", O_WRONLY);
        if (saved_ >= 0 && null >= 0) ::dup2(null, STDERR_FILENO);
        if (null >= 0) ::close(null);
    }
    ~SilencedStderr() {
        std::fflush(stderr);
        if (saved_ >= 0) {
            ::dup2(saved_, STDERR_FILENO);
            ::close(saved_);
        }
    }
    SilencedStderr(const SilencedStderr&) = delete;
    SilencedStderr& operator=(const SilencedStderr&) = delete;

  private:
    int saved_ = -1;
};

}  // namespace

RuntimeProbe probeRuntime(bool hand_tracking, const std::string& application) {
    RuntimeProbe probe;
    try {
        SilencedStderr quiet;
        probe.instance = detail::openInstance(hand_tracking, application);
    } catch (const XrError& e) {
        probe.why = e.result() == XR_ERROR_RUNTIME_UNAVAILABLE
                        ? "no OpenXR runtime is installed or active (XR_ERROR_RUNTIME_UNAVAILABLE)"
                        : std::string("the OpenXR runtime did not start: ") + e.what();
        return probe;
    } catch (const std::exception& e) {
        probe.why = std::string("the OpenXR runtime did not start: ") + e.what();
        return probe;
    }
    probe.runtime = probe.instance->runtime;
    probe.available = true;
    return probe;
}

}  // namespace palpa::xr
