// The session's hands behind engine/input's HandSource interface.
#include "xr/session.hpp"

namespace palpa::xr {

namespace {

class OpenXrHands final : public input::HandSource {
  public:
    explicit OpenXrHands(Session& session) : session_(session) {}
    std::string_view name() const override {
        return session_.handTracking() ? "openxr hands" : "openxr controllers";
    }
    bool available() const override { return session_.currentFrame().has_value(); }
    std::optional<input::HandFrame> poll(double) override {
        const auto& frame = session_.currentFrame();
        if (!frame || frame->display_time == last_) return std::nullopt;
        last_ = frame->display_time;
        return session_.locateHands(*frame);
    }

  private:
    Session& session_;
    std::int64_t last_ = -1;
};

}  // namespace

std::unique_ptr<input::HandSource> makeHandSource(Session& session) {
    return std::make_unique<OpenXrHands>(session);
}

}  // namespace palpa::xr
