// Controllers: action sets, actions, /interaction_profiles/khr/simple_controller bindings and
// their states (select and menu clicks on scripted frames, grip and aim poses at the palm,
// oriented as OpenXR's grip).
#include <algorithm>

#include "xrsim.hpp"

namespace palpa::xrsim {

namespace {

struct SourceName {
    const char* suffix;
    Source source;
};
const SourceName kSources[] = {
    {"/input/select/click", Source::Select}, {"/input/select", Source::Select},  {"/input/menu/click", Source::Menu},
    {"/input/menu", Source::Menu},           {"/input/grip/pose", Source::Grip}, {"/input/grip", Source::Grip},
    {"/input/aim/pose", Source::Aim},        {"/input/aim", Source::Aim},        {"/output/haptic", Source::Haptic},
};
const char* const kTopLevelPaths[] = {"/user/hand/left", "/user/hand/right", "/user/head", "/user/gamepad",
                                      "/user/treadmill"};

template <std::size_t N>
XrResult checkName(const char (&name)[N]) {
    if (!terminated(name) || name[0] == '\0') return XR_ERROR_PATH_FORMAT_INVALID;
    for (const char* c = name; *c; ++c)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_' || *c == '.'))
            return XR_ERROR_PATH_FORMAT_INVALID;
    return XR_SUCCESS;
}

template <std::size_t N>
bool localizedOk(const char (&name)[N]) {
    return terminated(name) && name[0] != '\0';
}

bool topLevel(const Instance& instance, XrPath path) {
    const std::string* text = pathText(instance, path);
    if (!text) return false;
    for (const char* p : kTopLevelPaths)
        if (*text == p) return true;
    return false;
}

XrPath internPath(Instance& instance, const std::string& text) {
    if (const auto it = instance.path_ids.find(text); it != instance.path_ids.end()) return it->second;
    instance.paths.push_back(text);
    const auto id = static_cast<XrPath>(instance.paths.size());
    instance.path_ids.emplace(text, id);
    return id;
}

bool compatible(XrActionType type, Source source) {
    switch (source) {
        case Source::Select:
        case Source::Menu: return type == XR_ACTION_TYPE_BOOLEAN_INPUT || type == XR_ACTION_TYPE_FLOAT_INPUT;
        case Source::Grip:
        case Source::Aim: return type == XR_ACTION_TYPE_POSE_INPUT;
        case Source::Haptic: return type == XR_ACTION_TYPE_VIBRATION_OUTPUT;
    }
    return false;
}

bool isAttached(const Session& s, const ActionSet* set) {
    return std::find(s.attached.begin(), s.attached.end(), set) != s.attached.end();
}

bool bound(const Instance& instance, const Action* action, int hand, bool pose) {
    for (const Binding& b : instance.simple_bindings)
        if (b.action == action && b.hand == hand &&
            (pose ? (b.source == Source::Grip || b.source == Source::Aim)
                  : (b.source == Source::Select || b.source == Source::Menu)))
            return true;
    return false;
}

// The scripted button value of an action on a hand at a frame.
bool pressed(const Instance& instance, const Action* action, int hand, std::int64_t frame) {
    const Config& c = instance.config;
    bool on = false;
    for (const Binding& b : instance.simple_bindings) {
        if (b.action != action || b.hand != hand) continue;
        if (b.source == Source::Select) on = on || (hand == 0 ? c.select_left : c.select_right).count(frame);
        if (b.source == Source::Menu) on = on || (hand == 0 ? c.menu_left : c.menu_right).count(frame);
    }
    return on;
}

// Checks an action state query; fills the hands it covers.
// The hands a subaction path names: both for XR_NULL_PATH, else one of the action's own.
XrResult subactionHands(const Session& s, const Action& action, XrPath path, std::vector<int>& hands) {
    hands = {0, 1};
    if (path == XR_NULL_PATH) return XR_SUCCESS;
    if (!pathText(*s.instance, path)) return XR_ERROR_PATH_INVALID;
    const auto& subs = action.subactions;
    if (std::find(subs.begin(), subs.end(), path) == subs.end()) return XR_ERROR_PATH_UNSUPPORTED;
    const int hand = handOfPath(*s.instance, path);
    if (hand >= 0) hands = {hand};
    return XR_SUCCESS;
}

XrResult checkQuery(const Session& s, const XrActionStateGetInfo* info, XrActionType type, std::vector<int>& hands,
                    const Action*& action) {
    if (!info || info->type != XR_TYPE_ACTION_STATE_GET_INFO) return XR_ERROR_VALIDATION_FAILURE;
    action = find<Action>(info->action);
    if (!action) return XR_ERROR_HANDLE_INVALID;
    if (!isAttached(s, action->set)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (action->type != type) return XR_ERROR_ACTION_TYPE_MISMATCH;
    return subactionHands(s, *action, info->subactionPath, hands);
}

// The state over the given hands: active if any is, the value of any active one.
ActionState combined(const Session& s, const Action* action, const std::vector<int>& hands) {
    ActionState out;
    for (int h : hands) {
        const auto it = s.states.find({action, h});
        if (it == s.states.end() || !it->second.active) continue;
        out.active = true;
        out.value = out.value || it->second.value;
        out.changed = out.changed || it->second.changed;
        out.last_change = std::max(out.last_change, it->second.last_change);
    }
    return out;
}

}  // namespace

void destroyActionState(Session& s) {
    s.states.clear();
    s.attached.clear();
    s.profile_active = false;
}

std::optional<Pose> actionPoseInWorld(const Session& s, const Action& action, XrPath subaction, XrTime time) {
    const Instance& instance = *s.instance;
    if (!isAttached(s, action.set) || !s.profile_active) return std::nullopt;
    std::vector<int> hands{0, 1};
    if (subaction != XR_NULL_PATH) hands = {handOfPath(instance, subaction)};
    for (int h : hands) {
        if (h < 0 || !bound(instance, &action, h, true)) continue;
        const scoring::HandPose* hand = handAt(s, h, time);
        if (!hand) return std::nullopt;
        const scoring::JointPose& palm = (*hand)[scoring::kPalm];
        // OpenXR's grip keeps -Z toward the fingers and has +X normal to the palm: away from
        // it in the left hand (the back of the hand, the palm joint's +Y) and into it in the
        // right, so the grip is the palm turned a quarter about Z.
        const float quarter = (h == 0 ? 0.5f : -0.5f) * 3.14159265f;
        const glm::quat grip = palm.orientation * glm::angleAxis(quarter, glm::vec3(0.0f, 0.0f, 1.0f));
        return instance.world.patientToWorld(palm.position, grip);
    }
    return std::nullopt;
}

XrResult xrCreateActionSet(XrInstance handle, const XrActionSetCreateInfo* info, XrActionSet* out) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_ACTION_SET_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (const XrResult r = checkName(info->actionSetName); XR_FAILED(r)) return r;
        if (!localizedOk(info->localizedActionSetName)) return XR_ERROR_LOCALIZED_NAME_INVALID;
        for (const auto& set : instance->action_sets)
            if (alive(set.get()) && set->name == info->actionSetName)
                return XR_ERROR_NAME_DUPLICATED;
        auto set = std::make_unique<ActionSet>(instance);
        set->name = info->actionSetName;
        set->priority = info->priority;
        instance->action_sets.push_back(std::move(set));
        *out = handleOf<XrActionSet>(instance->action_sets.back().get());
        return XR_SUCCESS;
    });
}

XrResult xrDestroyActionSet(XrActionSet handle) {
    return guarded([&]() -> XrResult {
        ActionSet* set = find<ActionSet>(handle);
        if (!set) return XR_ERROR_HANDLE_INVALID;
        // The handles go; the objects stay until the instance does (sessions still read them).
        for (const auto& action : set->actions) untrack(action.get());
        untrack(set);
        return XR_SUCCESS;
    });
}

XrResult xrCreateAction(XrActionSet handle, const XrActionCreateInfo* info, XrAction* out) {
    return guarded([&]() -> XrResult {
        ActionSet* set = find<ActionSet>(handle);
        if (!set) return XR_ERROR_HANDLE_INVALID;
        if (const XrResult r = instanceLost(*set->instance); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_ACTION_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
        switch (info->actionType) {
            case XR_ACTION_TYPE_BOOLEAN_INPUT:
            case XR_ACTION_TYPE_FLOAT_INPUT:
            case XR_ACTION_TYPE_VECTOR2F_INPUT:
            case XR_ACTION_TYPE_POSE_INPUT:
            case XR_ACTION_TYPE_VIBRATION_OUTPUT: break;
            default: return XR_ERROR_VALIDATION_FAILURE;
        }
        if (const XrResult r = checkName(info->actionName); XR_FAILED(r)) return r;
        if (!localizedOk(info->localizedActionName)) return XR_ERROR_LOCALIZED_NAME_INVALID;
        for (const auto& a : set->actions)
            if (alive(a.get()) && a->name == info->actionName) return XR_ERROR_NAME_DUPLICATED;
        if (info->countSubactionPaths > 0 && !info->subactionPaths) return XR_ERROR_VALIDATION_FAILURE;
        std::vector<XrPath> subs;
        for (std::uint32_t i = 0; i < info->countSubactionPaths; ++i) {
            const XrPath p = info->subactionPaths[i];
            if (!pathText(*set->instance, p)) return XR_ERROR_PATH_INVALID;
            if (!topLevel(*set->instance, p)) return XR_ERROR_PATH_UNSUPPORTED;
            if (std::find(subs.begin(), subs.end(), p) != subs.end()) return XR_ERROR_VALIDATION_FAILURE;
            subs.push_back(p);
        }
        auto action = std::make_unique<Action>(set);
        action->name = info->actionName;
        action->type = info->actionType;
        action->subactions = std::move(subs);
        set->actions.push_back(std::move(action));
        *out = handleOf<XrAction>(set->actions.back().get());
        return XR_SUCCESS;
    });
}

XrResult xrDestroyAction(XrAction handle) {
    return guarded([&]() -> XrResult {
        Action* action = find<Action>(handle);
        if (!action) return XR_ERROR_HANDLE_INVALID;
        untrack(action);  // kept allocated: action spaces may still name it
        return XR_SUCCESS;
    });
}

XrResult xrSuggestInteractionProfileBindings(XrInstance handle, const XrInteractionProfileSuggestedBinding* info) {
    return guarded([&]() -> XrResult {
        Instance* instance = nullptr;
        if (const XrResult r = liveInstance(handle, instance); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_INTERACTION_PROFILE_SUGGESTED_BINDING || info->countSuggestedBindings == 0 ||
            !info->suggestedBindings)
            return XR_ERROR_VALIDATION_FAILURE;
        const std::string* profile = pathText(*instance, info->interactionProfile);
        if (!profile) return XR_ERROR_PATH_INVALID;
        if (*profile != kSimpleController) return XR_ERROR_PATH_UNSUPPORTED;
        for (const auto& set : instance->action_sets)
            if (set->attached) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
        std::vector<Binding> bindings;
        for (std::uint32_t i = 0; i < info->countSuggestedBindings; ++i) {
            const XrActionSuggestedBinding& b = info->suggestedBindings[i];
            const Action* action = find<Action>(b.action);
            if (!action) return XR_ERROR_HANDLE_INVALID;
            const std::string* text = pathText(*instance, b.binding);
            if (!text) return XR_ERROR_PATH_INVALID;
            int hand = -1;
            std::string rest;
            for (int h = 0; h < 2 && hand < 0; ++h) {
                const std::string prefix = h == 0 ? "/user/hand/left" : "/user/hand/right";
                if (text->compare(0, prefix.size(), prefix) == 0) {
                    hand = h;
                    rest = text->substr(prefix.size());
                }
            }
            const SourceName* source = nullptr;
            for (const SourceName& s : kSources)
                if (hand >= 0 && rest == s.suffix) source = &s;
            if (!source) return XR_ERROR_PATH_UNSUPPORTED;
            // A binding the action's type cannot read is ignored, as the spec's conversion rules allow.
            if (compatible(action->type, source->source)) bindings.push_back({action, hand, source->source});
        }
        instance->simple_bindings = std::move(bindings);
        instance->simple_suggested = true;
        return XR_SUCCESS;
    });
}

XrResult xrAttachSessionActionSets(XrSession handle, const XrSessionActionSetsAttachInfo* info) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_SESSION_ACTION_SETS_ATTACH_INFO || info->countActionSets == 0 ||
            !info->actionSets)
            return XR_ERROR_VALIDATION_FAILURE;
        if (!s->attached.empty()) return XR_ERROR_ACTIONSETS_ALREADY_ATTACHED;
        std::vector<ActionSet*> sets;
        for (std::uint32_t i = 0; i < info->countActionSets; ++i) {
            ActionSet* set = find<ActionSet>(info->actionSets[i]);
            if (!set || set->instance != s->instance) return XR_ERROR_HANDLE_INVALID;
            sets.push_back(set);
        }
        for (ActionSet* set : sets) set->attached = true;
        s->attached = std::move(sets);
        if (s->instance->simple_suggested) {
            s->profile_active = true;
            XrEventDataInteractionProfileChanged e{XR_TYPE_EVENT_DATA_INTERACTION_PROFILE_CHANGED};
            e.session = handle;
            XrEventDataBuffer buffer{XR_TYPE_EVENT_DATA_BUFFER};
            std::memcpy(&buffer, &e, sizeof(e));
            queueEvent(*s->instance, buffer,
                       "session " + std::to_string(s->number) + " interaction profile " + kSimpleController);
        }
        return XR_SUCCESS;
    });
}

XrResult xrSyncActions(XrSession handle, const XrActionsSyncInfo* info) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || info->type != XR_TYPE_ACTIONS_SYNC_INFO ||
            (info->countActiveActionSets > 0 && !info->activeActionSets))
            return XR_ERROR_VALIDATION_FAILURE;
        if (s->attached.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
        const Instance& instance = *s->instance;
        // Which hands each active set listens to this sync.
        std::map<const ActionSet*, std::array<bool, 2>> active;
        for (std::uint32_t i = 0; i < info->countActiveActionSets; ++i) {
            const XrActiveActionSet& a = info->activeActionSets[i];
            const ActionSet* set = find<ActionSet>(a.actionSet);
            if (!set) return XR_ERROR_HANDLE_INVALID;
            if (!isAttached(*s, set)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
            if (a.subactionPath != XR_NULL_PATH && !pathText(instance, a.subactionPath)) return XR_ERROR_PATH_INVALID;
            if (a.subactionPath != XR_NULL_PATH && !topLevel(instance, a.subactionPath))
                return XR_ERROR_PATH_UNSUPPORTED;
            const int hand = handOfPath(instance, a.subactionPath);
            auto& hands = active[set];
            for (int h = 0; h < 2; ++h) hands[h] = hands[h] || a.subactionPath == XR_NULL_PATH || hand == h;
        }
        const bool focused = s->state == XR_SESSION_STATE_FOCUSED;
        for (const ActionSet* set : s->attached) {
            const auto listening = active.find(set);
            for (const auto& action : set->actions) {
                for (int h = 0; h < 2; ++h) {
                    const bool pose = action->type == XR_ACTION_TYPE_POSE_INPUT;
                    ActionState& st = s->states[{action.get(), h}];
                    const ActionState before = st;
                    st.active = focused && s->profile_active && listening != active.end() && listening->second[h] &&
                                bound(instance, action.get(), h, pose) &&
                                (!pose || handAt(*s, h, s->frame_time) != nullptr);
                    st.value = st.active && !pose && pressed(instance, action.get(), h, s->frame);
                    st.changed = st.active && before.active && st.value != before.value;
                    if (st.changed) st.last_change = s->frame_time;
                }
            }
        }
        return focused ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
    });
}

XrResult xrGetActionStateBoolean(XrSession handle, const XrActionStateGetInfo* info, XrActionStateBoolean* state) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!state || state->type != XR_TYPE_ACTION_STATE_BOOLEAN) return XR_ERROR_VALIDATION_FAILURE;
        std::vector<int> hands;
        const Action* action = nullptr;
        if (const XrResult r = checkQuery(*s, info, XR_ACTION_TYPE_BOOLEAN_INPUT, hands, action); XR_FAILED(r))
            return r;
        const ActionState c = combined(*s, action, hands);
        state->isActive = c.active ? XR_TRUE : XR_FALSE;
        state->currentState = c.value ? XR_TRUE : XR_FALSE;
        state->changedSinceLastSync = c.changed ? XR_TRUE : XR_FALSE;
        state->lastChangeTime = c.last_change;
        return XR_SUCCESS;
    });
}

XrResult xrGetActionStateFloat(XrSession handle, const XrActionStateGetInfo* info, XrActionStateFloat* state) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!state || state->type != XR_TYPE_ACTION_STATE_FLOAT) return XR_ERROR_VALIDATION_FAILURE;
        std::vector<int> hands;
        const Action* action = nullptr;
        if (const XrResult r = checkQuery(*s, info, XR_ACTION_TYPE_FLOAT_INPUT, hands, action); XR_FAILED(r)) return r;
        const ActionState c = combined(*s, action, hands);
        state->isActive = c.active ? XR_TRUE : XR_FALSE;
        state->currentState = c.value ? 1.0f : 0.0f;
        state->changedSinceLastSync = c.changed ? XR_TRUE : XR_FALSE;
        state->lastChangeTime = c.last_change;
        return XR_SUCCESS;
    });
}

XrResult xrGetActionStatePose(XrSession handle, const XrActionStateGetInfo* info, XrActionStatePose* state) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!state || state->type != XR_TYPE_ACTION_STATE_POSE) return XR_ERROR_VALIDATION_FAILURE;
        std::vector<int> hands;
        const Action* action = nullptr;
        if (const XrResult r = checkQuery(*s, info, XR_ACTION_TYPE_POSE_INPUT, hands, action); XR_FAILED(r)) return r;
        state->isActive = combined(*s, action, hands).active ? XR_TRUE : XR_FALSE;
        return XR_SUCCESS;
    });
}

XrResult xrCreateActionSpace(XrSession handle, const XrActionSpaceCreateInfo* info, XrSpace* out) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!info || !out || info->type != XR_TYPE_ACTION_SPACE_CREATE_INFO) return XR_ERROR_VALIDATION_FAILURE;
        const Action* action = find<Action>(info->action);
        if (!action) return XR_ERROR_HANDLE_INVALID;
        if (action->type != XR_ACTION_TYPE_POSE_INPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
        if (info->subactionPath != XR_NULL_PATH) {
            if (!pathText(*s->instance, info->subactionPath)) return XR_ERROR_PATH_INVALID;
            const auto& subs = action->subactions;
            if (std::find(subs.begin(), subs.end(), info->subactionPath) == subs.end())
                return XR_ERROR_PATH_UNSUPPORTED;
        }
        if (!validPose(info->poseInActionSpace)) return XR_ERROR_POSE_INVALID;
        auto space = std::make_unique<Space>(s);
        space->is_action = true;
        space->action = action;
        space->subaction = info->subactionPath;
        space->offset = fromXr(info->poseInActionSpace);
        s->spaces.push_back(std::move(space));
        *out = handleOf<XrSpace>(s->spaces.back().get());
        return XR_SUCCESS;
    });
}

XrResult xrGetCurrentInteractionProfile(XrSession handle, XrPath topLevelUserPath, XrInteractionProfileState* state) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        if (!state || state->type != XR_TYPE_INTERACTION_PROFILE_STATE) return XR_ERROR_VALIDATION_FAILURE;
        if (!pathText(*s->instance, topLevelUserPath)) return XR_ERROR_PATH_INVALID;
        if (!topLevel(*s->instance, topLevelUserPath)) return XR_ERROR_PATH_UNSUPPORTED;
        if (s->attached.empty()) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
        const bool hand = handOfPath(*s->instance, topLevelUserPath) >= 0;
        state->interactionProfile =
            hand && s->profile_active ? internPath(*s->instance, kSimpleController) : XR_NULL_PATH;
        return XR_SUCCESS;
    });
}

namespace {

// A haptic action of the session's attached sets, on a hand it names (or both).
XrResult checkHaptic(const Session& s, const XrHapticActionInfo* info, std::vector<int>& hands) {
    if (!info || info->type != XR_TYPE_HAPTIC_ACTION_INFO) return XR_ERROR_VALIDATION_FAILURE;
    const Action* action = find<Action>(info->action);
    if (!action) return XR_ERROR_HANDLE_INVALID;
    if (!isAttached(s, action->set)) return XR_ERROR_ACTIONSET_NOT_ATTACHED;
    if (action->type != XR_ACTION_TYPE_VIBRATION_OUTPUT) return XR_ERROR_ACTION_TYPE_MISMATCH;
    return subactionHands(s, *action, info->subactionPath, hands);
}

}  // namespace

XrResult xrApplyHapticFeedback(XrSession handle, const XrHapticActionInfo* info, const XrHapticBaseHeader* feedback) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        std::vector<int> hands;
        if (const XrResult r = checkHaptic(*s, info, hands); XR_FAILED(r)) return r;
        if (!feedback || feedback->type != XR_TYPE_HAPTIC_VIBRATION) return XR_ERROR_VALIDATION_FAILURE;
        const auto* v = reinterpret_cast<const XrHapticVibration*>(feedback);
        if (!(v->amplitude >= 0.0f && v->amplitude <= 1.0f) || v->duration < XR_MIN_HAPTIC_DURATION)
            return XR_ERROR_VALIDATION_FAILURE;
        // Felt only while the session is focused, as on a real runtime.
        if (s->state != XR_SESSION_STATE_FOCUSED) return XR_SESSION_NOT_FOCUSED;
        for (int h : hands) ++s->haptic_pulses[static_cast<std::size_t>(h)];
        return XR_SUCCESS;
    });
}

XrResult xrStopHapticFeedback(XrSession handle, const XrHapticActionInfo* info) {
    return guarded([&]() -> XrResult {
        Session* s = nullptr;
        if (const XrResult r = liveSession(handle, s); XR_FAILED(r)) return r;
        std::vector<int> hands;
        if (const XrResult r = checkHaptic(*s, info, hands); XR_FAILED(r)) return r;
        return s->state == XR_SESSION_STATE_FOCUSED ? XR_SUCCESS : XR_SESSION_NOT_FOCUSED;
    });
}

}  // namespace palpa::xrsim

