// Running an operation inline (the *Sync functions) or on the libuv pool (the
// Promise functions) from one definition.
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

template <class Op>
void ExecuteExclusive(Op& op) {
  ContextHandle* context = op.Serial();
  if (context == nullptr) {
    op.Execute();
    return;
  }
  std::lock_guard<std::mutex> lock(context->callMutex);
  op.Execute();
}

template <class Op>
Napi::Value RunSync(const Napi::CallbackInfo& info) {
  Keep keep(false);
  Op op(info, keep);
  ExecuteExclusive(op);
  return op.Result(info.Env());
}

template <class Op>
class OpWorker : public Napi::AsyncWorker {
 public:
  explicit OpWorker(const Napi::CallbackInfo& info)
      : Napi::AsyncWorker(info.Env(), "gssapi"),
        deferred_(Napi::Promise::Deferred::New(info.Env())),
        keep_(true),
        op_(info, keep_) {}

  Napi::Promise Promise() const { return deferred_.Promise(); }
  ContextHandle* Serial() { return op_.Serial(); }

 protected:
  void Execute() override { ExecuteExclusive(op_); }
  void OnOK() override {
    Napi::Env env = Env();
    ContextHandle* context = op_.Serial();
    // A worker_thread being terminated can no longer run JavaScript: its
    // promises are dropped, nothing more is queued, and nothing may throw out
    // of here (that aborts the process).
    if (AddonData::Of(env).closing) return;
    {
      Napi::HandleScope scope(env);
      try {
        deferred_.Resolve(op_.Result(env));
      } catch (const Napi::Error& e) {
        try {
          deferred_.Reject(e.Value());
        } catch (const Napi::Error&) {
        }
      }
    }
    if (context != nullptr) context->Finished();
  }

 private:
  Napi::Promise::Deferred deferred_;
  Keep keep_;
  Op op_;
};

template <class Op>
Napi::Value RunAsync(const Napi::CallbackInfo& info) {
  auto* worker = new OpWorker<Op>(info);  // deletes itself after OnOK
  Napi::Promise promise = worker->Promise();
  if (ContextHandle* context = worker->Serial()) {
    context->Schedule(worker);
  } else {
    worker->Queue();
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
