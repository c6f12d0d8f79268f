// Role: app-side frame times of a headset session (the frame's wall time minus the time spent
// waiting on the runtime and the GPU), summarised for `palpa xr --stats`.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace palpa::app {

class FrameStats {
  public:
    // One frame: app-side milliseconds, whole frame milliseconds, whether it was drawn.
    void add(double app_ms, double total_ms, bool drawn);
    std::size_t frames() const { return app_.size(); }
    // Mean of the app-side times (0 with no frames).
    double meanAppMs() const;
    // The q-quantile (0..1) of the app-side times.
    double quantileAppMs(double q) const;
    // A few lines for the terminal.
    std::string summary(std::size_t triangles, unsigned width, unsigned height) const;
    // {"frames":..,"app_ms":{"mean","p50","p95","p99","max"},"total_ms_mean":..}
    void writeJson(const std::string& path) const;

  private:
    std::vector<double> app_, total_;
    std::size_t drawn_ = 0;
};

}  // namespace palpa::app
