// Role: the whole adult lying supine on the table, around the lower-torso BodyPlan: head,
// neck, arms at the sides, legs, hands and feet, as joint centres and girths in the patient
// frame (metres, RAS, origin at the umbilicus on the skin). Segment lengths are fractions of
// stature, girths grow with the body-mass index; docs/anatomy.md gives the sources. Also the
// skin as an implicit surface (negative inside), which the skin mesh is built from and which
// the part builders use to keep their structures inside it.
#pragma once

#include <glm/vec3.hpp>

#include "anatomy/body_plan.hpp"

namespace palpa::anatomy {

// One limb of the left side (the right mirrors in x): joint centres and the skin's radius
// around the bone at each (patient frame).
struct Leg {
    glm::vec3 hip, knee, ankle;  // joint centres
    glm::vec3 heel, toe;         // sole's back and the tip of the great toe (foot points up)
    float thigh_top_r, thigh_low_r, knee_r, calf_r, ankle_r;
    float foot_half_width, foot_half_height;
};

struct Arm {
    glm::vec3 shoulder, elbow, wrist, fingertip;  // the hand lies palm down beside the thigh
    float shoulder_r, upper_arm_r, elbow_r, forearm_r, wrist_r;
    float hand_half_width, hand_half_thickness;
};

struct Figure {
    float stature = 1.75f;
    float table_y = -0.19f;  // top of the table (the back rests on it)
    Leg leg;                 // left
    Arm arm;                 // left
    glm::vec3 head_centre, head_radii;  // an ellipsoid (x: breadth, y: length, z: height)
    glm::vec3 neck_base, neck_top;
    float neck_r;
    float torso_top_z;     // the shoulders' top
    float torso_bottom_z;  // the buttocks' lowest point between the thighs (perineum)

    static Figure forPlan(const BodyPlan& plan);
};

// The skin as a signed field: negative inside the body, positive outside, about the distance
// in metres near the surface. Over the abdomen (z -0.20..0.25, anterior) its zero set is
// exactly the BodyPlan's superellipse skin (the navel dimple is added to the mesh afterwards).
float skinField(const BodyPlan& plan, const Figure& figure, const glm::vec3& p);

// Capsule-like distance helpers shared by the builders: distance from p to the segment ab
// minus a radius blending linearly from ra (at a) to rb (at b).
float taperedCapsule(const glm::vec3& p, const glm::vec3& a, const glm::vec3& b, float ra, float rb);

}  // namespace palpa::anatomy
