// Result objects built on the main thread. Property names are created once per
// environment and reused, since making a V8 string for each property of each
// result dominated the cost of a fast call such as gss_wrap on small messages.
#pragma once

#include <napi.h>

#include "addon_data.h"

namespace gssnative {

class Fields {
 public:
  explicit Fields(Napi::Env env) : env_(env), object_(Napi::Object::New(env)) {}

  // `key` must be a string literal (its address identifies the cached name).
  void Set(const char* key, Napi::Value value) { object_.Set(Key(key), value); }

  Napi::Object object() const { return object_; }

 private:
  Napi::String Key(const char* key) {
    AddonData& data = AddonData::Of(env_);
    if (data.keyStrings.IsEmpty()) data.keyStrings = Napi::Persistent(Napi::Object(Napi::Array::New(env_)));
    Napi::Object strings = data.keyStrings.Value();
    auto found = data.keyIndex.find(key);
    if (found != data.keyIndex.end()) return strings.Get(found->second).As<Napi::String>();
    Napi::String name = Napi::String::New(env_, key);
    uint32_t index = static_cast<uint32_t>(data.keyIndex.size());
    strings.Set(index, name);
    data.keyIndex.emplace(key, index);
    return name;
  }

  Napi::Env env_;
  Napi::Object object_;
};

}  // namespace gssnative
