// Role: a desktop window (GLFW) for Vulkan: creation, the instance extensions and surface it
// needs, events and mouse input as plain values. Knows nothing of rendering or of palpa's
// scenes. One Window owns its GLFW window and surface; GLFW itself is set up once a process.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <cmath>
#include <optional>
#include <vector>

#include "gpu/device.hpp"
#include "gpu/types.hpp"

struct GLFWwindow;

namespace palpa::platform {

// Why no window can be opened here, or empty when one can (a display exists and GLFW starts).
std::string whyNoDisplay();

// Mouse state accumulated since the last takeInput().
// Key codes the app reads from Input::keys besides letters and digits (which are their
// upper-case ASCII codes): GLFW's values, checked against glfw3.h in window.cpp.
namespace keys {
inline constexpr int kRight = 262, kLeft = 263, kDown = 264, kUp = 265, kF1 = 290, kSlash = 47, kEscape = 256;
}  // namespace keys

// Turns the left button's press and release events into clicks (a release within a few
// pixels of its press), queued until taken: a click pressed and released between two frames
// is never lost, however slow the frame. Pure; the window feeds it from GLFW's callbacks.
class ClickTracker {
  public:
    static constexpr double kSlop = 4.0;  // pixels a click may move between press and release
    void press(double x, double y) { down_ = true, px_ = x, py_ = y; }
    void release(double x, double y) {
        if (down_ && std::abs(x - px_) + std::abs(y - py_) < kSlop) clicks_.push_back({x, y});
        down_ = false;
    }
    struct Click {
        double x, y;
    };
    // The oldest click not taken yet (one a frame: the rest wait for the next frames).
    std::optional<Click> next() {
        if (clicks_.empty()) return std::nullopt;
        const Click c = clicks_.front();
        clicks_.erase(clicks_.begin());
        return c;
    }

  private:
    bool down_ = false;
    double px_ = 0, py_ = 0;
    std::vector<Click> clicks_;
};

struct Input {
    double drag_x = 0, drag_y = 0;  // left-button drag, pixels
    double pan_x = 0, pan_y = 0;    // right-button drag, pixels
    double scroll = 0;              // wheel steps
    int step = 0;                   // next (+) / previous (-) presses: arrows, N/P, space
    bool clicked = false;           // a left click without a drag, at (click_x, click_y) (the first)
    double click_x = 0, click_y = 0;
    double cursor_x = 0, cursor_y = 0;  // framebuffer pixels
    bool left_held = false;         // the left button is down now
    std::vector<int> keys;          // GLFW key codes pressed since the last call
    bool close_requested = false;
};

class Window {
public:
    // Opens a window; throws palpa::Error saying why when it cannot.
    Window(const std::string& title, int width, int height);
    ~Window();
    Window(const Window&) = delete;
    Window& operator=(const Window&) = delete;

    // Instance extensions Vulkan needs to present to this kind of window.
    static std::vector<std::string> requiredInstanceExtensions();
    // Device extensions presenting to a window needs (the swapchain).
    static std::vector<std::string> requiredDeviceExtensions();
    // What a device that presents to windows of this display takes (DeviceOptions::hooks):
    // only queue families that can present are chosen.
    static std::shared_ptr<const gpu::DeviceHooks> presentHooks();
    // Creates the surface on `device` (owned by the window, destroyed with it or by
    // destroySurface(), which must come before the device goes).
    gpu::SurfaceHandle createSurface(gpu::Device& device);
    void destroySurface();

    // Processes pending events; false once the user closed the window.
    bool poll();
    // Blocks until the window has a non-zero size (minimised windows).
    void waitWhileMinimised();
    // Framebuffer size in pixels.
    gpu::Extent framebufferSize() const;
    // Width over height of the framebuffer (1 while it has no height).
    float aspect() const;
    // Mouse input since the last call (unless the UI wants the mouse).
    Input takeInput();
    GLFWwindow* handle() const { return window_; }

private:
    GLFWwindow* window_ = nullptr;
    std::uintptr_t instance_ = 0;                            // the surface's instance (opaque)
    gpu::SurfaceHandle surface_ = gpu::SurfaceHandle::None;
    Input input_;
    double last_x_ = 0, last_y_ = 0;
    bool have_last_ = false;
    ClickTracker clicks_;
    double event_x_ = 0, event_y_ = 0;  // the pointer as its events moved it (window coordinates)
    bool have_event_pos_ = false;
    friend struct WindowCallbacks;
};

}  // namespace palpa::platform
