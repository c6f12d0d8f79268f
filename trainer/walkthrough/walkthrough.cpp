#include "walkthrough/walkthrough.hpp"

#include "core/file.hpp"
#include "core/json_reader.hpp"
#include "render/camera.hpp"

namespace palpa::walkthrough {
namespace {

Step parseStep(const JsonReader& in, const JsonReader::json& obj, const std::string& place) {
    Step s;
    s.title = in.string(obj, place, "title");
    s.narration = in.string(obj, place, "narration");
    s.view = in.string(obj, place, "view", "front");
    if (render::Viewpoint vp; !render::parseViewpoint(s.view, vp))
        in.fail(JsonReader::join(place, "view"), "unknown view \"" + s.view + "\", expected front, left, right, top or oblique");
    if (in.has(obj, "camera")) {
        const std::string cp = JsonReader::join(place, "camera");
        const auto& c = in.member(obj, place, "camera");
        Camera cam;
        cam.yaw = static_cast<float>(in.number(c, cp, "yaw", 0.0));
        cam.pitch = static_cast<float>(in.number(c, cp, "pitch", 0.0));
        cam.zoom = static_cast<float>(in.number(c, cp, "zoom", 1.0));
        if (!(cam.zoom > 0.1f && cam.zoom < 20.0f)) in.fail(JsonReader::join(cp, "zoom"), "expected 0.1 to 20");
        if (in.has(c, "target")) cam.target = in.string(c, cp, "target");
        s.camera = cam;
    }
    s.layers = in.opacities(obj, place, "layers");
    s.highlight = in.strings(obj, place, "highlight");
    s.labels = in.strings(obj, place, "labels");
    s.xray = in.boolean(obj, place, "xray", false);
    s.clip = in.has(obj, "clip") ? in.string(obj, place, "clip") : "";
    if (!s.clip.empty() && !render::parseClipPlane(s.clip))
        in.fail(JsonReader::join(place, "clip"), "expected AXIS>METRES or AXIS<METRES (AXIS x, y or z), e.g. \"y>-0.06\", got \"" + s.clip + "\"");
    s.leg_lift = in.has(obj, "leg_lift") ? in.string(obj, place, "leg_lift") : "";
    if (!s.leg_lift.empty() && s.leg_lift != "left" && s.leg_lift != "right")
        in.fail(JsonReader::join(place, "leg_lift"), "expected \"left\" or \"right\", got \"" + s.leg_lift + "\"");
    return s;
}

}  // namespace

Walkthrough parseWalkthrough(std::string_view text, const std::string& source) {
    const JsonReader in(source);
    const JsonReader::json root = in.parse(text);
    if (!root.is_object()) in.fail("top level", "expected a JSON object");
    if (!root.contains("palpa_walkthrough") || root["palpa_walkthrough"] != 1)
        in.fail("palpa_walkthrough", "expected the format version 1");
    Walkthrough w;
    w.source = source;
    w.id = in.string(root, "", "id");
    w.title = in.string(root, "", "title");
    const auto& steps = in.array(root, "", "steps");
    for (std::size_t i = 0; i < steps.size(); ++i) w.steps.push_back(parseStep(in, steps[i], JsonReader::index("steps", i)));
    return w;
}

Walkthrough loadWalkthrough(const std::filesystem::path& path) {
    return parseWalkthrough(files::readAll(path), path.string());
}

void check(const Walkthrough& w, const scene::Scene& scene) {
    const JsonReader in(w.source);
    auto known = [&](const std::string& name) { return scene.findMesh(name) || scene.findLandmark(name); };
    for (std::size_t i = 0; i < w.steps.size(); ++i) {
        const Step& s = w.steps[i];
        const std::string place = JsonReader::index("steps", i);
        for (const auto& [layer, opacity] : s.layers)
            if (!scene.findLayer(layer)) in.fail(place + ".layers." + layer, "the model has no such layer");
        for (std::size_t k = 0; k < s.highlight.size(); ++k)
            if (!scene.findMesh(s.highlight[k])) in.fail(JsonReader::index(place + ".highlight", k), "the model has no structure \"" + s.highlight[k] + "\"");
        for (std::size_t k = 0; k < s.labels.size(); ++k)
            if (!known(s.labels[k])) in.fail(JsonReader::index(place + ".labels", k), "the model has no landmark or structure \"" + s.labels[k] + "\"");
        if (s.camera && s.camera->target && !known(*s.camera->target))
            in.fail(place + ".camera.target", "the model has no landmark or structure \"" + *s.camera->target + "\"");
    }
}

}  // namespace palpa::walkthrough
