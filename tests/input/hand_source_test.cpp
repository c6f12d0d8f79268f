#include <gtest/gtest.h>

#include "input/hand_source.hpp"

namespace palpa::input {
namespace {

std::vector<HandFrame> frames(std::initializer_list<double> times) {
    std::vector<HandFrame> out;
    for (double t : times) {
        HandFrame f;
        f.t = t;
        f.hands[0] = HandPose{};
        (*f.hands[0])[5].position.x = static_cast<float>(t);
        out.push_back(f);
    }
    return out;
}

TEST(Replay, DeliversEveryFrameInOrderAgainstTheCallersClock) {
    auto replay = makeReplaySource(frames({10.0, 10.5, 11.0, 12.0}), 2.0);  // twice as fast
    EXPECT_TRUE(replay->available());
    ASSERT_TRUE(replay->poll(0.0).has_value());  // the first frame at once
    EXPECT_FALSE(replay->poll(0.1).has_value()) << "10.5 s is 0.25 s away at double speed";
    // A late poll still yields each due frame, one at a time, in order.
    std::vector<double> seen;
    while (auto f = replay->poll(0.9)) seen.push_back(f->t);
    EXPECT_EQ(seen, (std::vector<double>{10.5, 11.0}));
    EXPECT_FALSE(replay->finished());
    const auto last = replay->poll(1.0);
    ASSERT_TRUE(last.has_value());
    EXPECT_FLOAT_EQ((*last->hands[0])[5].position.x, 12.0f);
    EXPECT_TRUE(replay->finished());
    EXPECT_FALSE(replay->available());
}

class Fixed final : public HandSource {
public:
    Fixed(std::string name, bool on) : on_(on), name_(std::move(name)) {}
    std::string_view name() const override { return name_; }
    bool available() const override { return on_; }
    std::optional<HandFrame> poll(double) override { return std::nullopt; }
    bool on_;

private:
    std::string name_;
};

TEST(HandSources, TheFirstAvailableSourceByPriorityWins) {
    HandSources table;
    auto simulator = std::make_unique<Fixed>("simulator", true);
    auto openxr = std::make_unique<Fixed>("openxr", false);
    Fixed* xr = openxr.get();
    table.add(Priority::Simulator, std::move(simulator));
    table.add(Priority::Articulated, std::move(openxr));
    ASSERT_NE(table.active(), nullptr);
    EXPECT_EQ(table.active()->name(), "simulator");
    xr->on_ = true;  // the headset's hands come into view
    EXPECT_EQ(table.active()->name(), "openxr");
    table.add(Priority::Override, makeReplaySource(frames({0.0, 1.0})));
    EXPECT_EQ(table.active()->name(), "replay");
    EXPECT_EQ(table.all().size(), 3u);
    EXPECT_EQ(table.all().back()->name(), "simulator");
}

}  // namespace
}  // namespace palpa::input
