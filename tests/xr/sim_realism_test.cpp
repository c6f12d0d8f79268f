// The simulated OpenXR runtime behaving like real ones by default, and each opt-out, through
// the real Khronos loader with raw OpenXR calls: states that arrive over polls and frames,
// display times tied to the waited frame, swapchain waits that time out, inferred and
// untracked hand joints, a swaying head, a lost headset that stays gone for a while, instance
// loss and a STAGE recentre.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "xr/sim_fixture.hpp"

namespace palpa::simtest {
namespace {

constexpr XrDuration kOneMillisecond = 1'000'000;
constexpr XrTime kSecond = 1'000'000'000;

XrSystemGetInfo headMounted() {
    XrSystemGetInfo si{XR_TYPE_SYSTEM_GET_INFO};
    si.formFactor = XR_FORM_FACTOR_HEAD_MOUNTED_DISPLAY;
    return si;
}

XrSpaceLocation locate(XrSpace space, XrSpace base, XrTime time) {
    XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
    EXPECT_EQ(xrLocateSpace(space, base, time, &at), XR_SUCCESS);
    return at;
}

TEST_F(sim_runtime, StatesAdvanceOverPollsAndFrames) {
    ASSERT_NO_FATAL_FAILURE(start());
    XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
    bi.primaryViewConfigurationType = kStereo;
    XR_IS(XR_ERROR_SESSION_NOT_READY, xrBeginSession(session_, &bi));
    XrEventDataBuffer e{XR_TYPE_EVENT_DATA_BUFFER};
    XR_OK(xrPollEvent(instance_, &e));
    ASSERT_EQ(e.type, XR_TYPE_EVENT_DATA_SESSION_STATE_CHANGED);
    EXPECT_EQ(reinterpret_cast<const XrEventDataSessionStateChanged&>(e).state, XR_SESSION_STATE_IDLE);
    XR_IS(XR_ERROR_SESSION_NOT_READY, xrBeginSession(session_, &bi)) << "READY has not been queued";
    e = {XR_TYPE_EVENT_DATA_BUFFER};
    XR_IS(XR_EVENT_UNAVAILABLE, xrPollEvent(instance_, &e)) << "the second poll queues READY after answering";
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_READY}));
    begin();

    std::vector<std::vector<XrSessionState>> byFrame;
    for (int frame = 0; frame < 5; ++frame) {
        const XrFrameState f = waitAndBegin();
        EXPECT_EQ(f.shouldRender == XR_TRUE, frame >= 1) << "rendering from VISIBLE on, frame " << frame;
        XR_OK(endFrame(f.predictedDisplayTime));
        byFrame.push_back(states());
    }
    EXPECT_EQ(byFrame[0], (std::vector{XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE}));
    EXPECT_TRUE(byFrame[1].empty());
    EXPECT_EQ(byFrame[2], (std::vector{XR_SESSION_STATE_FOCUSED})) << "focused two frames after VISIBLE";
    EXPECT_TRUE(byFrame[3].empty());
    EXPECT_TRUE(byFrame[4].empty());
}

TEST_F(sim_runtime, InstantStatesComeAllAtOnce) {
    env("PALPA_SIM_INSTANT_STATES", "1");
    ASSERT_NO_FATAL_FAILURE(start());
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
    begin();
    XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_EQ(states(),
              (std::vector{XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));
}

TEST_F(sim_runtime, AFrameEndsAtTheTimeItsWaitPredicted) {
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    const XrFrameState f = waitAndBegin();
    XR_IS(XR_ERROR_TIME_INVALID, endFrame(f.predictedDisplayTime + 1));
    XR_IS(XR_ERROR_TIME_INVALID, endFrame(f.predictedDisplayTime - f.predictedDisplayPeriod)) << "the last frame's";
    XR_IS(XR_ERROR_TIME_INVALID, endFrame(0));
    XR_OK(endFrame(f.predictedDisplayTime));
}

TEST_F(sim_runtime, AnyDisplayTimeTakesEveryPositiveTime) {
    env("PALPA_SIM_ANY_DISPLAY_TIME", "1");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    const XrFrameState f = waitAndBegin();
    XR_IS(XR_ERROR_TIME_INVALID, endFrame(0));
    XR_OK(endFrame(f.predictedDisplayTime + 12345));
    waitAndBegin();
    XR_OK(endFrame(1));
}

TEST_F(sim_runtime, SwapchainWaitsTimeOutOnTheHiccupFrame) {
    env("PALPA_SIM_LOG", "1");
    testing::internal::CaptureStderr();
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    const XrSwapchain sc = swapchain(VK_FORMAT_R8G8B8A8_SRGB, 64, 48, 2);
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const Projection layer(stage, sc, {{0, 0}, {64, 48}});
    XrSwapchainImageWaitInfo quick{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    quick.timeout = kOneMillisecond;
    XrSwapchainImageWaitInfo forever{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    forever.timeout = XR_INFINITE_DURATION;
    std::uint32_t index = 0;
    for (auto frame = focus_frames_.size(); frame <= 46; ++frame) {
        const XrFrameState f = waitAndBegin();
        XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
        if (frame == 45) {  // the default hiccup, half a second in at 90 fps
            XR_IS(XR_TIMEOUT_EXPIRED, xrWaitSwapchainImage(sc, &quick));
            XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrReleaseSwapchainImage(sc, nullptr)) << "still not waited";
            XR_IS(XR_TIMEOUT_EXPIRED, xrWaitSwapchainImage(sc, &quick));
            XR_OK(xrWaitSwapchainImage(sc, &quick));
            XR_OK(xrReleaseSwapchainImage(sc, nullptr));
            // Another image on the same frame: an infinite wait "blocks" until it is ready.
            XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
            XR_OK(xrWaitSwapchainImage(sc, &forever));
        } else {
            XR_OK(xrWaitSwapchainImage(sc, &quick)) << "frame " << frame;
        }
        XR_OK(xrReleaseSwapchainImage(sc, nullptr));
        XR_OK(endFrame(f.predictedDisplayTime, layer.header()));
    }
    XR_OK(xrDestroySession(session_));  // logs the blocked waits
    session_ = XR_NULL_HANDLE;
    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_NE(log.find("frame 45: xrWaitSwapchainImage on image"), std::string::npos) << log;
    EXPECT_NE(log.find("timed out (PALPA_SIM_WAIT_TIMEOUT_AT)"), std::string::npos) << log;
    EXPECT_NE(log.find("blocked until the image was ready"), std::string::npos) << log;
    EXPECT_NE(log.find("blocked swapchain waits: 1"), std::string::npos) << log;
}

TEST_F(sim_runtime, SwapchainWaitTimeoutsCanBeTurnedOff) {
    env("PALPA_SIM_WAIT_TIMEOUT_AT", "none");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    const XrSwapchain sc = swapchain(VK_FORMAT_R8G8B8A8_SRGB, 64, 48, 2);
    XrSwapchainImageWaitInfo quick{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    quick.timeout = kOneMillisecond;
    std::uint32_t index = 0;
    for (auto frame = focus_frames_.size(); frame <= 46; ++frame) {
        const XrFrameState f = waitAndBegin();
        XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
        XR_OK(xrWaitSwapchainImage(sc, &quick)) << "frame " << frame;
        XR_OK(xrReleaseSwapchainImage(sc, nullptr));
        XR_OK(endFrame(f.predictedDisplayTime));
    }
}

// One hand's 26 joints located in a space at a time.
struct HandJoints {
    XrResult locate(PFN_xrLocateHandJointsEXT fn, XrHandTrackerEXT tracker, XrSpace base, XrTime time) {
        XrHandJointsLocateInfoEXT li{XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT};
        li.baseSpace = base;
        li.time = time;
        locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
        locations.jointLocations = joints.data();
        return fn(tracker, &li, &locations);
    }
    XrSpaceLocationFlags flags(int joint) const { return joints[static_cast<std::size_t>(joint)].locationFlags; }
    std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
    XrHandJointLocationsEXT locations{XR_TYPE_HAND_JOINT_LOCATIONS_EXT};
};

class sim_runtime_hands : public SimRuntime {
protected:
    // A session with both hands' trackers, focused, the recording started at T0.
    void startWithHands(const std::string& recording = kGoodLeft) {
        env("PALPA_SIM_HANDS", recording);
        env("PALPA_SIM_FPS", "30");
        ASSERT_NO_FATAL_FAILURE(start());
        locate_ = fn<PFN_xrLocateHandJointsEXT>("xrLocateHandJointsEXT");
        const auto create = fn<PFN_xrCreateHandTrackerEXT>("xrCreateHandTrackerEXT");
        for (int h = 0; h < 2; ++h) {
            XrHandTrackerCreateInfoEXT ci{XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT};
            ci.hand = h == 0 ? XR_HAND_LEFT_EXT : XR_HAND_RIGHT_EXT;
            ci.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
            XR_OK(create(session_, &ci, &trackers_[h]));
        }
        stage_ = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
        ASSERT_NO_FATAL_FAILURE(runToFocused());
    }
    HandJoints hand(int h, XrTime time) {
        HandJoints out;
        EXPECT_EQ(out.locate(locate_, trackers_[h], stage_, time), XR_SUCCESS);
        EXPECT_EQ(out.locations.isActive, XR_TRUE) << "hand " << h;
        return out;
    }
    PFN_xrLocateHandJointsEXT locate_ = nullptr;
    std::array<XrHandTrackerEXT, 2> trackers_{};
    XrSpace stage_ = XR_NULL_HANDLE;
};

// Nine seconds in, both thumbs of the recording are pressed in under the palms.
constexpr double kThumbsUnder = 9.0;

TEST_F(sim_runtime_hands, AThumbTipUnderThePalmIsInferredAndTheRightHandCanGoUntracked) {
    env("PALPA_SIM_UNTRACKED_AT", "5");
    ASSERT_NO_FATAL_FAILURE(startWithHands());
    const scoring::Recording rec = scoring::readRecording(kGoodLeft);
    const scoring::HandPose* left = recorded(rec, 0, kThumbsUnder);
    ASSERT_NE(left, nullptr);
    ASSERT_LT((*left)[XR_HAND_JOINT_THUMB_TIP_EXT].position.y, (*left)[XR_HAND_JOINT_PALM_EXT].position.y - 0.01f)
        << "the recording's left thumb tip should be more than 1 cm under the palm";
    const HandJoints under = hand(0, kT0 + static_cast<XrTime>(kThumbsUnder * 1e9));
    EXPECT_EQ(under.flags(XR_HAND_JOINT_THUMB_TIP_EXT), kValid) << "located, not tracked";
    EXPECT_EQ(under.flags(XR_HAND_JOINT_WRIST_EXT), kLocated);
    EXPECT_EQ(under.flags(XR_HAND_JOINT_INDEX_TIP_EXT), kLocated);

    const auto first = static_cast<std::int64_t>(focus_frames_.size());
    ASSERT_LE(first, 5);
    for (std::int64_t frame = first; frame <= 6; ++frame) {
        const XrFrameState f = waitAndBegin();
        const HandJoints right = hand(1, f.predictedDisplayTime);
        const HandJoints leftNow = hand(0, f.predictedDisplayTime);
        for (int j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j) {
            if (j == XR_HAND_JOINT_THUMB_TIP_EXT) continue;
            EXPECT_EQ(right.flags(j), frame == 5 ? 0u : kLocated) << "frame " << frame << ", joint " << j;
            EXPECT_EQ(leftNow.flags(j), kLocated) << "frame " << frame << ", joint " << j;
        }
        XR_OK(endFrame(f.predictedDisplayTime));
    }
}

TEST_F(sim_runtime_hands, AJointTheRecordingMarksInferredIsInferred) {
    // good-left's first frame, its left index tip marked as only inferred.
    std::ifstream in(kGoodLeft);
    std::string header, frame;
    ASSERT_TRUE(std::getline(in, header) && std::getline(in, frame));
    const std::string left = "\"left\": {\"joints\"";
    const auto at = frame.find(left);
    ASSERT_NE(at, std::string::npos) << frame.substr(0, 80);
    frame.replace(at, left.size(), "\"left\": {\"inferred\": [10], \"joints\"");
    const fs::path file = fs::temp_directory_path() / "palpa_sim_runtime_inferred.jsonl";
    std::ofstream(file) << header << "\n" << frame << "\n";
    ASSERT_NO_FATAL_FAILURE(startWithHands(file.string()));
    const HandJoints joints = hand(0, focus_frames_.back());
    EXPECT_EQ(joints.flags(XR_HAND_JOINT_INDEX_TIP_EXT), kValid);
    EXPECT_EQ(joints.flags(XR_HAND_JOINT_INDEX_DISTAL_EXT), kLocated);
    EXPECT_EQ(hand(1, focus_frames_.back()).flags(XR_HAND_JOINT_INDEX_TIP_EXT), kLocated)
        << "the right hand is not marked";
    fs::remove(file);
}

TEST_F(sim_runtime_hands, AllTrackedTracksEveryJoint) {
    env("PALPA_SIM_ALL_TRACKED", "1");
    ASSERT_NO_FATAL_FAILURE(startWithHands());
    for (int h = 0; h < 2; ++h) {
        const HandJoints joints = hand(h, kT0 + static_cast<XrTime>(kThumbsUnder * 1e9));
        for (int j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j) EXPECT_EQ(joints.flags(j), kLocated) << h << "/" << j;
    }
}

TEST_F(sim_runtime, TheHeadSwaysAndLocalStaysWhereItStarted) {
    ASSERT_NO_FATAL_FAILURE(start());
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    const XrTime one = kT0 + kSecond, two = kT0 + 2 * kSecond;
    const XrSpaceLocation a = locate(view, stage, one), b = locate(view, stage, two);
    EXPECT_EQ(a.locationFlags, kLocated);
    EXPECT_GT(glm::length(vec(a.pose.position) - vec(b.pose.position)), 0.001f);
    EXPECT_LT(std::abs(glm::dot(quat(a.pose.orientation), quat(b.pose.orientation))), 0.999999f);

    // One second in: the documented sway around the default head, still facing the patient.
    const double turn = 2.0 * 3.14159265358979323846;
    const glm::vec3 swayed(static_cast<float>(0.015 * std::sin(turn / 4.0)),
                           static_cast<float>(1.5 + 0.008 * std::sin(turn / 5.3)),
                           static_cast<float>(0.05 + 0.01 * std::sin(turn / 6.1)));
    EXPECT_NEAR(glm::length(vec(a.pose.position) - swayed), 0.0f, 1e-5f);
    const glm::vec3 ahead = glm::normalize(glm::vec3(0.0f, 0.92f - 1.5f, -0.45f - 0.05f));
    const float yaw = glm::radians(3.0f) * static_cast<float>(std::sin(turn / 7.0));
    const glm::vec3 forward = quat(a.pose.orientation) * glm::vec3(0, 0, -1);
    EXPECT_NEAR(glm::dot(forward, glm::angleAxis(yaw, glm::vec3(0, 1, 0)) * ahead), 1.0f, 1e-5f);
    EXPECT_GT(glm::dot(forward, ahead), std::cos(glm::radians(4.0f)));

    // The eyes follow the head at the asked time.
    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = kStereo;
    li.space = stage;
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> eyes{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    std::uint32_t n = 0;
    for (const auto& [time, head] : {std::pair{one, a}, std::pair{two, b}}) {
        li.displayTime = time;
        XR_OK(xrLocateViews(session_, &li, &vs, 2, &n, eyes.data()));
        const glm::vec3 right = quat(head.pose.orientation) * glm::vec3(0.032f, 0, 0);
        EXPECT_NEAR(glm::length(vec(eyes[1].pose.position) - (vec(head.pose.position) + right)), 0.0f, 1e-5f);
        EXPECT_NEAR(glm::length(vec(eyes[0].pose.position) - (vec(head.pose.position) - right)), 0.0f, 1e-5f);
    }

    for (XrTime t : {one, two}) {
        const XrSpaceLocation l = locate(local, stage, t);
        EXPECT_NEAR(glm::length(vec(l.pose.position) - glm::vec3(0.0f, 1.5f, 0.05f)), 0.0f, 1e-5f);
        EXPECT_NEAR(std::abs(l.pose.orientation.w), 1.0f, 1e-5f);
    }
}

TEST_F(sim_runtime, AStillHeadKeepsItsPose) {
    env("PALPA_SIM_HEAD_STILL", "1");
    ASSERT_NO_FATAL_FAILURE(start());
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    const XrSpaceLocation a = locate(view, stage, kT0 + kSecond), b = locate(view, stage, kT0 + 2 * kSecond);
    EXPECT_NEAR(glm::length(vec(a.pose.position) - glm::vec3(0.0f, 1.5f, 0.05f)), 0.0f, 1e-6f);
    EXPECT_NEAR(glm::length(vec(a.pose.position) - vec(b.pose.position)), 0.0f, 1e-6f);
    EXPECT_NEAR(std::abs(glm::dot(quat(a.pose.orientation), quat(b.pose.orientation))), 1.0f, 1e-6f);
}

TEST_F(sim_runtime, ALostHeadsetStaysGoneForAFewCalls) {
    env("PALPA_SIM_LOSE_AT", "5");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    for (auto frame = focus_frames_.size(); frame < 5; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_OK(xrWaitFrame(session_, nullptr, &fs));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_LOSS_PENDING}));
    XR_OK(xrDestroySession(session_));
    session_ = XR_NULL_HANDLE;
    const XrSystemGetInfo si = headMounted();
    XrSystemId id = XR_NULL_SYSTEM_ID;
    for (int call = 0; call < 3; ++call)
        XR_IS(XR_ERROR_FORM_FACTOR_UNAVAILABLE, xrGetSystem(instance_, &si, &id)) << "call " << call;
    XR_OK(xrGetSystem(instance_, &si, &id));
    EXPECT_EQ(id, system_);
    XR_OK(trySession());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
}

TEST_F(sim_runtime, GoneForZeroBringsALostHeadsetBackAtOnce) {
    env("PALPA_SIM_LOSE_AT", "3");
    env("PALPA_SIM_GONE_FOR", "0");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_OK(xrWaitFrame(session_, nullptr, &fs));
    ASSERT_EQ(fs.predictedDisplayTime, frameTime(3, 90.0));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_LOSS_PENDING}));
    XR_OK(xrDestroySession(session_));
    session_ = XR_NULL_HANDLE;
    const XrSystemGetInfo si = headMounted();
    XrSystemId id = XR_NULL_SYSTEM_ID;
    XR_OK(xrGetSystem(instance_, &si, &id));
}

TEST_F(sim_runtime, AnInstanceLossLeavesOnlyPollingAndDestroying) {
    env("PALPA_SIM_INSTANCE_LOSS_AT", "5");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    for (auto frame = focus_frames_.size(); frame < 5; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty());
    const XrFrameState f = waitAndBegin();
    ASSERT_EQ(f.predictedDisplayTime, frameTime(5, 90.0));
    const XrSystemGetInfo si = headMounted();
    XrSystemId id = XR_NULL_SYSTEM_ID;
    XR_OK(xrGetSystem(instance_, &si, &id)) << "not lost before the app has heard of it";

    XrEventDataBuffer e{XR_TYPE_EVENT_DATA_BUFFER};
    XR_OK(xrPollEvent(instance_, &e));
    ASSERT_EQ(e.type, XR_TYPE_EVENT_DATA_INSTANCE_LOSS_PENDING);
    EXPECT_EQ(reinterpret_cast<const XrEventDataInstanceLossPending&>(e).lossTime, f.predictedDisplayTime + kSecond);
    XR_IS(XR_ERROR_INSTANCE_LOST, xrGetSystem(instance_, &si, &id));
    XR_IS(XR_ERROR_INSTANCE_LOST, endFrame(f.predictedDisplayTime));
    XrInstanceProperties ip{XR_TYPE_INSTANCE_PROPERTIES};
    XR_IS(XR_ERROR_INSTANCE_LOST, xrGetInstanceProperties(instance_, &ip));
    XrPath path = XR_NULL_PATH;
    XR_IS(XR_ERROR_INSTANCE_LOST, xrStringToPath(instance_, "/user/hand/left", &path));
    std::uint32_t n = 0;
    XR_IS(XR_ERROR_INSTANCE_LOST, xrEnumerateReferenceSpaces(session_, 0, &n, nullptr));
    e = {XR_TYPE_EVENT_DATA_BUFFER};
    XR_IS(XR_EVENT_UNAVAILABLE, xrPollEvent(instance_, &e)) << "polling still works";
    XR_OK(xrDestroySession(session_));
    session_ = XR_NULL_HANDLE;
    XR_OK(xrDestroyInstance(instance_));
    instance_ = XR_NULL_HANDLE;
}

TEST_F(sim_runtime, AnInstanceLossNobodyPolledComesAtItsLossTime) {
    env("PALPA_SIM_FPS", "10");
    env("PALPA_SIM_INSTANCE_LOSS_AT", "4");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    // Frame 4 queues the loss for frame 14's time; nothing is polled from then on.
    for (auto frame = focus_frames_.size(); frame <= 13; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_IS(XR_ERROR_INSTANCE_LOST, xrWaitFrame(session_, nullptr, &fs));
    const XrSystemGetInfo si = headMounted();
    XrSystemId id = XR_NULL_SYSTEM_ID;
    XR_IS(XR_ERROR_INSTANCE_LOST, xrGetSystem(instance_, &si, &id));
}

TEST_F(sim_runtime, ARecentreMovesStageAndNothingElse) {
    env("PALPA_SIM_RECENTRE_AT", "5");
    ASSERT_NO_FATAL_FAILURE(start());
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    for (auto frame = focus_frames_.size(); frame < 5; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    const XrTime earlier = frameTime(4, 90.0), later = frameTime(20, 90.0);
    const XrSpaceLocation viewEarlier = locate(view, stage, earlier);
    const XrSpaceLocation viewBefore = locate(view, stage, later), localBefore = locate(local, stage, later);

    const XrFrameState f = waitAndBegin();
    XrEventDataBuffer e{XR_TYPE_EVENT_DATA_BUFFER};
    XR_OK(xrPollEvent(instance_, &e));
    ASSERT_EQ(e.type, XR_TYPE_EVENT_DATA_REFERENCE_SPACE_CHANGE_PENDING);
    const auto& change = reinterpret_cast<const XrEventDataReferenceSpaceChangePending&>(e);
    EXPECT_EQ(change.session, session_);
    EXPECT_EQ(change.referenceSpaceType, XR_REFERENCE_SPACE_TYPE_STAGE);
    EXPECT_EQ(change.changeTime, frameTime(5, 90.0));
    EXPECT_EQ(change.changeTime, f.predictedDisplayTime);
    EXPECT_EQ(change.poseValid, XR_TRUE);
    const glm::quat turn = glm::angleAxis(glm::radians(10.0f), glm::vec3(0, 1, 0));
    const glm::vec3 shift(0.05f, 0.0f, 0.0f);
    EXPECT_NEAR(glm::length(vec(change.poseInPreviousSpace.position) - shift), 0.0f, 1e-6f);
    EXPECT_NEAR(std::abs(glm::dot(quat(change.poseInPreviousSpace.orientation), turn)), 1.0f, 1e-6f);

    // The head and LOCAL keep their place in the world: in the new STAGE, a pose p of the old
    // one reads turn^-1 (p - shift).
    for (const auto& [space, before] : {std::pair{view, viewBefore}, std::pair{local, localBefore}}) {
        const XrSpaceLocation after = locate(space, stage, later);
        const glm::vec3 moved = glm::conjugate(turn) * (vec(before.pose.position) - shift);
        EXPECT_NEAR(glm::length(vec(after.pose.position) - moved), 0.0f, 1e-5f);
        const glm::quat turned = glm::conjugate(turn) * quat(before.pose.orientation);
        EXPECT_NEAR(std::abs(glm::dot(quat(after.pose.orientation), turned)), 1.0f, 1e-5f);
    }
    const XrSpaceLocation again = locate(view, stage, earlier);
    EXPECT_NEAR(glm::length(vec(again.pose.position) - vec(viewEarlier.pose.position)), 0.0f, 1e-6f)
        << "before its change time STAGE is where it was";
    XR_OK(endFrame(f.predictedDisplayTime));
}

TEST_F(sim_runtime, BadRealismSettingsFailTheInstanceWithOneLine) {
    const std::pair<const char*, const char*> bad[] = {{"PALPA_SIM_GONE_FOR", "-1"},
                                                       {"PALPA_SIM_WAIT_TIMEOUT_AT", "none,45"},
                                                       {"PALPA_SIM_WAIT_TIMEOUT_AT", "soon"},
                                                       {"PALPA_SIM_HEAD_STILL", "yes"},
                                                       {"PALPA_SIM_UNTRACKED_AT", "4,x"},
                                                       {"PALPA_SIM_RECENTRE_AT", "-2"}};
    for (const auto& [name, value] : bad) {
        env(name, value);
        testing::internal::CaptureStderr();
        const XrResult r = tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME});
        const std::string err = testing::internal::GetCapturedStderr();
        instance_ = XR_NULL_HANDLE;
        EXPECT_EQ(r, XR_ERROR_INITIALIZATION_FAILED) << name << "=" << value;
        EXPECT_EQ(xrsimLines(err), 1) << err;
        EXPECT_NE(err.find(name), std::string::npos) << err;
        unsetenv(name);
    }
}

}  // namespace
}  // namespace palpa::simtest
