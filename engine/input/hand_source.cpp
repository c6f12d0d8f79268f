#include "input/hand_source.hpp"

#include <algorithm>

namespace palpa::input {

void HandSources::add(Priority priority, std::unique_ptr<HandSource> source) {
    const auto at = std::find_if(entries_.begin(), entries_.end(), [&](const Entry& e) { return e.priority > priority; });
    entries_.insert(at, Entry{priority, std::move(source)});
}

HandSource* HandSources::active() {
    for (Entry& e : entries_)
        if (e.source->available()) return e.source.get();
    return nullptr;
}

std::vector<HandSource*> HandSources::all() {
    std::vector<HandSource*> out;
    for (Entry& e : entries_) out.push_back(e.source.get());
    return out;
}

namespace {

class ReplaySource final : public HandSource {
public:
    ReplaySource(std::vector<HandFrame> frames, double speed) : frames_(std::move(frames)), speed_(speed > 0 ? speed : 1.0) {}
    std::string_view name() const override { return "replay"; }
    bool available() const override { return !frames_.empty() && !finished(); }
    bool finished() const override { return next_ >= frames_.size(); }
    std::optional<HandFrame> poll(double now) override {
        if (finished()) return std::nullopt;
        // The recording's clock starts at its first frame.
        const double t = frames_.front().t + now * speed_;
        if (frames_[next_].t > t) return std::nullopt;
        return frames_[next_++];
    }

private:
    std::vector<HandFrame> frames_;
    double speed_;
    std::size_t next_ = 0;
};

}  // namespace

std::unique_ptr<HandSource> makeReplaySource(std::vector<HandFrame> frames, double speed) {
    return std::make_unique<ReplaySource>(std::move(frames), speed);
}

}  // namespace palpa::input
