// Module entry: per-environment state, handle classes, library loading and the
// registration of every operation. Safe to load in any number of threads.
#include <napi.h>

#include "addon_data.h"
#include "contexts.h"
#include "contexts_ext.h"
#include "creds.h"
#include "creds_ext.h"
#include "handles.h"
#include "iov.h"
#include "krb5_ext.h"
#include "library.h"
#include "marshal.h"
#include "mechs_ext.h"
#include "messages.h"
#include "misc.h"
#include "names.h"
#include "names_ext.h"

namespace gssnative {
namespace {

// loadLibrary(path) -> { loaded, path, error?, missingRequired[], optional{}, oids{} }
Napi::Value JsLoadLibrary(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const LoadState& state = LoadLibrary(info[0].As<Napi::String>().Utf8Value());
  Napi::Object result = Napi::Object::New(env);
  result.Set("loaded", Napi::Boolean::New(env, state.loaded));
  result.Set("path", Napi::String::New(env, state.path));
  if (!state.error.empty()) result.Set("error", Napi::String::New(env, state.error));
  Napi::Array missing = Napi::Array::New(env, state.missingRequired.size());
  for (uint32_t i = 0; i < state.missingRequired.size(); ++i) {
    missing.Set(i, Napi::String::New(env, state.missingRequired[i]));
  }
  result.Set("missingRequired", missing);
  Napi::Object optional = Napi::Object::New(env);
  for (const LoadedSymbol& symbol : state.optional) {
    optional.Set(symbol.name, Napi::Boolean::New(env, symbol.present));
  }
  result.Set("optional", optional);
  Napi::Object oids = Napi::Object::New(env);
  for (const LoadedOid& oid : state.oids) {
    if (oid.oid != nullptr) oids.Set(oid.name, OidToJs(env, oid.oid));
  }
  result.Set("oids", oids);
  return result;
}

// setBufferAllocator(allocate: (length) => Buffer)
Napi::Value JsSetBufferAllocator(const Napi::CallbackInfo& info) {
  AddonData::Of(info.Env()).allocateBuffer = Napi::Persistent(info[0].As<Napi::Function>());
  return info.Env().Undefined();
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  auto* data = new AddonData();
  env.SetInstanceData(data);
  data->network = NetworkQueue::Create(env);
  env.AddCleanupHook([data] {
    data->closing = true;
    data->network->Close();
  });
  exports.Set("Name", NameHandle::Define(env));
  exports.Set("Creds", CredHandle::Define(env));
  exports.Set("SecurityContext", ContextHandle::Define(env));
  exports.Set("loadLibrary", Napi::Function::New(env, JsLoadLibrary, "loadLibrary"));
  exports.Set("setBufferAllocator", Napi::Function::New(env, JsSetBufferAllocator, "setBufferAllocator"));
  RegisterNames(env, exports);
  RegisterCreds(env, exports);
  RegisterCredsExt(env, exports);
  RegisterContexts(env, exports);
  RegisterContextsExt(env, exports);
  RegisterKrb5(env, exports);
  RegisterMessages(env, exports);
  RegisterDce(env, exports);
  RegisterMisc(env, exports);
  RegisterNamesExt(env, exports);
  RegisterMechsExt(env, exports);
  return exports;
}

}  // namespace
}  // namespace gssnative

static Napi::Object InitGssapiNative(Napi::Env env, Napi::Object exports) {
  return gssnative::Init(env, exports);
}

NODE_API_MODULE(gssapi_native, InitGssapiNative)
