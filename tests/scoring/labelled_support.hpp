// Role: hand-written labelled attempts for the scoring tests. Everything here is computed in
// the test from the model's meshes and the technique file's rubric, never from the scorer's
// plan or the Patient class: the skin is read by brute-force ray casts over the skin mesh
// (bucketed by x and z), vessels from their mesh vertices, targets from the landmarks. An
// Attempt scripts both hands (placement, press, hold, glides, lifts) and yields frames.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <vector>

#include <glm/vec3.hpp>

#include "scene/scene.hpp"
#include "scoring/recording.hpp"

namespace palpa::scoring::labelled {

// The model as the test sees it.
class Body {
  public:
    explicit Body(const scene::Scene& scene);
    const scene::Scene& scene() const { return scene_; }
    glm::vec3 landmark(const char* name) const { return scene_.landmark(name); }
    // The skin point straight above (x, z) and the skin's face normal there.
    struct SkinPoint {
        glm::vec3 point;
        glm::vec3 normal;
    };
    SkinPoint skinAbove(float x, float z) const;
    // A vessel's cross-section at height z from its mesh vertices: centre (x, y) and radius
    // (half its width), for the trunk nearest the midline on the given side of x0.
    struct Section {
        float x, y, half_width;
    };
    Section vesselSection(const char* mesh, float z) const;
    // Distance from p to the nearest vertex of a vessel mesh (its surface, to the mesh's
    // resolution of a few millimetres).
    float vesselDistance(const char* mesh, const glm::vec3& p) const;

  private:
    const scene::Scene& scene_;
    const scene::Mesh* skin_ = nullptr;
    std::vector<std::vector<std::uint32_t>> buckets_;  // skin triangles by 1 cm x-z cell
};

// One hand's script, in the patient frame.
struct HandScript {
    bool used = true;
    glm::vec3 skin{0.0f};      // where the thumb-tip surface first touches
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    glm::vec3 press{0.0f};     // unit press path
    glm::vec3 forward{0.0f};   // wrist to fingers, along the skin
    double depth_cm = 2.5;     // hold depth of the thumb-tip surface below the skin
    // Optional: glide along the skin during the hold (starting at glide_at s into the hold).
    glm::vec3 glide{0.0f};
    double glide_at = 0.0, glide_s = 3.0;
    // Optional: the hand leaves the view for good at this time into the hold.
    std::optional<double> gone_at;
};

struct Attempt {
    double rate_hz = 30.0;
    double approach_s = 2.0, press_s = 2.0, hold_s = 25.0, release_s = 1.5;
    std::array<HandScript, 2> hands;
    Side side = Side::Left;
    // Overrides a hand's depth (cm) at time t when it returns a value (closed-loop scripts).
    std::function<std::optional<double>(int hand, double t)> depth_override;

    double holdStart() const { return 0.5 + approach_s + press_s; }
    double end() const { return holdStart() + hold_s + release_s + 0.5; }
    // The frame at time t.
    Frame frameAt(const Body& body, double t) const;
    // Every frame, as a recording.
    Recording record(const Body& body) const;
};

// The rubric placed on the body, as a student is taught it: both thumbs over the worked
// psoas belly, 2 cm above the navel and one 1.6 cm above the other, at least `clear_cm` from
// the vessels' outline; the ideal press halfway between inward and toward the worked pelvis;
// the hands fanned toward that pelvis.
struct TaughtPlacement {
    std::array<glm::vec3, 2> thumbs;  // skin points
    std::array<glm::vec3, 2> normals;
    glm::vec3 pelvis{0.0f};           // unit, along the skin at the thumbs
};
TaughtPlacement taughtPlacement(const Body& body, Side side, double clear_cm = 2.0);

// A good attempt by the taught placement: press at 45 degrees to depth_cm, hold hold_s.
Attempt goodAttempt(const Body& body, Side side, double depth_cm = 2.5, double hold_s = 25.0);

// The unit press direction `angle_deg` from the inward normal toward `along`.
glm::vec3 pressDirection(const glm::vec3& normal, const glm::vec3& along, double angle_deg);
// `v` rotated about `axis` by deg.
glm::vec3 rotated(const glm::vec3& v, const glm::vec3& axis, double deg);

}  // namespace palpa::scoring::labelled
