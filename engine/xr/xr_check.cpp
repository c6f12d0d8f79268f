#include "xr/xr_check.hpp"

#include <openxr/openxr_reflection.h>

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

}  // namespace palpa::xr
