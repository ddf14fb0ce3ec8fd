// Per-environment addon state (one per main thread or worker_thread).
// Owned by the environment through napi instance data; freed at its teardown.
#pragma once

#include <napi.h>

namespace gssnative {

struct AddonData {
  Napi::FunctionReference nameClass;
  Napi::FunctionReference credClass;
  Napi::FunctionReference contextClass;

  static AddonData& Of(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }
};

}  // namespace gssnative
