// The PALPA_SIM_* environment, parsed strictly: a value that does not parse is an error that
// names the variable, never a silent default.
#include "config.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <vector>

namespace palpa::xrsim {

namespace {

std::string env(const char* name) {
    const char* value = std::getenv(name);
    return value ? std::string(value) : std::string();
}

bool flag(const char* name) {
    const std::string v = env(name);
    if (v.empty() || v == "0") return false;
    if (v == "1") return true;
    throw ConfigError(std::string(name) + ": expected 0 or 1, got \"" + v + "\"");
}

std::vector<std::string_view> split(std::string_view text, char separator) {
    std::vector<std::string_view> parts;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(separator, start);
        parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return parts;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

double number(const char* name, std::string_view text) {
    text = trim(text);
    double value = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value))
        throw ConfigError(std::string(name) + ": \"" + std::string(text) + "\" is not a number");
    return value;
}

std::int64_t whole(const char* name, std::string_view text, const char* what = "a frame number") {
    text = trim(text);
    std::int64_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 0)
        throw ConfigError(std::string(name) + ": \"" + std::string(text) + "\" is not " + what + " (0 or more)");
    return value;
}

std::vector<double> numbers(const char* name, const std::string& text, std::size_t count) {
    const auto parts = split(text, ',');
    if (parts.size() != count)
        throw ConfigError(std::string(name) + ": expected " + std::to_string(count) +
                          " comma-separated numbers, got \"" + text + "\"");
    std::vector<double> out;
    for (auto p : parts) out.push_back(number(name, p));
    return out;
}

std::int64_t frame(const char* name) {
    const std::string v = env(name);
    return v.empty() ? -1 : whole(name, v);
}

std::set<std::int64_t> frames(const char* name) {
    const std::string v = env(name);
    std::set<std::int64_t> out;
    if (v.empty()) return out;
    for (auto p : split(v, ',')) out.insert(whole(name, p));
    return out;
}

}  // namespace

std::int64_t Config::periodNs() const {
    return std::llround(1e9 / fps);
}

std::int64_t Config::offsetNs(std::int64_t frame) const {
    return std::llround(static_cast<double>(frame) * 1e9 / fps);
}

Config readConfig() {
    Config c;
    if (const std::string v = env("PALPA_SIM_FPS"); !v.empty()) {
        c.fps = number("PALPA_SIM_FPS", v);
        if (c.fps < 1.0 || c.fps > 1000.0)
            throw ConfigError("PALPA_SIM_FPS: " + v + " is outside 1..1000 frames a second");
    }
    if (const std::string v = env("PALPA_SIM_RENDER_EVERY"); !v.empty()) {
        c.render_every = whole("PALPA_SIM_RENDER_EVERY", v);
        if (c.render_every < 1) throw ConfigError("PALPA_SIM_RENDER_EVERY: " + v + " is not a whole number of frames >= 1");
    }
    if (const std::string v = env("PALPA_SIM_VIEW"); !v.empty()) {
        const auto parts = split(v, 'x');
        if (parts.size() != 2) throw ConfigError("PALPA_SIM_VIEW: expected WIDTHxHEIGHT, got \"" + v + "\"");
        const std::int64_t w = whole("PALPA_SIM_VIEW", parts[0]);
        const std::int64_t h = whole("PALPA_SIM_VIEW", parts[1]);
        if (w < 1 || h < 1 || w > 4096 || h > 4096)
            throw ConfigError("PALPA_SIM_VIEW: " + v + " is outside 1x1..4096x4096");
        c.view_width = static_cast<std::uint32_t>(w);
        c.view_height = static_cast<std::uint32_t>(h);
    }
    if (const std::string v = env("PALPA_SIM_HEAD"); !v.empty()) {
        const auto n = numbers("PALPA_SIM_HEAD", v, 3);
        c.head = {static_cast<float>(n[0]), static_cast<float>(n[1]), static_cast<float>(n[2])};
    }
    if (const std::string v = env("PALPA_SIM_TABLE"); !v.empty()) {
        const auto n = numbers("PALPA_SIM_TABLE", v, 4);
        c.table = {static_cast<float>(n[0]), static_cast<float>(n[1]), static_cast<float>(n[2])};
        c.table_yaw_degrees = static_cast<float>(n[3]);
    }
    c.hands = env("PALPA_SIM_HANDS");
    c.hand_tracking = !flag("PALPA_SIM_NO_HAND_TRACKING");
    c.stage = !flag("PALPA_SIM_NO_STAGE");
    c.headset = !flag("PALPA_SIM_NO_HEADSET");
    c.stop_at = frame("PALPA_SIM_STOP_AT");
    c.lose_at = frame("PALPA_SIM_LOSE_AT");
    c.select_right = frames("PALPA_SIM_SELECT_AT");
    c.select_left = frames("PALPA_SIM_SELECT_LEFT_AT");
    c.menu_right = frames("PALPA_SIM_MENU_AT");
    c.menu_left = frames("PALPA_SIM_MENU_LEFT_AT");
    c.log = flag("PALPA_SIM_LOG");

    c.instant_states = flag("PALPA_SIM_INSTANT_STATES");
    c.any_display_time = flag("PALPA_SIM_ANY_DISPLAY_TIME");
    if (const std::string v = env("PALPA_SIM_WAIT_TIMEOUT_AT"); !v.empty()) {
        if (trim(v) == "none") {
            c.wait_timeout_at.clear();
        } else {
            if (v.find("none") != std::string::npos)
                throw ConfigError("PALPA_SIM_WAIT_TIMEOUT_AT: \"none\" stands alone, got \"" + v + "\"");
            c.wait_timeout_at = frames("PALPA_SIM_WAIT_TIMEOUT_AT");
        }
    }
    c.all_tracked = flag("PALPA_SIM_ALL_TRACKED");
    c.untracked_at = frames("PALPA_SIM_UNTRACKED_AT");
    c.head_still = flag("PALPA_SIM_HEAD_STILL");
    if (const std::string v = env("PALPA_SIM_GONE_FOR"); !v.empty())
        c.gone_for = whole("PALPA_SIM_GONE_FOR", v, "a number of xrGetSystem calls");
    c.instance_loss_at = frame("PALPA_SIM_INSTANCE_LOSS_AT");
    c.recentre_at = frame("PALPA_SIM_RECENTRE_AT");

    c.capture_dir = env("PALPA_SIM_CAPTURE");
    if (const std::string v = env("PALPA_SIM_CAPTURE_AT"); !v.empty()) {
        for (auto p : split(v, ',')) {
            if (trim(p) == "last")
                c.capture_last = true;
            else
                c.capture_at.insert(whole("PALPA_SIM_CAPTURE_AT", p));
        }
        if (c.capture_dir.empty())
            throw ConfigError("PALPA_SIM_CAPTURE_AT is set but PALPA_SIM_CAPTURE names no folder");
    }
    if (!c.capture_dir.empty()) {
        std::error_code ec;
        std::filesystem::create_directories(c.capture_dir, ec);
        if (ec || !std::filesystem::is_directory(c.capture_dir))
            throw ConfigError("PALPA_SIM_CAPTURE: " + c.capture_dir + ": cannot create the folder" +
                              (ec ? " (" + ec.message() + ")" : std::string()));
    }
    return c;
}

bool handTrackingOffered() {
    try {
        return !flag("PALPA_SIM_NO_HAND_TRACKING");
    } catch (const ConfigError&) {
        return true;  // reported when the instance is created
    }
}

void logLine(const std::string& message) {
    std::fprintf(stderr, "xrsim: %s\n", message.c_str());
    std::fflush(stderr);
}

}  // namespace palpa::xrsim
