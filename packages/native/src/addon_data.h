// Per-environment addon state (one per main thread or worker_thread).
// Owned by the environment through napi instance data; freed at its teardown.
#pragma once

#include <napi.h>

#include <memory>
#include <unordered_map>

#include "network_pool.h"

namespace gssnative {

struct AddonData {
  Napi::FunctionReference nameClass;
  Napi::FunctionReference credClass;
  Napi::FunctionReference contextClass;
  // JavaScript's Buffer.allocUnsafe, set by the loader: pooled allocation there
  // is several times cheaper than creating a Buffer through Node-API.
  Napi::FunctionReference allocateBuffer;
  // Set by the environment's cleanup hook: from then on no JavaScript runs.
  bool closing = false;
  // Brings calls finished on the network pool back to this environment.
  std::shared_ptr<NetworkQueue> network;
  // Result property names, created once per environment (see fields.h): the
  // strings live in `keyStrings` (Node-API 8 can only reference objects), at the
  // index `keyIndex` maps the address of the naming string literal to.
  Napi::ObjectReference keyStrings;
  std::unordered_map<const char*, uint32_t> keyIndex;

  static AddonData& Of(Napi::Env env) { return *env.GetInstanceData<AddonData>(); }
};

}  // namespace gssnative
