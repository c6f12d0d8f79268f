#include "scene/loader.hpp"

#include "scene/gltf_check.hpp"

#include <assimp/Importer.hpp>
#include <assimp/material.h>
#include <assimp/postprocess.h>
#include <assimp/scene.h>
#include <glm/geometric.hpp>
#include <glm/matrix.hpp>

#include "core/error.hpp"
#include "core/log.hpp"

namespace palpa::scene {
namespace {

// Flags kept minimal so our load stays close to a raw import: triangulate polygons, drop
// points and lines, and generate smooth normals only where a mesh has none.
constexpr unsigned kImportFlags =
    aiProcess_Triangulate | aiProcess_SortByPType | aiProcess_GenSmoothNormals;

glm::mat4 toGlm(const aiMatrix4x4& m) {
    // Assimp is row-major; glm is column-major.
    return glm::mat4(m.a1, m.b1, m.c1, m.d1, m.a2, m.b2, m.c2, m.d2, m.a3, m.b3, m.c3, m.d3, m.a4,
                     m.b4, m.c4, m.d4);
}

Material readMaterial(const aiMaterial* src, std::size_t index) {
    Material out;
    aiString name;
    out.name = src->Get(AI_MATKEY_NAME, name) == AI_SUCCESS && name.length > 0
                   ? std::string(name.C_Str())
                   : "material_" + std::to_string(index);
    aiColor4D c;
    if (src->Get(AI_MATKEY_BASE_COLOR, c) == AI_SUCCESS ||
        src->Get(AI_MATKEY_COLOR_DIFFUSE, c) == AI_SUCCESS)
        out.base_color = {c.r, c.g, c.b, c.a};
    float opacity = 1.0f;
    if (src->Get(AI_MATKEY_OPACITY, opacity) == AI_SUCCESS && opacity < out.base_color.a)
        out.base_color.a = opacity;
    return out;
}

struct Builder {
    const aiScene* ai;
    const LayerMap& map;
    glm::mat4 patientFromModel;
    Scene scene;
    std::vector<std::string> unassigned;

    void visit(const aiNode* node, const glm::mat4& parent) {
        const glm::mat4 world = parent * toGlm(node->mTransformation);
        for (unsigned i = 0; i < node->mNumMeshes; ++i) addMesh(ai->mMeshes[node->mMeshes[i]], node, world);
        for (unsigned i = 0; i < node->mNumChildren; ++i) visit(node->mChildren[i], world);
    }

    void addMesh(const aiMesh* src, const aiNode* node, const glm::mat4& world) {
        if (!(src->mPrimitiveTypes & aiPrimitiveType_TRIANGLE) || src->mNumFaces == 0) return;
        std::string name = src->mName.length > 0 ? src->mName.C_Str() : node->mName.C_Str();
        const int layer = map.layerFor(name);
        if (layer < 0) {
            unassigned.push_back(name);
            return;
        }
        const glm::mat4 toPatient = patientFromModel * world;
        const glm::mat3 normalMatrix = glm::transpose(glm::inverse(glm::mat3(toPatient)));
        Mesh mesh;
        mesh.name = std::move(name);
        mesh.layer = static_cast<std::uint32_t>(layer);
        mesh.material = src->mMaterialIndex < scene.materials.size() ? src->mMaterialIndex : 0;
        mesh.vertices.resize(src->mNumVertices);
        for (unsigned v = 0; v < src->mNumVertices; ++v) {
            const aiVector3D& p = src->mVertices[v];
            const glm::vec3 pos = glm::vec3(toPatient * glm::vec4(p.x, p.y, p.z, 1.0f));
            glm::vec3 n(0.0f, 1.0f, 0.0f);
            if (src->mNormals) {
                const aiVector3D& sn = src->mNormals[v];
                const glm::vec3 t = normalMatrix * glm::vec3(sn.x, sn.y, sn.z);
                const float len = glm::length(t);
                if (len > 0.0f) n = t / len;
            }
            mesh.vertices[v] = {pos, n};
            mesh.bounds.add(pos);
        }
        mesh.indices.reserve(static_cast<std::size_t>(src->mNumFaces) * 3);
        for (unsigned f = 0; f < src->mNumFaces; ++f) {
            const aiFace& face = src->mFaces[f];
            if (face.mNumIndices != 3) continue;
            mesh.indices.insert(mesh.indices.end(), {face.mIndices[0], face.mIndices[1], face.mIndices[2]});
        }
        scene.layers[static_cast<std::size_t>(layer)].meshes.push_back(
            static_cast<std::uint32_t>(scene.meshes.size()));
        scene.meshes.push_back(std::move(mesh));
    }
};

}  // namespace

Scene loadScene(const std::filesystem::path& model, const LayerMap& map) {
    const std::string file = model.string();
    std::error_code ec;
    if (!std::filesystem::exists(model, ec)) throw InputError(file, "", "no such file");
    if (std::filesystem::is_directory(model, ec)) throw InputError(file, "", "is a directory, expected a model file");

    checkGltf(model);  // a malformed or hostile glTF is refused before Assimp reads it
    Assimp::Importer importer;
    const aiScene* ai = importer.ReadFile(file, kImportFlags);
    if (!ai || !ai->mRootNode || (ai->mFlags & AI_SCENE_FLAGS_INCOMPLETE)) {
        std::string why = importer.GetErrorString();
        if (why.empty()) why = "the file holds no complete scene";
        throw InputError(file, "", "cannot read as a 3D model: " + why);
    }

    glm::mat4 patientFromModel(map.axes * map.scale);
    Builder b{ai, map, patientFromModel, {}, {}};
    for (const LayerRule& rule : map.layers) b.scene.layers.push_back({rule.name, {}});
    for (unsigned i = 0; i < ai->mNumMaterials; ++i) b.scene.materials.push_back(readMaterial(ai->mMaterials[i], i));
    if (b.scene.materials.empty()) b.scene.materials.push_back({"default", {0.8f, 0.8f, 0.8f, 1.0f}});
    b.visit(ai->mRootNode, glm::mat4(1.0f));

    const std::string mapName = map.source.empty() ? std::string("layer map") : map.source;
    if (b.scene.meshes.empty())
        throw InputError(mapName, "layers",
                         "no pattern matches any of the " + std::to_string(ai->mNumMeshes) +
                             " meshes of " + file);
    for (const std::string& required : map.required_layers) {
        const Layer* layer = b.scene.findLayer(required);
        if (!layer || layer->meshes.empty())
            throw InputError(file, "layer \"" + required + "\"",
                             "no mesh falls in this required layer (check " + mapName + ")");
    }
    if (!b.unassigned.empty())
        log::warn(file, ": ", b.unassigned.size(), " mesh(es) match no layer and were skipped, first \"",
                  b.unassigned.front(), "\"");

    b.scene.names = map.names;
    for (const auto& [name, nodeName] : map.landmarks) {
        const aiNode* node = ai->mRootNode->FindNode(nodeName.c_str());
        if (!node)
            throw InputError(file, "landmark \"" + name + "\"", "no node named \"" + nodeName + "\"");
        glm::mat4 world(1.0f);
        for (const aiNode* n = node; n; n = n->mParent) world = toGlm(n->mTransformation) * world;
        b.scene.landmarks.push_back({name, glm::vec3(patientFromModel * world * glm::vec4(0, 0, 0, 1))});
    }
    return std::move(b.scene);
}

Scene loadScene(const std::filesystem::path& model, const std::filesystem::path& layerMap) {
    std::filesystem::path mapPath = layerMap.empty() ? layerMapBeside(model) : layerMap;
    std::error_code ec;
    if (layerMap.empty() && !std::filesystem::exists(mapPath, ec)) {
        if (!std::filesystem::exists(model, ec)) throw InputError(model.string(), "", "no such file");
        throw InputError(model.string(), "",
                         "no layer map: expected " + mapPath.string() + " or --layer-map FILE");
    }
    return loadScene(model, LayerMap::load(mapPath));
}

}  // namespace palpa::scene
