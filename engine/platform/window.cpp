#include "platform/window.hpp"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <mutex>

#include "core/error.hpp"
#include "core/log.hpp"
#include "gpu/vk_types.hpp"
#include "gpu/vulkan_device.hpp"

namespace palpa::platform {

static_assert(keys::kRight == GLFW_KEY_RIGHT && keys::kLeft == GLFW_KEY_LEFT && keys::kDown == GLFW_KEY_DOWN &&
                  keys::kUp == GLFW_KEY_UP && keys::kF1 == GLFW_KEY_F1 && keys::kSlash == GLFW_KEY_SLASH &&
                  keys::kEscape == GLFW_KEY_ESCAPE,
              "palpa's key codes are GLFW's");

struct WindowCallbacks {
    static void scroll(GLFWwindow* w, double, double dy) {
        if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w))) self->input_.scroll += dy;
    }
    static void mouseButton(GLFWwindow* w, int button, int action, int) {
        auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
        if (!self || button != GLFW_MOUSE_BUTTON_LEFT) return;
        // Where the pointer was when the button moved: the last position its own events gave
        // (glfwGetCursorPos asks the X server now, after later moves may have happened).
        double x = self->event_x_, y = self->event_y_;
        if (!self->have_event_pos_) glfwGetCursorPos(w, &x, &y);
        if (action == GLFW_PRESS) self->clicks_.press(x, y);
        if (action == GLFW_RELEASE) self->clicks_.release(x, y);
    }
    static void cursor(GLFWwindow* w, double x, double y) {
        if (auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w))) {
            self->event_x_ = x;
            self->event_y_ = y;
            self->have_event_pos_ = true;
        }
    }
    static void key(GLFWwindow* w, int key, int, int action, int) {
        auto* self = static_cast<Window*>(glfwGetWindowUserPointer(w));
        if (!self || action != GLFW_PRESS) return;
        if (key == GLFW_KEY_RIGHT || key == GLFW_KEY_N || key == GLFW_KEY_SPACE || key == GLFW_KEY_PAGE_DOWN) ++self->input_.step;
        if (key == GLFW_KEY_LEFT || key == GLFW_KEY_P || key == GLFW_KEY_BACKSPACE || key == GLFW_KEY_PAGE_UP) --self->input_.step;
        self->input_.keys.push_back(key);
    }
};

namespace {

std::string lastGlfwError;

void onGlfwError(int, const char* description) { lastGlfwError = description ? description : "unknown GLFW error"; }

bool initGlfw() {
    static bool ok = [] {
        glfwSetErrorCallback(onGlfwError);
        const bool started = glfwInit() == GLFW_TRUE;
        if (started) std::atexit(glfwTerminate);
        return started;
    }();
    return ok;
}

}  // namespace

std::string whyNoDisplay() {
    const char* x = std::getenv("DISPLAY");
    const char* wl = std::getenv("WAYLAND_DISPLAY");
    if ((!x || !*x) && (!wl || !*wl)) return "no display (DISPLAY and WAYLAND_DISPLAY are unset)";
    if (!initGlfw()) return "cannot start GLFW: " + lastGlfwError;
    if (!glfwVulkanSupported()) return "GLFW finds no Vulkan loader or surface support";
    return {};
}

Window::Window(const std::string& title, int width, int height) {
    if (const std::string why = whyNoDisplay(); !why.empty()) throw Error("cannot open a window: " + why);
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!window_) throw Error("cannot open a window: " + lastGlfwError);
    glfwSetWindowUserPointer(window_, this);
    glfwSetScrollCallback(window_, WindowCallbacks::scroll);
    glfwSetKeyCallback(window_, WindowCallbacks::key);
    glfwSetMouseButtonCallback(window_, WindowCallbacks::mouseButton);
    glfwSetCursorPosCallback(window_, WindowCallbacks::cursor);
}

Window::~Window() {
    destroySurface();
    if (window_) glfwDestroyWindow(window_);
}

std::vector<std::string> Window::requiredDeviceExtensions() { return {VK_KHR_SWAPCHAIN_EXTENSION_NAME}; }

std::vector<std::string> Window::requiredInstanceExtensions() {
    if (!initGlfw()) return {};
    std::uint32_t n = 0;
    const char** names = glfwGetRequiredInstanceExtensions(&n);
    return std::vector<std::string>(names, names + n);
}

std::shared_ptr<const gpu::DeviceHooks> Window::presentHooks() {
    auto hooks = std::make_shared<gpu::DeviceHooks>();
    hooks->can_present = [](VkInstance instance, VkPhysicalDevice device, std::uint32_t family) {
        return glfwGetPhysicalDevicePresentationSupport(instance, device, family) == GLFW_TRUE;
    };
    return hooks;
}

gpu::SurfaceHandle Window::createSurface(gpu::Device& device) {
    destroySurface();
    const VkInstance instance = gpu::vk(device).instance();
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    const VkResult r = glfwCreateWindowSurface(instance, window_, nullptr, &surface);
    if (r != VK_SUCCESS) throw Error("cannot create a Vulkan surface for the window (" + std::to_string(r) + ")");
    instance_ = reinterpret_cast<std::uintptr_t>(instance);
    surface_ = gpu::surfaceOf(surface);
    return surface_;
}

void Window::destroySurface() {
    if (surface_ != gpu::SurfaceHandle::None)
        vkDestroySurfaceKHR(reinterpret_cast<VkInstance>(instance_), gpu::toVk(surface_), nullptr);
    surface_ = gpu::SurfaceHandle::None;
}

bool Window::poll() {
    glfwPollEvents();
    // Mouse drags: left orbits, right pans.
    double x, y;
    glfwGetCursorPos(window_, &x, &y);
    if (have_last_) {
        if (glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS) {
            input_.drag_x += x - last_x_;
            input_.drag_y += y - last_y_;
        }
        if (glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_RIGHT) == GLFW_PRESS) {
            input_.pan_x += x - last_x_;
            input_.pan_y += y - last_y_;
        }
    }
    // Clicks come from the button's events (queued, so none is lost on a slow frame).
    const bool down = glfwGetMouseButton(window_, GLFW_MOUSE_BUTTON_LEFT) == GLFW_PRESS;
    const std::optional<ClickTracker::Click> click = input_.clicked ? std::nullopt : clicks_.next();
    if (click) {
        input_.clicked = true;
        // Cursor positions are in window coordinates; report framebuffer pixels.
        int ww = 1, wh = 1, fw = 1, fh = 1;
        glfwGetWindowSize(window_, &ww, &wh);
        glfwGetFramebufferSize(window_, &fw, &fh);
        input_.click_x = click->x * fw / std::max(1, ww);
        input_.click_y = click->y * fh / std::max(1, wh);
    }
    {
        int ww = 1, wh = 1, fw = 1, fh = 1;
        glfwGetWindowSize(window_, &ww, &wh);
        glfwGetFramebufferSize(window_, &fw, &fh);
        input_.cursor_x = x * fw / std::max(1, ww);
        input_.cursor_y = y * fh / std::max(1, wh);
        input_.left_held = down;
    }
    last_x_ = x;
    last_y_ = y;
    have_last_ = true;
    return !glfwWindowShouldClose(window_);
}

void Window::waitWhileMinimised() {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    while ((w == 0 || h == 0) && !glfwWindowShouldClose(window_)) {
        glfwWaitEvents();
        glfwGetFramebufferSize(window_, &w, &h);
    }
}

gpu::Extent Window::framebufferSize() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return {static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h)};
}

float Window::aspect() const {
    const gpu::Extent e = framebufferSize();
    return e.height == 0 ? 1.0f : static_cast<float>(e.width) / static_cast<float>(e.height);
}

Input Window::takeInput() {
    Input out = input_;
    out.close_requested = glfwWindowShouldClose(window_);
    input_ = {};
    return out;
}

}  // namespace palpa::platform
