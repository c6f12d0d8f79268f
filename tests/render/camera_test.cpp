// The off-centre lens: the model is framed in the part of the window the panels leave free,
// and a click there still picks what is drawn under it.
#include <gtest/gtest.h>

#include <cmath>

#include <glm/glm.hpp>

#include "render/camera.hpp"

namespace palpa::render {
namespace {

glm::vec2 toPixel(const View& v, const glm::vec3& p, float w, float h) {
    const glm::vec4 c = v.projection * v.view * glm::vec4(p, 1.0f);
    return {(c.x / c.w + 1.0f) * 0.5f * w, (c.y / c.w + 1.0f) * 0.5f * h};
}

TEST(Camera, RegionViewsPutTheTargetAtTheRegionsCentre) {
    Orbit orbit;
    orbit.target = {0.02f, 0.05f, -0.1f};
    orbit.yaw = 0.4f;
    orbit.pitch = 0.3f;
    orbit.distance = 1.2f;
    const PixelRect region{310.0f, 0.0f, 850.0f, 800.0f};
    const View v = viewsInRegion(orbit, region, 1280.0f, 800.0f)[0];
    const glm::vec2 c = toPixel(v, orbit.target, 1280.0f, 800.0f);
    EXPECT_NEAR(c.x, 580.0f, 0.5f);
    EXPECT_NEAR(c.y, 400.0f, 0.5f);
    // The whole-window view puts it in the window's centre instead.
    const glm::vec2 whole = toPixel(views(orbit, 1280.0f / 800.0f)[0], orbit.target, 1280.0f, 800.0f);
    EXPECT_NEAR(whole.x, 640.0f, 0.5f);
}

TEST(Camera, RegionKeepsTheShapeOfWhatItShows) {
    Orbit orbit;
    orbit.distance = 1.0f;
    const PixelRect region{400.0f, 100.0f, 800.0f, 500.0f};
    const View v = viewsInRegion(orbit, region, 1280.0f, 800.0f)[0];
    // A square in front of the camera (yaw 0 looks from anterior: X right, Z up on screen)
    // stays square in pixels.
    const glm::vec2 a = toPixel(v, {-0.1f, 0.0f, -0.1f}, 1280.0f, 800.0f);
    const glm::vec2 b = toPixel(v, {0.1f, 0.0f, 0.1f}, 1280.0f, 800.0f);
    EXPECT_NEAR(std::abs(b.x - a.x), std::abs(b.y - a.y), 0.5f);
}

TEST(Camera, APixelRayInTheRegionPassesThroughWhatIsDrawnThere) {
    Orbit orbit;
    orbit.yaw = -0.5f;
    orbit.distance = 0.9f;
    const PixelRect region{310.0f, 20.0f, 850.0f, 600.0f};
    const View v = viewsInRegion(orbit, region, 1280.0f, 800.0f)[0];
    const glm::vec3 p{0.05f, 0.02f, 0.08f};
    const glm::vec2 px = toPixel(v, p, 1280.0f, 800.0f);
    const scene::Ray ray = pixelRay(v, px.x, px.y, 1280.0f, 800.0f);
    const glm::vec3 d = glm::normalize(ray.direction);
    const glm::vec3 toP = p - ray.origin;
    EXPECT_LT(glm::length(toP - d * glm::dot(toP, d)), 1e-4f);
}

TEST(Camera, TheBedsideViewSeesTheBodyLyingFromItsLeftHip) {
    scene::Bounds box;
    box.min = {-0.2f, -0.1f, -0.35f};
    box.max = {0.2f, 0.1f, 0.35f};
    const glm::vec3 navel{0.0f, 0.1f, 0.0f};
    const Orbit o = bedside(box, navel, 1.5f);
    const View v = views(o, 1.5f)[0];
    // The eye stands to the patient's left (-X), above the body (+Y), toward the feet (-Z).
    EXPECT_LT(v.eye.x, navel.x - 0.2f);
    EXPECT_GT(v.eye.y, navel.y + 0.3f);
    EXPECT_LT(v.eye.z, navel.z);
    // The navel is in the middle; the ceiling (+Y) is up on screen; the body lies across it.
    const glm::vec2 c = toPixel(v, navel, 1200.0f, 800.0f);
    EXPECT_NEAR(c.x, 600.0f, 1.0f);
    EXPECT_NEAR(c.y, 400.0f, 1.0f);
    const glm::vec2 up = toPixel(v, navel + glm::vec3(0.0f, 0.05f, 0.0f), 1200.0f, 800.0f);
    EXPECT_LT(up.y, c.y - 5.0f);
    const glm::vec2 head = toPixel(v, navel + glm::vec3(0.0f, 0.0f, 0.3f), 1200.0f, 800.0f);
    EXPECT_GT(std::abs(head.x - c.x), std::abs(head.y - c.y)) << "head and feet lie across the screen";
    // Orbiting keeps the ceiling up: half a turn round the body, the navel stays centred.
    Orbit turned = o;
    turned.yaw += 3.14159265f;
    const View w = views(turned, 1.5f)[0];
    EXPECT_GT(w.eye.x, navel.x + 0.2f);
    EXPECT_LT(toPixel(w, navel + glm::vec3(0.0f, 0.05f, 0.0f), 1200.0f, 800.0f).y, 400.0f - 5.0f);
}

}  // namespace
}  // namespace palpa::render
