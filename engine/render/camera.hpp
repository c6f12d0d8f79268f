// Role: camera helpers that turn a named viewpoint or an orbit into render::View values
// framing a box, with a stereo pair separated by an interpupillary distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "render/frame.hpp"
#include "scene/raycast.hpp"
#include "scene/scene.hpp"

namespace palpa::render {

enum class Viewpoint { Front, Left, Right, Top, Oblique };

// Parses "front", "left", "right", "top" or "oblique"; false when unknown.
bool parseViewpoint(std::string_view name, Viewpoint& out);
// A clip plane (FrameDesc::clip) from "AXIS>METRES" or "AXIS<METRES" (AXIS x, y or z; a finite
// number of metres): what lies where the inequality holds is cut away. nullopt when malformed.
std::optional<glm::vec4> parseClipPlane(std::string_view spec);

// An orbit camera: angles in radians around a target, distance in metres.
struct Orbit {
    glm::vec3 target{0.0f};
    float yaw = 0.0f;    // around the patient's long axis (+Z); 0 looks from anterior (+Y)
    float pitch = 0.0f;  // toward the head (+) or feet (-)
    float distance = 1.0f;
    float fov_y = 0.7f;  // vertical field of view, radians
    // A body lying supine (anterior up, +Y): yaw turns around +Y from the feet (-Z toward +Z
    // is yaw pi), pitch is the height above the horizontal plane, and screen up is +Y.
    bool lying = false;
};

// An orbit that frames `bounds` from a named viewpoint.
Orbit frame(const scene::Bounds& bounds, Viewpoint viewpoint, float aspect);
// An orbit for a body lying supine (Orbit::lying) framing `bounds` from where a therapist
// stands at its left hip: to the patient's left, above, a little toward the feet, looking
// down at `target`.
Orbit bedside(const scene::Bounds& bounds, const glm::vec3& target, float aspect);
// The ray from a view's eye through pixel (x, y) of a width x height image (for picking).
scene::Ray pixelRay(const View& view, float x, float y, float width, float height);
// One view (mono), or two views whose eyes are `ipd` apart along the camera's right axis.
std::vector<View> views(const Orbit& orbit, float aspect, int count = 1, float ipd = 0.064f);

// A rectangle of an image in pixels (x0, y0 top left; x1, y1 bottom right).
struct PixelRect {
    float x0 = 0.0f, y0 = 0.0f, x1 = 0.0f, y1 = 0.0f;
    float width() const { return x1 - x0; }
    float height() const { return y1 - y0; }
};
// Views of `orbit` whose picture fills `region` of a width x height image instead of the whole
// image (an off-centre lens: the panels keep their strips, the model stays in the free part);
// the orbit is framed for the region's aspect. Picking and labels read the same matrices.
std::vector<View> viewsInRegion(const Orbit& orbit, const PixelRect& region, float width, float height, int count = 1);

}  // namespace palpa::render
