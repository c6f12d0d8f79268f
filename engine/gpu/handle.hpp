// Role: RAII ownership of device-level Vulkan handles. A Handle<T> owns one handle and
// destroys it with the device's matching vkDestroy*/vkFree* call; copy is deleted, move is
// noexcept and leaves the source empty.
#pragma once

#include <vulkan/vulkan.h>

#include <utility>

namespace palpa::gpu {

template <typename T>
class Handle {
public:
    using Destroy = void (*)(VkDevice, T, const VkAllocationCallbacks*);

    Handle() = default;
    Handle(VkDevice device, T handle, Destroy destroy) : device_(device), handle_(handle), destroy_(destroy) {}
    ~Handle() { reset(); }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    Handle(Handle&& other) noexcept { *this = std::move(other); }
    Handle& operator=(Handle&& other) noexcept {
        if (this != &other) {
            reset();
            device_ = std::exchange(other.device_, VK_NULL_HANDLE);
            handle_ = std::exchange(other.handle_, VK_NULL_HANDLE);
            destroy_ = std::exchange(other.destroy_, nullptr);
        }
        return *this;
    }

    // The raw handle (still owned).
    T get() const noexcept { return handle_; }
    explicit operator bool() const noexcept { return handle_ != VK_NULL_HANDLE; }
    // Destroys the handle now (no-op when empty).
    void reset() noexcept {
        if (handle_ != VK_NULL_HANDLE && destroy_) destroy_(device_, handle_, nullptr);
        handle_ = VK_NULL_HANDLE;
    }

private:
    VkDevice device_ = VK_NULL_HANDLE;
    T handle_ = VK_NULL_HANDLE;
    Destroy destroy_ = nullptr;
};

}  // namespace palpa::gpu
