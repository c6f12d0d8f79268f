// The simulated OpenXR runtime's inputs and outputs: hands from a recording, controllers
// with scripted clicks, and the swapchain captures saved as PNG.
#include <gtest/gtest.h>

#include "xr/sim_fixture.hpp"

namespace palpa::simtest {
namespace {

TEST_F(sim_runtime, HandJointsFromTheRecordingArriveOnTheTableInStage) {
    env("PALPA_SIM_HANDS", kGoodLeft);
    env("PALPA_SIM_FPS", "30");
    env("PALPA_SIM_TABLE", "0.1,0.9,-0.5,90");
    env("PALPA_SIM_HEAD", "0,1.6,0.1");
    const scoring::Recording rec = scoring::readRecording(kGoodLeft);
    ASSERT_NO_FATAL_FAILURE(start());
    const auto create = fn<PFN_xrCreateHandTrackerEXT>("xrCreateHandTrackerEXT");
    const auto locate = fn<PFN_xrLocateHandJointsEXT>("xrLocateHandJointsEXT");
    std::array<XrHandTrackerEXT, 2> trackers{};
    for (int h = 0; h < 2; ++h) {
        XrHandTrackerCreateInfoEXT ci{XR_TYPE_HAND_TRACKER_CREATE_INFO_EXT};
        ci.hand = h == 0 ? XR_HAND_LEFT_EXT : XR_HAND_RIGHT_EXT;
        ci.handJointSet = XR_HAND_JOINT_SET_DEFAULT_EXT;
        XR_OK(create(session_, &ci, &trackers[h]));
    }
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSpace local = referenceSpace(XR_REFERENCE_SPACE_TYPE_LOCAL);
    std::array<XrHandJointLocationEXT, XR_HAND_JOINT_COUNT_EXT> joints{};
    std::array<XrHandJointVelocityEXT, XR_HAND_JOINT_COUNT_EXT> speeds{};
    XrHandJointVelocitiesEXT velocities{XR_TYPE_HAND_JOINT_VELOCITIES_EXT};
    velocities.jointCount = XR_HAND_JOINT_COUNT_EXT;
    velocities.jointVelocities = speeds.data();
    XrHandJointLocationsEXT locations{XR_TYPE_HAND_JOINT_LOCATIONS_EXT, &velocities};
    locations.jointCount = XR_HAND_JOINT_COUNT_EXT;
    locations.jointLocations = joints.data();
    XrHandJointsLocateInfoEXT li{XR_TYPE_HAND_JOINTS_LOCATE_INFO_EXT};
    li.baseSpace = stage;
    li.time = kT0;
    XR_OK(locate(trackers[0], &li, &locations));
    EXPECT_EQ(locations.isActive, XR_FALSE) << "no hands before the session is focused";

    ASSERT_NO_FATAL_FAILURE(runToFocused());  // frame 0 is the recording's start
    const auto first = static_cast<int>(focus_frames_.size());
    const glm::quat tableTurn = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
    const glm::vec3 table(0.1f, 0.9f, -0.5f), head(0.0f, 1.6f, 0.1f);
    const glm::vec3 look = table - head;
    const glm::quat localTurn = glm::angleAxis(std::atan2(-look.x, -look.z), glm::vec3(0, 1, 0));
    int active = 0, absent = 0;
    for (int frame = first; frame <= 70; ++frame) {
        const XrFrameState f = waitAndBegin();
        const double seconds = static_cast<double>(f.predictedDisplayTime - kT0) * 1e-9;
        for (int h = 0; h < 2; ++h) {
            const scoring::HandPose* want = recorded(rec, h, seconds);
            li.baseSpace = stage;
            li.time = f.predictedDisplayTime;
            XR_OK(locate(trackers[h], &li, &locations));
            ASSERT_EQ(locations.isActive == XR_TRUE, want != nullptr) << "frame " << frame << " hand " << h;
            if (!want) {
                ++absent;
                EXPECT_EQ(joints[0].locationFlags, 0u);
                continue;
            }
            ++active;
            for (int j = 0; j < XR_HAND_JOINT_COUNT_EXT; ++j) {
                const glm::vec3 p = table + tableTurn * (*want)[j].position;
                EXPECT_NEAR(glm::length(vec(joints[j].pose.position) - p), 0.0f, 1e-5f) << frame << "/" << j;
                const glm::quat q = tableTurn * (*want)[j].orientation;
                EXPECT_NEAR(std::abs(glm::dot(glm::normalize(q), quat(joints[j].pose.orientation))), 1.0f, 1e-4f);
                EXPECT_FLOAT_EQ(joints[j].radius, (*want)[j].radius);
                // Every joint is located; the thumb tip is only inferred while it is more than
                // 1 cm below the palm, out of the headset's sight.
                const bool hidden = j == XR_HAND_JOINT_THUMB_TIP_EXT &&
                                    (*want)[j].position.y < (*want)[XR_HAND_JOINT_PALM_EXT].position.y - 0.01f;
                EXPECT_EQ(joints[j].locationFlags, hidden ? kValid : kLocated) << frame << "/" << j;
                EXPECT_EQ(speeds[j].velocityFlags, 0u);
            }
            li.baseSpace = local;
            XR_OK(locate(trackers[h], &li, &locations));
            const glm::vec3 inLocal = glm::conjugate(localTurn) * (table + tableTurn * (*want)[5].position - head);
            EXPECT_NEAR(glm::length(vec(joints[5].pose.position) - inLocal), 0.0f, 1e-5f) << "thumb tip in LOCAL";
        }
        XR_OK(endFrame(f.predictedDisplayTime));
    }
    EXPECT_GT(active, 100);
    EXPECT_GT(absent, 5) << "the recording's left hand leaves view near 1.7 s";

    // With no PALPA_SIM_STOP_AT, the runtime stops one second after the recording's last frame.
    std::int64_t frame = 70;
    std::vector<XrSessionState> seen;
    while (seen.empty() && frame < 2000) {
        ++frame;
        XR_OK(endFrame(waitAndBegin().predictedDisplayTime));
        seen = states();
    }
    std::int64_t expected = 0;
    while (static_cast<double>(frameTime(expected, 30.0) - kT0) * 1e-9 < rec.duration() + 1.0) ++expected;
    EXPECT_EQ(frame, expected);
    EXPECT_EQ(seen.back(), XR_SESSION_STATE_STOPPING);
}

TEST_F(sim_runtime, ControllersFollowThePalmAndClickOnScriptedFrames) {
    env("PALPA_SIM_NO_HAND_TRACKING", "1");
    env("PALPA_SIM_HANDS", kGoodLeft);
    env("PALPA_SIM_FPS", "30");
    env("PALPA_SIM_TABLE", "0,0.92,-0.45,90");
    env("PALPA_SIM_SELECT_AT", "3");
    env("PALPA_SIM_SELECT_LEFT_AT", "5");
    env("PALPA_SIM_MENU_AT", "7,8");
    const scoring::Recording rec = scoring::readRecording(kGoodLeft);
    ASSERT_NO_FATAL_FAILURE(start(false));
    auto path = [&](const char* text) {
        XrPath p = XR_NULL_PATH;
        EXPECT_EQ(xrStringToPath(instance_, text, &p), XR_SUCCESS) << text;
        return p;
    };
    const std::array<XrPath, 2> hands{path("/user/hand/left"), path("/user/hand/right")};
    XrActionSetCreateInfo si{XR_TYPE_ACTION_SET_CREATE_INFO};
    std::strcpy(si.actionSetName, "trainer");
    std::strcpy(si.localizedActionSetName, "Trainer");
    XrActionSet set = XR_NULL_HANDLE;
    XR_OK(xrCreateActionSet(instance_, &si, &set));
    auto action = [&](const char* name, XrActionType type) {
        XrActionCreateInfo ai{XR_TYPE_ACTION_CREATE_INFO};
        std::strcpy(ai.actionName, name);
        std::strcpy(ai.localizedActionName, name);
        ai.actionType = type;
        ai.countSubactionPaths = 2;
        ai.subactionPaths = hands.data();
        XrAction a = XR_NULL_HANDLE;
        EXPECT_EQ(xrCreateAction(set, &ai, &a), XR_SUCCESS) << name;
        return a;
    };
    const XrAction grip = action("grip", XR_ACTION_TYPE_POSE_INPUT);
    const XrAction select = action("select", XR_ACTION_TYPE_BOOLEAN_INPUT);
    const XrAction menu = action("menu", XR_ACTION_TYPE_BOOLEAN_INPUT);
    std::vector<XrActionSuggestedBinding> bindings;
    for (const char* side : {"/user/hand/left", "/user/hand/right"}) {
        const std::string s = side;
        bindings.push_back({grip, path((s + "/input/grip/pose").c_str())});
        bindings.push_back({select, path((s + "/input/select/click").c_str())});
        bindings.push_back({menu, path((s + "/input/menu/click").c_str())});
    }
    XrInteractionProfileSuggestedBinding sb{XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING};
    sb.interactionProfile = path("/interaction_profiles/oculus/touch_controller");
    sb.countSuggestedBindings = static_cast<std::uint32_t>(bindings.size());
    sb.suggestedBindings = bindings.data();
    XR_IS(XR_ERROR_PATH_UNSUPPORTED, xrSuggestInteractionProfileBindings(instance_, &sb));
    const XrPath simple = path("/interaction_profiles/khr/simple_controller");
    sb.interactionProfile = simple;
    XR_OK(xrSuggestInteractionProfileBindings(instance_, &sb));
    XrSessionActionSetsAttachInfo attach{XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO};
    attach.countActionSets = 1;
    attach.actionSets = &set;
    XR_OK(xrAttachSessionActionSets(session_, &attach));
    XR_IS(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, xrAttachSessionActionSets(session_, &attach));
    XR_IS(XR_ERROR_ACTIONSETS_ALREADY_ATTACHED, xrSuggestInteractionProfileBindings(instance_, &sb));
    XrInteractionProfileState profile{XR_TYPE_INTERACTION_PROFILE_STATE};
    XR_OK(xrGetCurrentInteractionProfile(session_, hands[0], &profile));
    EXPECT_EQ(profile.interactionProfile, simple);

    std::array<XrSpace, 2> gripSpaces{};
    for (int h = 0; h < 2; ++h) {
        XrActionSpaceCreateInfo ci{XR_TYPE_ACTION_SPACE_CREATE_INFO};
        ci.action = grip;
        ci.subactionPath = hands[h];
        ci.poseInActionSpace.orientation.w = 1.0f;
        XR_OK(xrCreateActionSpace(session_, &ci, &gripSpaces[h]));
    }
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    XrActiveActionSet active{set, XR_NULL_PATH};
    XrActionsSyncInfo sync{XR_TYPE_ACTIONS_SYNC_INFO};
    sync.countActiveActionSets = 1;
    sync.activeActionSets = &active;
    XR_IS(XR_SESSION_NOT_FOCUSED, xrSyncActions(session_, &sync));
    ASSERT_NO_FATAL_FAILURE(runToFocused());
    const auto first = static_cast<int>(focus_frames_.size());
    ASSERT_LE(first, 3) << "focused after the first scripted click";
    const glm::quat tableTurn = glm::angleAxis(glm::radians(90.0f), glm::vec3(0, 1, 0));
    for (int frame = first; frame <= 9; ++frame) {
        const XrFrameState f = waitAndBegin();
        XR_OK(xrSyncActions(session_, &sync));
        for (int h = 0; h < 2; ++h) {
            XrActionStateGetInfo gi{XR_TYPE_ACTION_STATE_GET_INFO};
            gi.subactionPath = hands[h];
            gi.action = select;
            XrActionStateBoolean b{XR_TYPE_ACTION_STATE_BOOLEAN};
            XR_OK(xrGetActionStateBoolean(session_, &gi, &b));
            EXPECT_EQ(b.isActive, XR_TRUE);
            EXPECT_EQ(b.currentState == XR_TRUE, frame == (h == 0 ? 5 : 3)) << "select, frame " << frame;
            gi.action = menu;
            XR_OK(xrGetActionStateBoolean(session_, &gi, &b));
            EXPECT_EQ(b.currentState == XR_TRUE, h == 1 && (frame == 7 || frame == 8)) << "menu, frame " << frame;
            XrActionStatePose pose{XR_TYPE_ACTION_STATE_POSE};
            gi.action = grip;
            XR_IS(XR_ERROR_ACTION_TYPE_MISMATCH, xrGetActionStateBoolean(session_, &gi, &b));
            XR_OK(xrGetActionStatePose(session_, &gi, &pose));
            const double seconds = static_cast<double>(f.predictedDisplayTime - kT0) * 1e-9;
            const scoring::HandPose* want = recorded(rec, h, seconds);
            EXPECT_EQ(pose.isActive == XR_TRUE, want != nullptr);
            XrSpaceLocation at{XR_TYPE_SPACE_LOCATION};
            XR_OK(xrLocateSpace(gripSpaces[h], stage, f.predictedDisplayTime, &at));
            ASSERT_TRUE(want) << "the recording has both hands in its first second";
            EXPECT_EQ(at.locationFlags, kLocated);
            const glm::vec3 palm = glm::vec3(0.0f, 0.92f, -0.45f) + tableTurn * (*want)[0].position;
            EXPECT_NEAR(glm::length(vec(at.pose.position) - palm), 0.0f, 1e-5f) << "grip at the palm";
        }
        XR_OK(endFrame(f.predictedDisplayTime));
    }
}

// Clears array layer 0 and 1 of a colour image the app received in COLOR_ATTACHMENT_OPTIMAL.
void clearLayers(VkCommandBuffer cb, VkImage image, const std::array<VkClearColorValue, 2>& colours) {
    VkImageMemoryBarrier b{VK_STRUCTURE_TYPE_IMAGE_MEMORY_BARRIER};
    b.srcAccessMask = VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    b.newLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.srcQueueFamilyIndex = b.dstQueueFamilyIndex = VK_QUEUE_FAMILY_IGNORED;
    b.image = image;
    b.subresourceRange = {VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, 0, 2};
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, VK_PIPELINE_STAGE_TRANSFER_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &b);
    for (std::uint32_t layer = 0; layer < 2; ++layer) {
        const VkImageSubresourceRange range{VK_IMAGE_ASPECT_COLOR_BIT, 0, 1, layer, 1};
        vkCmdClearColorImage(cb, image, VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL, &colours[layer], 1, &range);
    }
    b.srcAccessMask = VK_ACCESS_TRANSFER_WRITE_BIT;
    b.dstAccessMask = VK_ACCESS_COLOR_ATTACHMENT_READ_BIT | VK_ACCESS_COLOR_ATTACHMENT_WRITE_BIT;
    b.oldLayout = VK_IMAGE_LAYOUT_TRANSFER_DST_OPTIMAL;
    b.newLayout = VK_IMAGE_LAYOUT_COLOR_ATTACHMENT_OPTIMAL;
    vkCmdPipelineBarrier(cb, VK_PIPELINE_STAGE_TRANSFER_BIT, VK_PIPELINE_STAGE_COLOR_ATTACHMENT_OUTPUT_BIT, 0, 0,
                         nullptr, 0, nullptr, 1, &b);
}

// Every pixel of a PNG is one RGBA colour (and the PNG has the given size).
void expectPng(const fs::path& file, int width, int height, std::array<unsigned char, 4> rgba) {
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(file.c_str(), &w, &h, &channels, 4);
    ASSERT_NE(pixels, nullptr) << file;
    EXPECT_EQ(w, width) << file;
    EXPECT_EQ(h, height) << file;
    int wrong = 0;
    for (int i = 0; i < w * h; ++i) wrong += std::memcmp(pixels + 4 * i, rgba.data(), 4) != 0;
    stbi_image_free(pixels);
    EXPECT_EQ(wrong, 0) << file << " should be " << int(rgba[0]) << "," << int(rgba[1]) << "," << int(rgba[2]);
}

TEST_F(sim_runtime, CapturesTheScriptedFrameAndTheLastOneAsPngs) {
    const fs::path dir = fs::temp_directory_path() / "palpa_sim_runtime_capture";
    fs::remove_all(dir);
    env("PALPA_SIM_CAPTURE", dir.string());
    env("PALPA_SIM_CAPTURE_AT", "2,last");
    ASSERT_NO_FATAL_FAILURE(start());
    ASSERT_NO_FATAL_FAILURE(beginWhenReady());
    XR_OK(endFrame(waitAndBegin().predictedDisplayTime));  // frame 0 submits no layer
    const XrSpace stage = referenceSpace(XR_REFERENCE_SPACE_TYPE_STAGE);
    const XrSwapchain sc = swapchain(VK_FORMAT_B8G8R8A8_SRGB, 64, 48, 2);  // BGRA: the PNG is swizzled
    const std::vector<VkImage> imgs = images(sc);
    ASSERT_EQ(imgs.size(), 3u);
    VkCommandPoolCreateInfo pci{VK_STRUCTURE_TYPE_COMMAND_POOL_CREATE_INFO};
    pci.flags = VK_COMMAND_POOL_CREATE_RESET_COMMAND_BUFFER_BIT;
    pci.queueFamilyIndex = family_;
    ASSERT_EQ(vkCreateCommandPool(device_, &pci, nullptr, &pool_), VK_SUCCESS);
    VkCommandBufferAllocateInfo ai{VK_STRUCTURE_TYPE_COMMAND_BUFFER_ALLOCATE_INFO};
    ai.commandPool = pool_;
    ai.level = VK_COMMAND_BUFFER_LEVEL_PRIMARY;
    ai.commandBufferCount = 1;
    VkCommandBuffer cb = VK_NULL_HANDLE;
    ASSERT_EQ(vkAllocateCommandBuffers(device_, &ai, &cb), VK_SUCCESS);
    VkFenceCreateInfo fci{VK_STRUCTURE_TYPE_FENCE_CREATE_INFO};
    ASSERT_EQ(vkCreateFence(device_, &fci, nullptr, &fence_), VK_SUCCESS);

    const VkClearColorValue red{{1, 0, 0, 1}}, green{{0, 1, 0, 1}}, blue{{0, 0, 1, 1}}, white{{1, 1, 1, 1}};
    const Projection layer(stage, sc, {{8, 4}, {48, 40}});
    for (int frame = 1; frame <= 4; ++frame) {
        const XrFrameState f = waitAndBegin();
        std::uint32_t index = 0;
        XR_OK(xrAcquireSwapchainImage(sc, nullptr, &index));
        XrSwapchainImageWaitInfo wi{XR_TYPE_SWAPCHAIN_IMAGE_WAIT_INFO};
        wi.timeout = XR_INFINITE_DURATION;
        XR_OK(xrWaitSwapchainImage(sc, &wi));
        VkCommandBufferBeginInfo bi{VK_STRUCTURE_TYPE_COMMAND_BUFFER_BEGIN_INFO};
        bi.flags = VK_COMMAND_BUFFER_USAGE_ONE_TIME_SUBMIT_BIT;
        ASSERT_EQ(vkBeginCommandBuffer(cb, &bi), VK_SUCCESS);
        clearLayers(cb, imgs[index],
                    frame == 2   ? std::array{red, green}
                    : frame == 4 ? std::array{white, blue}
                                 : std::array{blue, blue});
        ASSERT_EQ(vkEndCommandBuffer(cb), VK_SUCCESS);
        VkSubmitInfo submit{VK_STRUCTURE_TYPE_SUBMIT_INFO};
        submit.commandBufferCount = 1;
        submit.pCommandBuffers = &cb;
        ASSERT_EQ(vkQueueSubmit(queue_, 1, &submit, fence_), VK_SUCCESS);  // not waited: queue order suffices
        XR_OK(xrReleaseSwapchainImage(sc, nullptr));
        XR_OK(endFrame(f.predictedDisplayTime, layer.header()));
        ASSERT_EQ(vkWaitForFences(device_, 1, &fence_, VK_TRUE, UINT64_MAX), VK_SUCCESS);
        ASSERT_EQ(vkResetFences(device_, 1, &fence_), VK_SUCCESS);
        ASSERT_EQ(vkResetCommandBuffer(cb, 0), VK_SUCCESS);
    }
    expectPng(dir / "frame-2-left.png", 48, 40, {255, 0, 0, 255});
    expectPng(dir / "frame-2-right.png", 48, 40, {0, 255, 0, 255});
    EXPECT_FALSE(fs::exists(dir / "frame-1-left.png"));
    EXPECT_FALSE(fs::exists(dir / "frame-3-left.png"));
    EXPECT_FALSE(fs::exists(dir / "frame-last-left.png")) << "saved when the session ends";
    XR_OK(xrRequestExitSession(session_));
    states();
    XR_OK(xrEndSession(session_));
    expectPng(dir / "frame-last-left.png", 48, 40, {255, 255, 255, 255});
    expectPng(dir / "frame-last-right.png", 48, 40, {0, 0, 255, 255});
    fs::remove_all(dir);
}

}  // namespace
}  // namespace palpa::simtest
