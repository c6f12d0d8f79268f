// Role: RAII ownership of one OpenXR handle (a session, a space, a swapchain, an action set, a
// hand tracker): destroyed with its xrDestroy* function on reset() or destruction, results
// ignored (a lost session's handles may refuse; they go anyway). Copy is deleted, move is
// noexcept and leaves the source empty. It converts to the raw handle, so OpenXR calls take it
// as they are; put() hands a create call the slot to fill.
#pragma once

#include <utility>

#include <openxr/openxr.h>

namespace palpa::xr {

template <typename T>
class XrHandle {
  public:
    using Destroy = XrResult(XRAPI_PTR*)(T);

    XrHandle() = default;
    ~XrHandle() { reset(); }
    XrHandle(const XrHandle&) = delete;
    XrHandle& operator=(const XrHandle&) = delete;
    XrHandle(XrHandle&& other) noexcept { *this = std::move(other); }
    XrHandle& operator=(XrHandle&& other) noexcept {
        if (this != &other) {
            reset();
            handle_ = std::exchange(other.handle_, T(XR_NULL_HANDLE));
            destroy_ = std::exchange(other.destroy_, nullptr);
        }
        return *this;
    }

    operator T() const noexcept { return handle_; }  // NOLINT: used as the raw handle in calls
    T get() const noexcept { return handle_; }
    // Destroys what it holds, then gives a create call the slot to fill; `destroy` will free it.
    T* put(Destroy destroy) noexcept {
        reset();
        destroy_ = destroy;
        return &handle_;
    }
    void reset() noexcept {
        if (handle_ != T(XR_NULL_HANDLE) && destroy_) destroy_(handle_);
        handle_ = T(XR_NULL_HANDLE);
    }

  private:
    T handle_ = T(XR_NULL_HANDLE);
    Destroy destroy_ = nullptr;
};

}  // namespace palpa::xr
