#include "scene/exporter.hpp"

#include <memory>

#include <assimp/Exporter.hpp>
#include <assimp/material.h>
#include <assimp/scene.h>

#include "core/error.hpp"

namespace palpa::scene {
namespace {

aiNode* makeNode(const std::string& name, aiNode* parent) {
    auto* node = new aiNode(name);
    node->mParent = parent;
    return node;
}

void setChildren(aiNode* node, const std::vector<aiNode*>& children) {
    node->mNumChildren = static_cast<unsigned>(children.size());
    node->mChildren = children.empty() ? nullptr : new aiNode*[children.size()];
    for (std::size_t i = 0; i < children.size(); ++i) node->mChildren[i] = children[i];
}

aiMesh* toAssimp(const Mesh& src) {
    auto* mesh = new aiMesh();
    mesh->mName = src.name;
    mesh->mPrimitiveTypes = aiPrimitiveType_TRIANGLE;
    mesh->mMaterialIndex = src.material;
    mesh->mNumVertices = static_cast<unsigned>(src.vertices.size());
    mesh->mVertices = new aiVector3D[src.vertices.size()];
    mesh->mNormals = new aiVector3D[src.vertices.size()];
    for (std::size_t i = 0; i < src.vertices.size(); ++i) {
        const Vertex& v = src.vertices[i];
        mesh->mVertices[i] = aiVector3D(v.position.x, v.position.y, v.position.z);
        mesh->mNormals[i] = aiVector3D(v.normal.x, v.normal.y, v.normal.z);
    }
    mesh->mNumFaces = static_cast<unsigned>(src.triangleCount());
    mesh->mFaces = new aiFace[mesh->mNumFaces];
    for (unsigned f = 0; f < mesh->mNumFaces; ++f) {
        aiFace& face = mesh->mFaces[f];
        face.mNumIndices = 3;
        face.mIndices = new unsigned[3]{src.indices[f * 3], src.indices[f * 3 + 1], src.indices[f * 3 + 2]};
    }
    return mesh;
}

aiMaterial* toAssimp(const Material& src) {
    auto* mat = new aiMaterial();
    const aiString name(src.name);
    mat->AddProperty(&name, AI_MATKEY_NAME);
    const aiColor4D c(src.base_color.r, src.base_color.g, src.base_color.b, src.base_color.a);
    mat->AddProperty(&c, 1, AI_MATKEY_BASE_COLOR);
    mat->AddProperty(&c, 1, AI_MATKEY_COLOR_DIFFUSE);
    const float metallic = 0.0f, roughness = 0.6f;
    mat->AddProperty(&metallic, 1, AI_MATKEY_METALLIC_FACTOR);
    mat->AddProperty(&roughness, 1, AI_MATKEY_ROUGHNESS_FACTOR);
    return mat;
}

}  // namespace

void exportScene(const Scene& scene, const std::filesystem::path& path, const std::string& formatId,
                 const std::string& rootName) {
    if (scene.meshes.empty()) throw Error("cannot export " + path.string() + ": the scene has no mesh");
    auto ai = std::make_unique<aiScene>();  // owns everything below through its destructor
    ai->mNumMaterials = static_cast<unsigned>(scene.materials.size());
    ai->mMaterials = new aiMaterial*[ai->mNumMaterials];
    for (std::size_t i = 0; i < scene.materials.size(); ++i) ai->mMaterials[i] = toAssimp(scene.materials[i]);
    ai->mNumMeshes = static_cast<unsigned>(scene.meshes.size());
    ai->mMeshes = new aiMesh*[ai->mNumMeshes];
    for (std::size_t i = 0; i < scene.meshes.size(); ++i) ai->mMeshes[i] = toAssimp(scene.meshes[i]);

    ai->mRootNode = makeNode(rootName, nullptr);
    std::vector<aiNode*> top;
    for (std::size_t l = 0; l < scene.layers.size(); ++l) {
        aiNode* group = makeNode("layer_" + scene.layers[l].name, ai->mRootNode);
        std::vector<aiNode*> children;
        for (std::uint32_t m : scene.layers[l].meshes) {
            aiNode* node = makeNode(scene.meshes[m].name, group);
            node->mNumMeshes = 1;
            node->mMeshes = new unsigned[1]{m};
            children.push_back(node);
        }
        setChildren(group, children);
        top.push_back(group);
    }
    if (!scene.landmarks.empty()) {
        aiNode* group = makeNode("landmarks", ai->mRootNode);
        std::vector<aiNode*> children;
        for (const Landmark& lm : scene.landmarks) {
            aiNode* node = makeNode(lm.name, group);
            node->mTransformation = aiMatrix4x4();
            node->mTransformation.a4 = lm.position.x;
            node->mTransformation.b4 = lm.position.y;
            node->mTransformation.c4 = lm.position.z;
            children.push_back(node);
        }
        setChildren(group, children);
        top.push_back(group);
    }
    setChildren(ai->mRootNode, top);

    Assimp::Exporter exporter;
    if (exporter.Export(ai.get(), formatId, path.string()) != AI_SUCCESS)
        throw Error("cannot export " + path.string() + " as " + formatId + ": " + exporter.GetErrorString());
}

}  // namespace palpa::scene
