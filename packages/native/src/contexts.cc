#include "contexts.h"

#include "op.h"
#include "quirks.h"

namespace gssnative {
namespace {

// initSecContext(context, target, creds?, mech?, flags, lifetime, bindings?, token?)
//   -> { mech, flags, token, lifetime }; `token` is also set on failure (for the peer).
// The context handle is updated in place (a new one on the first call).
struct InitSecContextOp : ContextOp {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  NameHandle* target;
  CredHandle* creds;
  InOid mech;
  OM_uint32 flags;
  OM_uint32 lifetime;
  InChannelBindings bindings;
  InBuffer input;
  gss_OID actualMech = GSS_C_NO_OID;  // library memory, not freed
  OutBuffer output;
  OM_uint32 actualFlags = 0;
  OM_uint32 actualLifetime = 0;
  InitSecContextOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep),
        target(ReadName(info[1], keep)),
        creds(ReadCred(info[2], keep)),
        mech(ReadOid(info[3], keep)),
        flags(ReadUint32(info[4])),
        lifetime(ReadUint32(info[5])),
        bindings(ReadChannelBindings(info[6], keep)),
        input(ReadBuffer(info[7], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major = gss->gss_init_sec_context(&minor, CredOf(creds), &context->handle, NameOf(target),
                                                mech.ptr(), flags, lifetime, bindings.ptr(), input.ptr(),
                                                &actualMech, &output.desc, &actualFlags, &actualLifetime);
    status.Set(major, minor, actualMech != GSS_C_NO_OID ? actualMech : mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    Fields r(env);
    status.AddTo(r);
    r.Set("token", output.ToJs(env));
    if (actualMech != GSS_C_NO_OID) r.Set("mech", OidToJs(env, actualMech));
    r.Set("flags", Napi::Number::New(env, actualFlags));
    r.Set("lifetime", Napi::Number::New(env, actualLifetime));
    return r.object();
  }
};

// acceptSecContext(context, token, creds?, bindings?)
//   -> { initiatorName, mech, token, flags, lifetime, delegatedCreds }
struct AcceptSecContextOp : ContextOp {
  InBuffer input;
  CredHandle* creds;
  InChannelBindings bindings;
  OutName initiator;
  gss_OID actualMech = GSS_C_NO_OID;  // library memory, not freed
  OutBuffer output;
  OM_uint32 actualFlags = 0;
  OM_uint32 actualLifetime = 0;
  OutCred delegated;
  AcceptSecContextOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep),
        input(ReadBuffer(info[1], keep)),
        creds(ReadCred(info[2], keep)),
        bindings(ReadChannelBindings(info[3], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major = gss->gss_accept_sec_context(
        &minor, &context->handle, CredOf(creds), input.ptr(), bindings.ptr(), &initiator.handle, &actualMech,
        &output.desc, &actualFlags, &actualLifetime, &delegated.handle);
    status.Set(major, minor, actualMech);
  }
  Napi::Value Result(Napi::Env env) {
    Fields r(env);
    status.AddTo(r);
    r.Set("token", output.ToJs(env));
    if (actualMech != GSS_C_NO_OID) r.Set("mech", OidToJs(env, actualMech));
    if (!status.Failed()) {
      r.Set("initiatorName", initiator.Adopt(env));
      r.Set("flags", Napi::Number::New(env, actualFlags));
      r.Set("lifetime", Napi::Number::New(env, actualLifetime));
      r.Set("delegatedCreds", delegated.Adopt(env));
    }
    return r.object();
  }
};

enum Want : uint32_t {
  kInitiatorName = 1,
  kTargetName = 2,
  kLifetime = 4,
  kMech = 8,
  kFlags = 16,
  kLocallyInit = 32,
  kComplete = 64,
};

// inquireContext(context, want) -> { initiatorName?, targetName?, lifetime?, mech?, flags?,
//   locallyInit?, complete? }
struct InquireContextOp : ContextOp {
  uint32_t want;
  OutName initiator;
  OutName target;
  OM_uint32 lifetime = 0;
  gss_OID mech = GSS_C_NO_OID;  // library memory, not freed
  OM_uint32 flags = 0;
  int locallyInit = 0;
  int open = 0;
  InquireContextOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), want(ReadUint32(info[1])) {}
  void Execute() {
    if ((want & kTargetName) && NtlmAcceptorContext(context->handle)) want &= ~kTargetName;
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_context(
                   &minor, context->handle, (want & kInitiatorName) ? &initiator.handle : nullptr,
                   (want & kTargetName) ? &target.handle : nullptr, (want & kLifetime) ? &lifetime : nullptr,
                   (want & kMech) ? &mech : nullptr, (want & kFlags) ? &flags : nullptr,
                   (want & kLocallyInit) ? &locallyInit : nullptr, (want & kComplete) ? &open : nullptr),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      if (want & kInitiatorName) r.Set("initiatorName", initiator.Adopt(env));
      if (want & kTargetName) r.Set("targetName", target.Adopt(env));
      if (want & kLifetime) r.Set("lifetime", Napi::Number::New(env, lifetime));
      if (want & kMech) r.Set("mech", OidToJs(env, mech));
      if (want & kFlags) r.Set("flags", Napi::Number::New(env, flags));
      if (want & kLocallyInit) r.Set("locallyInit", Napi::Boolean::New(env, locallyInit != 0));
      if (want & kComplete) r.Set("complete", Napi::Boolean::New(env, open != 0));
    });
  }
};

// contextTime(context) -> { lifetime }
struct ContextTimeOp : ContextOp {
  OM_uint32 lifetime = 0;
  ContextTimeOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_context_time(&minor, context->handle, &lifetime), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("lifetime", Napi::Number::New(env, lifetime)); });
  }
};

// processContextToken(context, token) -> {}
struct ProcessContextTokenOp : ContextOp {
  InBuffer token;
  ProcessContextTokenOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), token(ReadBuffer(info[1], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_process_context_token(&minor, context->handle, token.ptr()), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

// importSecContext(token) -> { context }
struct ImportSecContextOp : OpBase {
  InBuffer token;
  OutContext imported;
  ImportSecContextOp(const Napi::CallbackInfo& info, Keep& keep) : token(ReadBuffer(info[0], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_import_sec_context(&minor, token.ptr(), &imported.handle), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("context", imported.Adopt(env)); });
  }
};

// exportSecContext(context) -> { token }; the library empties the handle.
struct ExportSecContextOp : ContextOp {
  OutBuffer token;
  ExportSecContextOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_export_sec_context(&minor, &context->handle, &token.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("token", token.ToJs(env)); });
  }
};

// deleteSecContext(context, localOnly) -> { token }; the handle becomes empty.
struct DeleteSecContextOp : ContextOp {
  bool localOnly;
  OutBuffer token;
  DeleteSecContextOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), localOnly(ReadBool(info[1])) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(
        gss->gss_delete_sec_context(&minor, &context->handle, localOnly ? GSS_C_NO_BUFFER : &token.desc),
        minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("token", token.ToJs(env)); });
  }
};

}  // namespace

void RegisterContexts(Napi::Env env, Napi::Object exports) {
  ExportOp<InitSecContextOp>(env, exports, "initSecContext");
  ExportOp<AcceptSecContextOp>(env, exports, "acceptSecContext");
  ExportOp<InquireContextOp>(env, exports, "inquireContext");
  ExportOp<ContextTimeOp>(env, exports, "contextTime");
  ExportOp<ProcessContextTokenOp>(env, exports, "processContextToken");
  ExportOp<ImportSecContextOp>(env, exports, "importSecContext");
  ExportOp<ExportSecContextOp>(env, exports, "exportSecContext");
  ExportOp<DeleteSecContextOp>(env, exports, "deleteSecContext");
}

}  // namespace gssnative
