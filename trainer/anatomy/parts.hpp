// Role: internal interface between the generator and its part builders. Each builder turns
// the body plan into named parts (one mesh each) for one group of layers. Parts are plain
// values; the generator owns them and assembles the Scene.
#pragma once

#include <numbers>
#include <string>
#include <vector>

#include <glm/common.hpp>

#include <glm/vec3.hpp>

#include "anatomy/body_plan.hpp"
#include "anatomy/figure.hpp"
#include "scene/mesh_builder.hpp"

namespace palpa::anatomy {

// Shorthands every part builder uses.
using scene::build::Cap;
using scene::build::MeshData;
using scene::build::Section;
using scene::build::SurfacePoint;
using scene::build::TubeOptions;
using glm::smoothstep;
inline constexpr float kPi = std::numbers::pi_v<float>;

struct Part {
    std::string layer;  // "skeleton", "vessels", ...
    std::string name;   // mesh name, e.g. "psoas_major_left"
    scene::build::MeshData mesh;
    glm::vec3 colour;   // linear RGB
    bool deep = true;   // planned in the deep frame (moved by BodyPlan::deepShift)
};

// Vertebrae T12-L5, discs, sacrum, hip bones, femurs down to the figure's knees (deep frame).
std::vector<Part> buildSkeleton(const BodyPlan& plan, const Figure& figure);
// Aorta, inferior vena cava, psoas major, iliacus, quadratus lumborum (deep frame).
std::vector<Part> buildDeepSoftTissue(const BodyPlan& plan);
// The abdominal wall: rectus with its sheath and tendinous intersections, obliques,
// transversus, linea alba (patient frame: they follow the skin).
std::vector<Part> buildSurfaceLayers(const BodyPlan& plan);
// Skull, cervical and thoracic vertebrae, ribs with costal cartilages, sternum and xiphoid,
// clavicles and scapulae (skeleton_axial.cpp).
std::vector<Part> buildAxialSkeleton(const BodyPlan& plan, const Figure& figure);
// Arm, leg and foot bones away from the hip: humerus, radius, ulna, hand; the femur below
// the proximal part, patella, tibia, fibula, foot (skeleton_limbs.cpp).
std::vector<Part> buildLimbSkeleton(const BodyPlan& plan, const Figure& figure);
// Organs and soft tissue beside the psoas: kidneys, diaphragm, colon and small-bowel loops,
// femoral vessels (viscera.cpp).
std::vector<Part> buildViscera(const BodyPlan& plan, const Figure& figure);
// The skin: one closed surface from head to feet (skin.cpp).
Part buildSkin(const BodyPlan& plan, const Figure& figure);

// The front of the left psoas belly at L4 (deep frame), where its control section lies.
glm::vec3 psoasBellyLeft(const BodyPlan& plan);

// Sections of a smooth tube through control sections (shared by the builders).
scene::build::MeshData smoothTube(const std::vector<scene::build::Section>& controls, int samples,
                                  int segments, scene::build::Cap start, scene::build::Cap end,
                                  glm::vec3 up = {0.0f, 1.0f, 0.0f});

}  // namespace palpa::anatomy
