// Running an operation inline (the *Sync functions) or off the main thread
// (the Promise functions: libuv's pool, or the network pool for operations
// that declare `static constexpr bool kMayWaitOnNetwork = true`) from one
// definition.
//
// An Op type has:
//   Op(const Napi::CallbackInfo&, Keep&)  main thread: read arguments
//   ContextHandle* Serial()                the context it must own, or nullptr
//   void Execute()                         any thread: GSSAPI calls only, no napi
//   Napi::Value Result(Napi::Env)          main thread: build the result object
// Execute() records failures in a Status (which formats the text on that same
// thread); Result() reports them through major/minor fields: GSS failures
// resolve, they never reject, so sync and async results read the same way.
#pragma once

#include <napi.h>

#include <mutex>
#include <type_traits>

#include "addon_data.h"
#include "handles.h"
#include "marshal.h"
#include "status.h"

namespace gssnative {

// Base of operations that touch no security context.
struct OpBase {
  Status status;
  ContextHandle* Serial() { return nullptr; }
};

// Base of operations on one security context (run exclusively on it).
struct ContextOp {
  Status status;
  ContextHandle* context;
  ContextOp(Napi::Value value, Keep& keep) : context(ReadContext(value, keep)) {
    if (context == nullptr) throw Napi::TypeError::New(value.Env(), "expected a native SecurityContext");
  }
  ContextHandle* Serial() { return context; }
};

// Throws when the loaded library lacks an optional function (the JavaScript
// layer checks first and throws ExtensionUnavailableError; this is the backstop
// that keeps a null function pointer from ever being called).
template <class Fn>
void RequireFunction(Napi::Env env, Fn fn, const char* symbol) {
  if (fn == nullptr) {
    throw Napi::Error::New(env, std::string(symbol) + " is not provided by the loaded GSSAPI library");
  }
}

// The result object: status fields, plus what `fill` adds when the call succeeded.
template <class Fill>
Napi::Value Reply(Napi::Env env, const Status& status, Fill fill) {
  Fields result(env);
  status.AddTo(result);
  if (!status.Failed()) fill(result);
  return result.object();
}

// Runs the GSSAPI calls of `op` holding its context's mutex (if any), then
// its credentials' locks (always in this order).
template <class Op>
void ExecuteExclusive(Op& op, Keep& keep) {
  ContextHandle* context = op.Serial();
  std::unique_lock<std::mutex> contextLock;
  if (context != nullptr) contextLock = std::unique_lock<std::mutex>(context->callMutex);
  Keep::CredLocks credLocks = keep.LockCreds();
  op.Execute();
}

template <class Op>
Napi::Value RunSync(const Napi::CallbackInfo& info) {
  Keep keep(false);
  Op op(info, keep);
  ExecuteExclusive(op, keep);
  return op.Result(info.Env());
}

// Settles an async call's promise with its result (main thread), unless the
// environment is closing: then no JavaScript may run, the promise is dropped,
// nothing more is started, and nothing may throw (that aborts the process).
template <class Op>
void Settle(Napi::Env env, Napi::Promise::Deferred& deferred, Op& op) {
  if (AddonData::Of(env).closing) return;
  {
    Napi::HandleScope scope(env);
    try {
      deferred.Resolve(op.Result(env));
    } catch (const Napi::Error& e) {
      try {
        deferred.Reject(e.Value());
      } catch (const Napi::Error&) {
      }
    }
  }
  if (ContextHandle* context = op.Serial()) context->Finished();
}

// An async call on libuv's pool (local, CPU-bound GSSAPI work).
template <class Op>
class OpWorker : public Napi::AsyncWorker, public Scheduled {
 public:
  explicit OpWorker(const Napi::CallbackInfo& info)
      : Napi::AsyncWorker(info.Env(), "gssapi"),
        deferred_(Napi::Promise::Deferred::New(info.Env())),
        keep_(true),
        op_(info, keep_) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }
  ContextHandle* Serial() { return op_.Serial(); }
  void Start() override { Queue(); }

 protected:
  void Execute() override { ExecuteExclusive(op_, keep_); }
  void OnOK() override { Settle(Env(), deferred_, op_); }

 private:
  Napi::Promise::Deferred deferred_;
  Keep keep_;
  Op op_;
};

// An async call on the network pool (calls that may wait on a KDC).
template <class Op>
class NetworkWorker : public NetworkTask {
 public:
  explicit NetworkWorker(const Napi::CallbackInfo& info)
      : env_(info.Env()),
        deferred_(Napi::Promise::Deferred::New(info.Env())),
        keep_(true),
        op_(info, keep_) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }
  ContextHandle* Serial() { return op_.Serial(); }
  void Start() override { AddonData::Of(env_).network->Submit(env_, this); }
  void Execute() override { ExecuteExclusive(op_, keep_); }
  void Complete(Napi::Env env) override {
    Settle(env, deferred_, op_);
    delete this;
  }

 private:
  Napi::Env env_;
  Napi::Promise::Deferred deferred_;
  Keep keep_;
  Op op_;
};

// Whether an Op declares `static constexpr bool kMayWaitOnNetwork = true`.
template <class Op, class = void>
struct WaitsOnNetwork : std::false_type {};
template <class Op>
struct WaitsOnNetwork<Op, std::void_t<decltype(Op::kMayWaitOnNetwork)>>
    : std::integral_constant<bool, Op::kMayWaitOnNetwork> {};

template <class Op>
Napi::Value RunAsync(const Napi::CallbackInfo& info) {
  using Worker = std::conditional_t<WaitsOnNetwork<Op>::value, NetworkWorker<Op>, OpWorker<Op>>;
  auto* worker = new Worker(info);  // deletes itself once settled
  Napi::Promise promise = worker->Promise();
  if (ContextHandle* context = worker->Serial()) {
    context->Schedule(worker);
  } else {
    worker->Start();
  }
  return promise;
}

// Exports `name` (Promise) and `nameSync` (inline) for one Op.
template <class Op>
void ExportOp(Napi::Env env, Napi::Object exports, const std::string& name) {
  exports.Set(name, Napi::Function::New(env, RunAsync<Op>, name));
  exports.Set(name + "Sync", Napi::Function::New(env, RunSync<Op>, name + "Sync"));
}

}  // namespace gssnative
