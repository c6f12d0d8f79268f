#include "app/headset_stats.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace palpa::app {

void FrameStats::add(double app_ms, double total_ms, bool drawn) {
    app_.push_back(std::max(0.0, app_ms));
    total_.push_back(total_ms);
    if (drawn) ++drawn_;
}

double FrameStats::meanAppMs() const {
    return app_.empty()
               ? 0.0
               : std::accumulate(app_.begin(), app_.end(), 0.0) / static_cast<double>(app_.size());
}

double FrameStats::quantileAppMs(double q) const {
    if (app_.empty()) return 0.0;
    std::vector<double> v = app_;
    const auto k =
        static_cast<std::size_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(v.size() - 1) + 0.5);
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(k), v.end());
    return v[k];
}

std::string FrameStats::summary(std::size_t triangles, unsigned width, unsigned height) const {
    const double total = total_.empty() ? 0.0
                                        : std::accumulate(total_.begin(), total_.end(), 0.0) /
                                              static_cast<double>(total_.size());
    char buf[512];
    std::snprintf(buf, sizeof buf,
                  "stats: %zu frames (%zu drawn), %zu triangles, 2 x %ux%u\n"
                  "stats: app-side CPU per frame (xrWaitFrame, xrWaitSwapchainImage, xrEndFrame "
                  "and GPU waits excluded): mean %.3f ms, p50 %.3f, p95 %.3f, "
                  "p99 %.3f, max %.3f (target <= 1 ms)\n"
                  "stats: whole frame including waits: mean %.2f ms\n",
                  app_.size(), drawn_, triangles, width, height, meanAppMs(), quantileAppMs(0.5),
                  quantileAppMs(0.95), quantileAppMs(0.99), quantileAppMs(1.0), total);
    return buf;
}

void FrameStats::writeJson(const std::string& path) const {
    nlohmann::json j;
    j["frames"] = app_.size();
    j["drawn"] = drawn_;
    j["app_ms"] = {{"mean", meanAppMs()},
                   {"p50", quantileAppMs(0.5)},
                   {"p95", quantileAppMs(0.95)},
                   {"p99", quantileAppMs(0.99)},
                   {"max", quantileAppMs(1.0)}};
    j["total_ms_mean"] = total_.empty() ? 0.0
                                        : std::accumulate(total_.begin(), total_.end(), 0.0) /
                                              static_cast<double>(total_.size());
    std::ofstream out(path);
    if (!out) throw Error("cannot write " + path);
    out << j.dump(2) << '\n';
}

}  // namespace palpa::app
