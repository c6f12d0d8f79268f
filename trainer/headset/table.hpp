// Role: where the virtual patient lies in the headset's play space: the table pose (the
// patient frame's origin, the navel, placed in STAGE/LOCAL with a turn about the vertical),
// parsing it from the command line and recentring it in front of the student. Pure maths.
#pragma once

#include <string>

#include <glm/mat4x4.hpp>
#include <glm/vec3.hpp>

#include "scene/scene.hpp"

namespace palpa::headset {

struct TablePose {
    // The navel on the skin, in the play space (metres, Y up). The default suits a student
    // standing at the stage origin facing -Z at a 72 cm massage table.
    glm::vec3 position{0.0f, 0.92f, -0.45f};
    // Turn about +Y in degrees; 90 puts the patient's head to the student's right.
    float yaw_deg = 90.0f;
};

// Parses "x,y,z,yaw" (metres, degrees); throws InputError naming `option` on bad text.
TablePose parseTablePose(const std::string& text, const std::string& option = "--table");
// "x,y,z,yaw" with millimetre precision.
std::string formatTablePose(const TablePose& pose);
// Play space from patient frame: p_space = position + R_y(yaw) p_patient.
glm::mat4 spaceFromPatient(const TablePose& pose);
// The table pose of a play-space-from-patient transform (a turn about +Y and a shift).
TablePose tablePoseOf(const glm::mat4& space_from_patient);
// The table placed in front of a student whose eyes are at `head` looking along `forward`
// (play space): the navel `reach` metres ahead on the floor plane and `drop` metres below the
// eyes, the patient lying across the view with the head to the student's right.
TablePose recentred(const glm::vec3& head, const glm::vec3& forward, float reach = 0.45f,
                    float drop = 0.58f);

// Adds a massage table under the model, in a layer of its own named "table": a top just
// under the patient's back, 70 cm wide, reaching past the model's ends, and four legs down
// to a floor `navel_height` metres below the navel (the patient frame is level).
void addTable(scene::Scene& scene, float navel_height);

// Adds a plain treatment room around the table, in a layer of its own named "room": a floor
// `navel_height` metres below the navel, four walls and a ceiling, 4 x 5 m and 2.6 m high,
// in muted tones darker than the patient and the table, so that the patient stays the
// brightest thing in view and the student does not float in grey.
void addRoom(scene::Scene& scene, float navel_height);

}  // namespace palpa::headset
