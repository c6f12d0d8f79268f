// Role: the patient as the scorer measures it, built from the loaded model (the bundled one,
// --model, or any atlas through its layer map): the skin layer as a surface answering closest
// point, signed depth along its normal and ray hits (a BVH over the skin the hands can reach:
// the back, lying on the table, is left out), the model's landmarks, and the
// vessels layer as keep-out geometry (distance to the aorta, vena cava and iliacs, whether a
// skin point lies over a vessel's outline). Also the body size measured from the model and
// which model it came from. Immutable after construction; copies share the geometry.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <glm/vec3.hpp>

#include "scene/scene.hpp"
#include "scoring/recording.hpp"

namespace palpa::scoring {

using Landmarks = std::map<std::string, glm::vec3, std::less<>>;

// Which model file a patient came from (recordings name it; palpa score compares).
struct ModelIdentity {
    std::string file;    // file name, no folder
    std::string sha256;  // of the file's bytes; "" when unknown (a generated scene)
};

// Body size measured on the model, so that recordings say what body they were made on.
struct BodySize {
    double waist_cm = 0.0;         // skin girth in the transverse plane through the umbilicus
    double vessel_depth_cm = 0.0;  // umbilicus (on the skin) to the nearest vessel surface
};

// The skin near a point: closest skin point, outward normal there, and the signed depth of
// the query point along that normal (positive below the skin).
struct SkinSample {
    glm::vec3 point{0.0f};
    glm::vec3 normal{0.0f, 1.0f, 0.0f};
    float depth = 0.0f;
};

// Keeps a joint's last skin answer so the next query is cheap (coherence): a joint that has
// moved less than 4 mm (or a share of its distance from the skin: a quarter above it, a tenth
// below it) is measured against the tangent plane at its last closest point (the error is
// about the move squared over twice the skin's radius of curvature: a tenth of a
// millimetre near the skin, under a third of a millimetre 5 cm deep); one that moved further
// searches within its distance from the last closest point.
struct SkinProbe {
    glm::vec3 last{0.0f};    // where the last exact search was made
    float distance = -1.0f;  // < 0: no previous search
    glm::vec3 point{0.0f}, normal{0.0f, 1.0f, 0.0f};  // its closest point and normal
    bool above = true;       // the joint was outside the skin
};

struct VesselSample {
    float distance = 0.0f;  // from the query point to the vessel surface
    std::string_view name;  // the vessel mesh's name
    bool pulses = false;    // an artery: a thumb near it feels a pulse
    glm::vec3 point{0.0f};  // the nearest point of its surface
};

// Keeps a joint's last vessel answer, like SkinProbe: within 1 mm of the last search the
// distance is read to the last nearest point (too long by at most the move squared over the
// vessel's diameter: hundredths of a millimetre); a joint that was further than the search
// radius plus its move skips the search.
struct VesselProbe {
    glm::vec3 last{0.0f};
    float radius = -1.0f;  // the last search's radius; < 0: no search yet
    std::optional<VesselSample> found;
};

struct PatientOptions {
    std::string skin_layer = "skin";
    std::string vessel_layer = "vessels";
    // Vessel meshes that pulse (arteries), by glob on the mesh name.
    std::vector<std::string> pulsing = {"aorta*", "*arter*"};
};

class Patient {
  public:
    // Builds the patient from a loaded scene. Throws palpa::Error naming `identity.file` when
    // the scene has no skin layer (or it is empty) or lacks the umbilicus landmark.
    static Patient fromScene(const scene::Scene& scene, ModelIdentity identity = {},
                             const PatientOptions& options = {});

    const Landmarks& landmarks() const;
    const ModelIdentity& identity() const;
    const BodySize& body() const;

    // The skin closest to p (exact). With a probe, the previous answer bounds the search.
    SkinSample skin(const glm::vec3& p) const;
    SkinSample skin(const glm::vec3& p, SkinProbe& probe) const;
    // The outermost skin point along the anterior axis over (x, z); nullopt when no skin is there.
    std::optional<SkinSample> skinAbove(float x, float z) const;

    bool hasVessels() const;
    // The nearest vessel surface within max_distance of p (pulsing vessels only when asked).
    std::optional<VesselSample> nearestVessel(const glm::vec3& p, float max_distance,
                                              bool pulsing_only = false) const;
    // The same, using and updating a probe (per-frame queries of one joint).
    std::optional<VesselSample> nearestVessel(const glm::vec3& p, float max_distance, VesselProbe& probe,
                                              bool pulsing_only = false) const;
    // Whether the line from a skin point straight into the body (along the posterior axis,
    // as the patient lies supine) meets a vessel: the point lies over the vessel's outline
    // projected onto the skin.
    bool overVessel(const glm::vec3& skin_point) const;
    // Distance in the skin's tangent plane (normal `normal`) at skin_point from the outline of
    // the vessels projected onto the skin: 0 when over one, max_distance when none lies that near.
    float outlineDistance(const glm::vec3& skin_point, const glm::vec3& normal,
                          float max_distance) const;

    // How much of the breathing rise the skin at p (outward normal n) takes, 0-1: a sine bump
    // from the pubic symphysis to the xiphoid, a parabola across the abdomen, and only where
    // the skin faces up (the renderer's swell is the same function).
    float breathWeight(const glm::vec3& p, const glm::vec3& n) const;
    struct BreathRegion {
        float z0, z1, x0, half_width;
    };
    BreathRegion breathRegion() const;

  private:
    struct Data;
    std::shared_ptr<const Data> data_;
};

// What a recording's header says of the model a patient came from.
RecordedModel recordedModel(const Patient& patient);

}  // namespace palpa::scoring
