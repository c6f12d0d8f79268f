#include "xr/runtime_probe.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include <openxr/openxr.h>

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

RuntimeProbe probeRuntime() {
    RuntimeProbe probe;
    XrInstanceCreateInfo info{XR_TYPE_INSTANCE_CREATE_INFO};
    std::strncpy(info.applicationInfo.applicationName, "palpa", XR_MAX_APPLICATION_NAME_SIZE - 1);
    std::strncpy(info.applicationInfo.engineName, "palpa", XR_MAX_ENGINE_NAME_SIZE - 1);
    info.applicationInfo.apiVersion = XR_CURRENT_API_VERSION;
    XrInstance instance = XR_NULL_HANDLE;
    XrResult result;
    {
        SilencedStderr quiet;
        result = xrCreateInstance(&info, &instance);
    }
    if (XR_FAILED(result)) {
        probe.why = result == XR_ERROR_RUNTIME_UNAVAILABLE
                        ? "no OpenXR runtime is installed or active (XR_ERROR_RUNTIME_UNAVAILABLE)"
                        : "the OpenXR runtime did not start (" + resultName(result) + ", " +
                              std::to_string(result) + ")";
        return probe;
    }
    XrInstanceProperties props{XR_TYPE_INSTANCE_PROPERTIES};
    if (XR_SUCCEEDED(xrGetInstanceProperties(instance, &props)))
        probe.runtime = std::string(props.runtimeName) + " " +
                        std::to_string(XR_VERSION_MAJOR(props.runtimeVersion)) + "." +
                        std::to_string(XR_VERSION_MINOR(props.runtimeVersion));
    xrDestroyInstance(instance);
    probe.available = true;
    return probe;
}

}  // namespace palpa::xr
