// JavaScript objects owning GSSAPI handles: names, credentials, security contexts.
//
// Ownership: each object owns its handle and releases it exactly once, in
// release() or, failing that, when the object is collected or its environment
// is torn down. Library memory is never released from another thread.
//
// In-flight operations: an async operation pins the JavaScript object (a
// reference in its Keep) and counts itself in `inflight_`. release() while an
// operation runs marks the object released at once and frees the handle when
// the last operation finishes, so a pool thread never sees a freed handle.
//
// Security contexts are not thread-safe (RFC 2744): every call on one takes its
// mutex, and async calls on one context run one at a time, in call order.
// Credentials are read by many calls at once (one acceptor credential serves
// every connection); the few calls that change them in place (set_neg_mechs,
// set_cred_option, set_allowable_enctypes, add_cred with mutate) wait for the
// readers and keep them out meanwhile.
#pragma once

#include <napi.h>

#include <deque>
#include <mutex>
#include <shared_mutex>
#include <string>

#include "addon_data.h"
#include "library.h"
#include "network_pool.h"

namespace gssnative {

class HandleBase {
 public:
  virtual ~HandleBase() = default;
  bool released() const { return released_; }
  void BeginUse() { ++inflight_; }
  void EndUse() {
    if (--inflight_ == 0 && releasePending_) {
      releasePending_ = false;
      FreeHandle();
    }
  }
  void RequestRelease() {
    released_ = true;
    if (inflight_ == 0) {
      FreeHandle();
    } else {
      releasePending_ = true;
    }
  }

 protected:
  virtual void FreeHandle() = 0;

 private:
  int inflight_ = 0;  // main-thread only
  bool released_ = false;
  bool releasePending_ = false;
};

template <class Derived, class GssHandle>
class Handle : public Napi::ObjectWrap<Derived>, public HandleBase {
 public:
  GssHandle handle = nullptr;

  explicit Handle(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Derived>(info) {
    info.This().As<Napi::Object>().TypeTag(&Derived::kTag);
  }
  ~Handle() override { FreeHandle(); }

  static Napi::Function Define(Napi::Env env) {
    Napi::Function cls = Napi::ObjectWrap<Derived>::DefineClass(
        env, Derived::kClassName,
        {Napi::ObjectWrap<Derived>::InstanceMethod("release", &Handle::JsRelease),
         Napi::ObjectWrap<Derived>::InstanceAccessor("released", &Handle::JsReleased, nullptr),
         Napi::ObjectWrap<Derived>::InstanceAccessor("empty", &Handle::JsEmpty, nullptr)});
    AddonData::Of(env).*Derived::kClassRef = Napi::Persistent(cls);
    return cls;
  }

  // The handle object behind `value`; throws TypeError when it is not one.
  static Derived* From(Napi::Value value) {
    if (!value.IsObject() || !value.As<Napi::Object>().CheckTypeTag(&Derived::kTag)) {
      throw Napi::TypeError::New(value.Env(), std::string("expected a native ") + Derived::kClassName);
    }
    return Napi::ObjectWrap<Derived>::Unwrap(value.As<Napi::Object>());
  }

  // A new JavaScript object taking ownership of `h`.
  static Napi::Object Adopt(Napi::Env env, GssHandle h) {
    Napi::Object object = (AddonData::Of(env).*Derived::kClassRef).New({});
    From(object)->handle = h;
    return object;
  }

 protected:
  void FreeHandle() override {
    if (handle != nullptr) Derived::Free(handle);
    handle = nullptr;
  }

 private:
  Napi::Value JsRelease(const Napi::CallbackInfo& info) {
    if (!released()) RequestRelease();
    return info.Env().Undefined();
  }
  Napi::Value JsReleased(const Napi::CallbackInfo& info) {
    return Napi::Boolean::New(info.Env(), released());
  }
  Napi::Value JsEmpty(const Napi::CallbackInfo& info) {
    return Napi::Boolean::New(info.Env(), handle == nullptr);
  }
};

class NameHandle : public Handle<NameHandle, gss_name_t> {
 public:
  using Handle::Handle;
  static constexpr const char* kClassName = "Name";
  static constexpr napi_type_tag kTag = {0x6a1c5e0b2f4d4e11ULL, 0x9d3b7a51c2e84f01ULL};
  static constexpr Napi::FunctionReference AddonData::*kClassRef = &AddonData::nameClass;
  static void Free(gss_name_t h) {
    OM_uint32 minor = 0;
    gss->gss_release_name(&minor, &h);
  }
};

class CredHandle : public Handle<CredHandle, gss_cred_id_t> {
 public:
  using Handle::Handle;
  // Shared by calls that read the credentials (any number at once, which MIT
  // allows); exclusive for the calls that change them in place.
  std::shared_mutex callMutex;
  static constexpr const char* kClassName = "Creds";
  static constexpr napi_type_tag kTag = {0x6a1c5e0b2f4d4e11ULL, 0x9d3b7a51c2e84f02ULL};
  static constexpr Napi::FunctionReference AddonData::*kClassRef = &AddonData::credClass;
  static void Free(gss_cred_id_t h) {
    OM_uint32 minor = 0;
    gss->gss_release_cred(&minor, &h);
  }
};

class ContextHandle : public Handle<ContextHandle, gss_ctx_id_t> {
 public:
  using Handle::Handle;
  static constexpr const char* kClassName = "SecurityContext";
  static constexpr napi_type_tag kTag = {0x6a1c5e0b2f4d4e11ULL, 0x9d3b7a51c2e84f03ULL};
  static constexpr Napi::FunctionReference AddonData::*kClassRef = &AddonData::contextClass;
  static void Free(gss_ctx_id_t h) {
    OM_uint32 minor = 0;
    gss->gss_delete_sec_context(&minor, &h, GSS_C_NO_BUFFER);
  }

  // Held by whichever thread is inside a GSSAPI call on this context.
  std::mutex callMutex;

  // Starts an async call now, or queues it behind the one running on this
  // context (main thread only). Finished() starts the next one.
  void Schedule(Scheduled* call) {
    if (running_) {
      waiting_.push_back(call);
    } else {
      running_ = true;
      call->Start();
    }
  }
  void Finished() {
    if (waiting_.empty()) {
      running_ = false;
      return;
    }
    Scheduled* next = waiting_.front();
    waiting_.pop_front();
    next->Start();
  }

 private:
  bool running_ = false;
  std::deque<Scheduled*> waiting_;
};

}  // namespace gssnative
