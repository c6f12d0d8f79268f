#include "xr/xr_check.hpp"

#include <openxr/openxr_reflection.h>

#include "core/log.hpp"

namespace palpa::xr {

std::string resultName(XrResult result) {
    switch (result) {
#define PALPA_XR_RESULT_CASE(name, value) \
    case name:                            \
        return #name;
        XR_LIST_ENUM_XrResult(PALPA_XR_RESULT_CASE)
#undef PALPA_XR_RESULT_CASE
                default : return "XrResult " +
                          std::to_string(static_cast<int>(result));
    }
}

void check(XrResult result, const char* expression, const char* file, int line) {
    if (XR_SUCCEEDED(result)) return;
    throw XrError(std::string(expression) + " failed with " + resultName(result) + " at " + file +
                      ":" + std::to_string(line),
                  result);
}

bool SessionCalls::operator()(XrResult r, const char* what) {
    if (XR_SUCCEEDED(r)) return true;
    if (r == XR_ERROR_SESSION_LOST) {
        if (!lost_) log::warn("openxr: ", what, ": the session was lost");
        lost_ = true;
    } else {
        log::warn("openxr: ", what, " failed with ", resultName(r));
    }
    return false;
}

}  // namespace palpa::xr
