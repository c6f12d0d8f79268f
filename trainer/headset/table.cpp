#include "headset/table.hpp"

#include <cmath>
#include <cstdio>
#include <sstream>
#include <vector>

#include <glm/geometric.hpp>
#include <glm/gtc/matrix_transform.hpp>

#include "core/error.hpp"

namespace palpa::headset {

TablePose parseTablePose(const std::string& text, const std::string& option) {
    std::vector<float> v;
    std::stringstream in(text);
    std::string part;
    while (std::getline(in, part, ',')) {
        try {
            std::size_t used = 0;
            const float f = std::stof(part, &used);
            if (used != part.size() || !std::isfinite(f)) throw std::invalid_argument(part);
            v.push_back(f);
        } catch (const std::exception&) {
            throw InputError(option, "\"" + text + "\"", "expected four numbers x,y,z,yaw (metres, degrees), got \"" + part + "\"");
        }
    }
    if (v.size() != 4) throw InputError(option, "\"" + text + "\"", "expected four numbers x,y,z,yaw (metres, degrees)");
    return {{v[0], v[1], v[2]}, v[3]};
}

std::string formatTablePose(const TablePose& p) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3f,%.3f,%.3f,%.1f", p.position.x, p.position.y, p.position.z, p.yaw_deg);
    return buf;
}

glm::mat4 spaceFromPatient(const TablePose& p) {
    const glm::mat4 t = glm::translate(glm::mat4(1.0f), p.position);
    return glm::rotate(t, glm::radians(p.yaw_deg), glm::vec3(0.0f, 1.0f, 0.0f));
}

TablePose recentred(const glm::vec3& head, const glm::vec3& forward, float reach, float drop) {
    glm::vec3 flat(forward.x, 0.0f, forward.z);
    if (glm::length(flat) < 1e-3f) flat = glm::vec3(0.0f, 0.0f, -1.0f);  // looking straight down
    flat = glm::normalize(flat);
    const glm::vec3 right = glm::cross(flat, glm::vec3(0.0f, 1.0f, 0.0f));
    TablePose p;
    p.position = head + flat * reach - glm::vec3(0.0f, drop, 0.0f);
    p.yaw_deg = glm::degrees(std::atan2(right.x, right.z));  // the patient's +Z (head) along `right`
    return p;
}

}  // namespace palpa::headset
