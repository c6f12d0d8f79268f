// The skinned hand: building the mesh (once a process) and posing it (every frame, per hand).
#include <benchmark/benchmark.h>

#include <vector>

#include <glm/gtc/quaternion.hpp>

#include "input/hand_mesh.hpp"

namespace {

using namespace palpa::input;

void BM_BuildHandMesh(benchmark::State& state) {
    for (auto _ : state) benchmark::DoNotOptimize(buildHandMesh(Hand::Right));
}
BENCHMARK(BM_BuildHandMesh)->Unit(benchmark::kMillisecond);

void BM_PoseHandMesh(benchmark::State& state) {
    const HandMesh mesh = buildHandMesh(Hand::Right);
    HandPose pose = mesh.rest;
    const glm::quat curl = glm::angleAxis(0.6f, glm::vec3(1, 0, 0));
    for (std::size_t j = 7; j <= 25; ++j) pose[j].orientation = curl * pose[j].orientation;
    std::vector<glm::vec3> p(mesh.vertexCount()), n(mesh.vertexCount());
    for (auto _ : state) {
        mesh.pose(pose, p.data(), n.data());
        benchmark::DoNotOptimize(p.data());
    }
    state.counters["vertices"] = static_cast<double>(mesh.vertexCount());
    state.counters["triangles"] = static_cast<double>(mesh.indices.size() / 3);
}
BENCHMARK(BM_PoseHandMesh)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
