// The simulated OpenXR runtime through the real Khronos loader, raw OpenXR calls: what it
// offers, the Vulkan device made through it, the session state machine with its scripted stop
// and loss, the spaces and the swapchain's order rules.
#include <gtest/gtest.h>

#include "xr/sim_fixture.hpp"

namespace palpa::simtest {
namespace {
TEST_F(sim_runtime, OffersVulkanAndHandTrackingAndDescribesItsHeadset) {
    env("PALPA_SIM_VIEW", "320x240");
    const auto names = extensionNames();
    EXPECT_TRUE(has(names, XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME));
    EXPECT_TRUE(has(names, XR_EXT_HAND_TRACKING_EXTENSION_NAME));
    ASSERT_NO_FATAL_FAILURE(createInstance());

    XrInstanceProperties ip{XR_TYPE_INSTANCE_PROPERTIES};
    XR_OK(xrGetInstanceProperties(instance_, &ip));
    EXPECT_STREQ(ip.runtimeName, "palpa simulated runtime");
    char text[XR_MAX_RESULT_STRING_SIZE];
    XR_OK(xrResultToString(instance_, XR_ERROR_SESSION_LOST, text));
    EXPECT_STREQ(text, "XR_ERROR_SESSION_LOST");
    char type[XR_MAX_STRUCTURE_NAME_SIZE];
    XR_OK(xrStructureTypeToString(instance_, XR_TYPE_FRAME_STATE, type));
    EXPECT_STREQ(type, "XR_TYPE_FRAME_STATE");
    PFN_xrVoidFunction f = nullptr;
    XR_IS(XR_ERROR_FUNCTION_UNSUPPORTED, xrGetInstanceProcAddr(instance_, "xrCreateSpatialAnchorMSFT", &f));
    EXPECT_EQ(f, nullptr);

    XrSystemGetInfo handheld{XR_TYPE_SYSTEM_GET_INFO};
    handheld.formFactor = XR_FORM_FACTOR_HANDHELD_DISPLAY;
    XrSystemId other = XR_NULL_SYSTEM_ID;
    XR_IS(XR_ERROR_FORM_FACTOR_UNSUPPORTED, xrGetSystem(instance_, &handheld, &other));
    XrSystemHandTrackingPropertiesEXT hand{XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT};
    XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES, &hand};
    XR_OK(xrGetSystemProperties(instance_, system_, &sp));
    EXPECT_EQ(hand.supportsHandTracking, XR_TRUE);
    EXPECT_EQ(sp.graphicsProperties.maxSwapchainImageWidth, 4096u);
    EXPECT_EQ(sp.trackingProperties.positionTracking, XR_TRUE);

    std::uint32_t n = 0;
    XrViewConfigurationType configs[4];
    XR_OK(xrEnumerateViewConfigurations(instance_, system_, 4, &n, configs));
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(configs[0], kStereo);
    XR_OK(xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 0, &n, nullptr));
    ASSERT_EQ(n, 2u);
    std::vector<XrViewConfigurationView> views(2, {XR_TYPE_VIEW_CONFIGURATION_VIEW});
    XR_IS(XR_ERROR_SIZE_INSUFFICIENT,
          xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 1, &n, views.data()));
    XR_OK(xrEnumerateViewConfigurationViews(instance_, system_, kStereo, 2, &n, views.data()));
    for (const auto& v : views) {
        EXPECT_EQ(v.recommendedImageRectWidth, 320u);
        EXPECT_EQ(v.recommendedImageRectHeight, 240u);
        EXPECT_EQ(v.maxImageRectWidth, 4096u);
        EXPECT_EQ(v.recommendedSwapchainSampleCount, 1u);
        EXPECT_EQ(v.maxSwapchainSampleCount, 4u);
    }
    XR_IS(
        XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED,
        xrEnumerateViewConfigurationViews(instance_, system_, XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO, 0, &n, nullptr));
    XrEnvironmentBlendMode modes[4];
    XR_OK(xrEnumerateEnvironmentBlendModes(instance_, system_, kStereo, 4, &n, modes));
    ASSERT_EQ(n, 1u);
    EXPECT_EQ(modes[0], XR_ENVIRONMENT_BLEND_MODE_OPAQUE);

    XrPath left = XR_NULL_PATH, again = XR_NULL_PATH;
    XR_OK(xrStringToPath(instance_, "/user/hand/left", &left));
    XR_OK(xrStringToPath(instance_, "/user/hand/left", &again));
    EXPECT_EQ(left, again);
    char buffer[64];
    XR_OK(xrPathToString(instance_, left, sizeof buffer, &n, buffer));
    EXPECT_STREQ(buffer, "/user/hand/left");
    EXPECT_EQ(n, 16u);
    XR_IS(XR_ERROR_PATH_FORMAT_INVALID, xrStringToPath(instance_, "/user//hand", &again));
    XR_IS(XR_ERROR_PATH_FORMAT_INVALID, xrStringToPath(instance_, "/User/Hand", &again));
    XR_IS(XR_ERROR_PATH_INVALID, xrPathToString(instance_, 9999, sizeof buffer, &n, buffer));
}

TEST_F(sim_runtime, WithoutHandTrackingTheExtensionIsNotOffered) {
    env("PALPA_SIM_NO_HAND_TRACKING", "1");
    EXPECT_FALSE(has(extensionNames(), XR_EXT_HAND_TRACKING_EXTENSION_NAME));
    EXPECT_TRUE(has(extensionNames(), XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME));
    XR_IS(XR_ERROR_EXTENSION_NOT_PRESENT,
          tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME, XR_EXT_HAND_TRACKING_EXTENSION_NAME}));
    instance_ = XR_NULL_HANDLE;
    ASSERT_NO_FATAL_FAILURE(createInstance(false));
    XrSystemHandTrackingPropertiesEXT hand{XR_TYPE_SYSTEM_HAND_TRACKING_PROPERTIES_EXT};
    hand.supportsHandTracking = XR_TRUE;
    XrSystemProperties sp{XR_TYPE_SYSTEM_PROPERTIES, &hand};
    XR_OK(xrGetSystemProperties(instance_, system_, &sp));
    EXPECT_EQ(hand.supportsHandTracking, XR_FALSE);
    PFN_xrVoidFunction f = nullptr;
    EXPECT_TRUE(XR_FAILED(xrGetInstanceProcAddr(instance_, "xrCreateHandTrackerEXT", &f)));
    EXPECT_EQ(f, nullptr);
}

TEST_F(sim_runtime, BadConfigurationFailsTheInstanceWithOneLine) {
    env("PALPA_SIM_HANDS", std::string(PALPA_TEST_DATA) + "/recordings/nan.jsonl");
    testing::internal::CaptureStderr();
    const XrResult bad = tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME});
    std::string err = testing::internal::GetCapturedStderr();
    instance_ = XR_NULL_HANDLE;
    EXPECT_EQ(bad, XR_ERROR_INITIALIZATION_FAILED);
    EXPECT_EQ(xrsimLines(err), 1) << err;
    EXPECT_NE(err.find("nan.jsonl"), std::string::npos) << err;

    env("PALPA_SIM_HANDS", "");
    env("PALPA_SIM_FPS", "fast");
    testing::internal::CaptureStderr();
    EXPECT_EQ(tryInstance({XR_KHR_VULKAN_ENABLE2_EXTENSION_NAME}), XR_ERROR_INITIALIZATION_FAILED);
    err = testing::internal::GetCapturedStderr();
    instance_ = XR_NULL_HANDLE;
    EXPECT_EQ(xrsimLines(err), 1) << err;
    EXPECT_NE(err.find("PALPA_SIM_FPS"), std::string::npos) << err;
}

TEST_F(sim_runtime, MakesTheVulkanDeviceAndAsksForTheGraphicsRequirements) {
    ASSERT_NO_FATAL_FAILURE(createInstance());
    XR_IS(XR_ERROR_GRAPHICS_REQUIREMENTS_CALL_MISSING, trySession(false));
    ASSERT_NO_FATAL_FAILURE(createVulkan());
    XR_IS(XR_ERROR_GRAPHICS_DEVICE_INVALID, trySession(false));
    VkPhysicalDeviceProperties p;
    vkGetPhysicalDeviceProperties(physical_, &p);
    EXPECT_TRUE(p.deviceType == VK_PHYSICAL_DEVICE_TYPE_DISCRETE_GPU ||
                std::string(p.deviceName).find("llvmpipe") != std::string::npos)
        << p.deviceName;
    XR_OK(trySession());
    XrSession first = session_;
    XR_IS(XR_ERROR_LIMIT_REACHED, trySession());
    session_ = first;
    XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
    bi.primaryViewConfigurationType = kStereo;
    XR_IS(XR_ERROR_HANDLE_INVALID, xrBeginSession(reinterpret_cast<XrSession>(0x1234), &bi));
}

TEST_F(sim_runtime, SessionStatesFollowTheFramesOnASimulatedClock) {
    env("PALPA_SIM_FPS", "60");
    testing::internal::CaptureStderr();
    ASSERT_NO_FATAL_FAILURE(start());
    std::vector<XrTime> times;
    EXPECT_EQ(statesUntil(XR_SESSION_STATE_READY, &times),
              (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_READY}));
    EXPECT_EQ(times, (std::vector<XrTime>{kT0, kT0}));
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_IS(XR_ERROR_SESSION_NOT_RUNNING, xrWaitFrame(session_, nullptr, &fs));
    XR_IS(XR_ERROR_SESSION_NOT_RUNNING, xrEndSession(session_));
    XrSessionBeginInfo bi{XR_TYPE_SESSION_BEGIN_INFO};
    bi.primaryViewConfigurationType = XR_VIEW_CONFIGURATION_TYPE_PRIMARY_MONO;
    XR_IS(XR_ERROR_VIEW_CONFIGURATION_TYPE_UNSUPPORTED, xrBeginSession(session_, &bi));
    begin();
    bi.primaryViewConfigurationType = kStereo;
    XR_IS(XR_ERROR_SESSION_RUNNING, xrBeginSession(session_, &bi));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrBeginFrame(session_, nullptr));

    const XrFrameState f0 = waitAndBegin();
    EXPECT_EQ(f0.predictedDisplayTime, kT0);
    EXPECT_EQ(f0.predictedDisplayPeriod, 16666667);
    EXPECT_EQ(f0.shouldRender, XR_FALSE);
    times.clear();
    EXPECT_EQ(states(&times), (std::vector{XR_SESSION_STATE_SYNCHRONIZED}));
    EXPECT_EQ(times, (std::vector<XrTime>{kT0}));
    XR_IS(XR_ERROR_ENVIRONMENT_BLEND_MODE_UNSUPPORTED, endFrame(kT0, nullptr, XR_ENVIRONMENT_BLEND_MODE_ADDITIVE));
    XR_OK(endFrame(kT0));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, endFrame(kT0));
    // VISIBLE with frame 0's end, FOCUSED a couple of frames later; frames render in both.
    std::vector<XrSessionState> shown = states();
    for (int n = 1; n <= 3; ++n) {
        const XrFrameState f = waitAndBegin();
        EXPECT_EQ(f.predictedDisplayTime, frameTime(n, 60.0));
        EXPECT_EQ(f.shouldRender, XR_TRUE);
        XR_OK(endFrame(f.predictedDisplayTime));
        const std::vector<XrSessionState> more = states();
        shown.insert(shown.end(), more.begin(), more.end());
    }
    EXPECT_EQ(shown, (std::vector{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_FOCUSED}));

    // At T0 the head is at the default place, looking at the patient's navel on the default
    // table (it sways from then on: sim_realism_test.cpp).
    std::uint32_t n = 0;
    XrReferenceSpaceType types[4];
    XR_OK(xrEnumerateReferenceSpaces(session_, 4, &n, types));
    EXPECT_EQ(std::vector(types, types + n), (std::vector{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL,
                                                          XR_REFERENCE_SPACE_TYPE_STAGE}));
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    XrViewLocateInfo li{XR_TYPE_VIEW_LOCATE_INFO};
    li.viewConfigurationType = kStereo;
    li.displayTime = kT0;
    li.space = stage;
    XrViewState vs{XR_TYPE_VIEW_STATE};
    std::array<XrView, 2> eyes{{{XR_TYPE_VIEW}, {XR_TYPE_VIEW}}};
    XR_OK(xrLocateViews(session_, &li, &vs, 2, &n, eyes.data()));
    EXPECT_EQ(vs.viewStateFlags & 3u, 3u);
    const glm::vec3 forward = glm::normalize(glm::vec3(0.0f, 0.92f - 1.5f, -0.45f - 0.05f));
    for (int i = 0; i < 2; ++i) {
        EXPECT_NEAR(eyes[i].pose.position.x, i == 0 ? -0.032f : 0.032f, 1e-5f);
        EXPECT_NEAR(eyes[i].pose.position.y, 1.5f, 1e-5f);
        EXPECT_NEAR(eyes[i].pose.position.z, 0.05f, 1e-5f);
        EXPECT_NEAR(glm::dot(quat(eyes[i].pose.orientation) * glm::vec3(0, 0, -1), forward), 1.0f, 1e-5f);
        EXPECT_NEAR(eyes[i].fov.angleLeft, -0.785398f, 1e-5f);
        EXPECT_NEAR(eyes[i].fov.angleUp, 0.785398f, 1e-5f);
    }
    li.space = view;
    XR_OK(xrLocateViews(session_, &li, &vs, 2, &n, eyes.data()));
    EXPECT_NEAR(glm::length(vec(eyes[1].pose.position) - glm::vec3(0.032f, 0, 0)), 0.0f, 1e-5f);
    XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
    XR_OK(xrLocateSpace(local, stage, li.displayTime, &at));
    EXPECT_EQ(at.locationFlags, kLocated);
    EXPECT_NEAR(glm::length(vec(at.pose.position) - glm::vec3(0.0f, 1.5f, 0.05f)), 0.0f, 1e-5f);
    EXPECT_NEAR(std::abs(at.pose.orientation.w), 1.0f, 1e-5f) << "looking down -Z: no yaw";

    XR_OK(xrRequestExitSession(session_));
    EXPECT_EQ(states(),
              (std::vector{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}));
    XR_OK(xrEndSession(session_));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
    XR_IS(XR_ERROR_SESSION_NOT_RUNNING, xrWaitFrame(session_, nullptr, &fs));
    EXPECT_EQ(xrsimLines(testing::internal::GetCapturedStderr()), 0) << "quiet without PALPA_SIM_LOG";
}

TEST_F(sim_runtime, LocalIsTheHeadsStartWithYawOnlyAndStageCanBeAbsent) {
    env("PALPA_SIM_NO_STAGE", "1");
    env("PALPA_SIM_HEAD", "1,1.7,0");
    env("PALPA_SIM_TABLE", "0,0.9,-1,90");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    std::uint32_t n = 0;
    XrReferenceSpaceType types[4];
    XR_OK(xrEnumerateReferenceSpaces(session_, 4, &n, types));
    EXPECT_EQ(std::vector(types, types + n),
              (std::vector{XR_REFERENCE_SPACE_TYPE_VIEW, XR_REFERENCE_SPACE_TYPE_LOCAL}));
    XrReferenceSpaceCreateInfo ci{XR_TYPE_REFERENCE_SPACE_CREATE_INFO};
    ci.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_STAGE;
    ci.poseInReferenceSpace.orientation.w = 1.0f;
    XrSpace stage = XR_NULL_HANDLE;
    XR_IS(XR_ERROR_REFERENCE_SPACE_UNSUPPORTED, xrCreateReferenceSpace(session_, &ci, &stage));
    ci.referenceSpaceType = XR_REFERENCE_SPACE_TYPE_LOCAL;
    ci.poseInReferenceSpace.orientation.w = 2.0f;
    XR_IS(XR_ERROR_POSE_INVALID, xrCreateReferenceSpace(session_, &ci, &stage));

    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    const XrSpace view = referenceSpace(XR_REFERENCE_SPACE_TYPE_VIEW);
    XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
    XR_OK(xrLocateSpace(view, local, kT0, &at));
    EXPECT_NEAR(glm::length(vec(at.pose.position)), 0.0f, 1e-5f) << "LOCAL starts at the head";
    const glm::vec3 forward = quat(at.pose.orientation) * glm::vec3(0, 0, -1);
    const glm::vec3 expected = glm::normalize(glm::vec3(0.0f, -0.8f, -std::sqrt(2.0f)));
    EXPECT_NEAR(glm::dot(forward, expected), 1.0f, 1e-5f) << "in LOCAL the head only pitches";
}

TEST_F(sim_runtime, SwapchainImagesAreAcquiredWaitedAndReleasedInOrder) {
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    std::uint32_t n = 0;
    std::int64_t formats[8];
    XR_OK(xrEnumerateSwapchainFormats(session_, 8, &n, formats));
    EXPECT_EQ(std::vector(formats, formats + n),
              (std::vector<std::int64_t>{VK_FORMAT_R8G8B8A8_SRGB, VK_FORMAT_B8G8R8A8_SRGB, VK_FORMAT_R8G8B8A8_UNORM}));
    swapchain(VK_FORMAT_R8G8B8A8_UNORM, 64, 48, 3, XR_ERROR_FEATURE_UNSUPPORTED);
    swapchain(VK_FORMAT_R16G16B16A16_SFLOAT, 64, 48, 1, XR_ERROR_SWAPCHAIN_FORMAT_UNSUPPORTED);
    const XrSwapchain sc = swapchain(VK_FORMAT_R8G8B8A8_SRGB, 64, 48, 2);
    ASSERT_NE(sc, XR_NULL_HANDLE);
    const std::vector<VkImage> imgs = images(sc);
    ASSERT_EQ(imgs.size(), 3u);
    EXPECT_NE(imgs[0], imgs[1]);
    EXPECT_NE(imgs[1], imgs[2]);
    EXPECT_NE(imgs[0], VK_NULL_HANDLE);

    XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
    wi.timeout = XR_INFINITE_DURATION;
    std::uint32_t index = 99;
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrWaitSwapchainImage(sc, &wi));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrReleaseSwapchainImage(sc, nullptr));
    XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
    EXPECT_EQ(index, 0u);
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrReleaseSwapchainImage(sc, nullptr));
    XR_OK(xrWaitSwapchainImage(sc, &wi));
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, xrWaitSwapchainImage(sc, &wi));
    XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
    EXPECT_EQ(index, 1u);
    XR_OK(xrReleaseSwapchainImage(sc, nullptr));  // image 0, the oldest

    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const Projection layer(stage, sc, {{0, 0}, {64, 48}});
    const XrFrameState f = waitAndBegin();
    XR_IS(XR_ERROR_CALL_ORDER_INVALID, endFrame(f.predictedDisplayTime, layer.header())) << "image 1 is still held";
    XR_OK(xrWaitSwapchainImage(sc, &wi));
    XR_OK(xrReleaseSwapchainImage(sc, nullptr));
    const Projection tooWide(stage, sc, {{8, 0}, {64, 48}});
    XR_IS(XR_ERROR_SWAPCHAIN_RECT_INVALID, endFrame(f.predictedDisplayTime, tooWide.header()));
    Projection badLayer(stage, sc, {{0, 0}, {64, 48}});
    badLayer.views[1].subImage.imageArrayIndex = 2;
    XR_IS(XR_ERROR_VALIDATION_FAILURE, endFrame(f.predictedDisplayTime, badLayer.header()));
    XR_OK(endFrame(f.predictedDisplayTime, layer.header()));
    for (std::uint32_t want : {2u, 0u, 1u}) {
        XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
        EXPECT_EQ(index, want);
        XR_OK(xrWaitSwapchainImage(sc, &wi));
        XR_OK(xrReleaseSwapchainImage(sc, nullptr));
    }
    XR_OK(xrDestroySwapchain(sc));
    XR_IS(XR_ERROR_HANDLE_INVALID, xrAcquireSwapchainImage(sc, nullptr, &index));
}

TEST_F(sim_runtime, AScriptedLossEndsTheSessionAndANewOneCarriesOnTheClock) {
    env("PALPA_SIM_LOSE_AT", "6");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());  // frames 0 to 2 or so
    for (auto frame = focus_frames_.size(); frame <= 5; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty());
    XrFrameState fs{XR_TYPE_FRAME_STATE};
    XR_OK(xrWaitFrame(session_, nullptr, &fs));  // frame 6 is delivered, then the session is lost
    EXPECT_EQ(fs.predictedDisplayTime, frameTime(6, 90.0));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_LOSS_PENDING}));
    XR_IS(XR_ERROR_SESSION_LOST, xrBeginFrame(session_, nullptr));
    XR_IS(XR_ERROR_SESSION_LOST, xrWaitFrame(session_, nullptr, &fs));
    std::uint32_t n = 0;
    XR_IS(XR_ERROR_SESSION_LOST, xrEnumerateReferenceSpaces(session_, 0, &n, nullptr));
    XR_IS(XR_ERROR_SESSION_LOST, xrRequestExitSession(session_));
    XR_OK(xrDestroySession(session_));
    session_ = XR_NULL_HANDLE;

    XR_OK(trySession());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    EXPECT_EQ(focus_frames_.front(), frameTime(7, 90.0)) << "the clock carries on across sessions";
    for (int frame = 0; frame < 4; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty()) << "the loss happens once";
}

TEST_F(sim_runtime, AScriptedStopTakesTheSessionDownToExiting) {
    env("PALPA_SIM_STOP_AT", "6");
    env("PALPA_SIM_LOG", "1");
    testing::internal::CaptureStderr();
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    XR_IS(XR_ERROR_SESSION_NOT_STOPPING, xrEndSession(session_));
    for (auto frame = focus_frames_.size(); frame <= 5; ++frame) XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
    EXPECT_TRUE(states().empty());
    const XrFrameState f = waitAndBegin();
    EXPECT_EQ(f.shouldRender, XR_FALSE);
    std::vector<XrTime> times;
    EXPECT_EQ(states(&times),
              (std::vector{XR_SESSION_STATE_VISIBLE, XR_SESSION_STATE_SYNCHRONIZED, XR_SESSION_STATE_STOPPING}));
    EXPECT_EQ(times.back(), frameTime(6, 90.0));
    XR_OK(endFrame(f.predictedDisplayTime));
    XR_OK(xrEndSession(session_));
    EXPECT_EQ(states(), (std::vector{XR_SESSION_STATE_IDLE, XR_SESSION_STATE_EXITING}));
    const std::string log = testing::internal::GetCapturedStderr();
    EXPECT_GE(xrsimLines(log), 10) << log;
    EXPECT_NE(log.find("STOPPING"), std::string::npos) << log;
}

}  // namespace
}  // namespace palpa::simtest
