// Role: turns XrResult failures into palpa::xr::XrError naming the call, file and line
// (hello_xr's CHECK_XRCMD). PALPA_XR(expr) throws at initialisation; per-frame paths judge
// the result with a SessionCalls and return status.
#pragma once

#include <openxr/openxr.h>

#include <string>

#include "core/error.hpp"

namespace palpa::xr {

// An OpenXR call failed, or the runtime lacks something palpa needs.
class XrError : public Error {
  public:
    XrError(std::string message, XrResult result = XR_ERROR_RUNTIME_FAILURE)
        : Error(std::move(message)), result_(result) {}
    XrResult result() const noexcept { return result_; }

  private:
    XrResult result_;
};

// Readable name of an XrResult ("XR_ERROR_SESSION_LOST"), without needing an instance.
std::string resultName(XrResult result);
// Throws XrError "<expr> failed with <result> at <file>:<line>" when the result is a failure.
void check(XrResult result, const char* expression, const char* file, int line);

// Judges the results of calls on a session for the paths that return status instead of
// throwing (frames, state changes): true on success; a lost session (XR_ERROR_SESSION_LOST) is
// logged once and remembered until clear() (the lifecycle then recreates the session); any
// other failure is logged as "<what> failed with <result>".
class SessionCalls {
  public:
    bool operator()(XrResult result, const char* what);
    bool lost() const noexcept { return lost_; }
    void setLost() noexcept { lost_ = true; }
    void clear() noexcept { lost_ = false; }

  private:
    bool lost_ = false;
};

}  // namespace palpa::xr

#define PALPA_XR(expr) ::palpa::xr::check((expr), #expr, __FILE__, __LINE__)
