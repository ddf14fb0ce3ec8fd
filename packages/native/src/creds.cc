#include "creds.h"

#include "op.h"
#include "quirks.h"

namespace gssnative {
namespace {

// acquireCred(name?, lifetime, mechs?: Uint8Array[], usage) -> { creds, mechs, lifetime }
struct AcquireCredOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  NameHandle* name;
  OM_uint32 lifetime;
  std::unique_ptr<InOidSet> mechs;
  gss_cred_usage_t usage;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualLifetime = 0;
  AcquireCredOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)),
        lifetime(ReadUint32(info[1])),
        mechs(ReadOidSet(info[2], keep)),
        usage(static_cast<gss_cred_usage_t>(ReadUint32(info[3]))) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_acquire_cred(&minor, NameOf(name), lifetime, mechs->ptr(), usage, &creds.handle,
                                     &actualMechs.set, &actualLifetime),
               minor);
  }
  Napi::Value Result(Napi::Env env) { return AcquireReply(env, status, creds, actualMechs, actualLifetime); }
};

// addCred(inputCred?, name?, mech, usage, initLifetime, acceptLifetime, mutate)
//   -> { creds?, mechs, initLifetime, acceptLifetime }
struct AddCredOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  CredHandle* input;
  NameHandle* name;
  InOid mech;
  gss_cred_usage_t usage;
  OM_uint32 initLifetime;
  OM_uint32 acceptLifetime;
  bool mutate;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualInit = 0;
  OM_uint32 actualAccept = 0;
  AddCredOp(const Napi::CallbackInfo& info, Keep& keep)
      : input(ReadCred(info[0], keep)),
        name(ReadName(info[1], keep)),
        mech(ReadOid(info[2], keep)),
        usage(static_cast<gss_cred_usage_t>(ReadUint32(info[3]))),
        initLifetime(ReadUint32(info[4])),
        acceptLifetime(ReadUint32(info[5])),
        mutate(ReadBool(info[6])) {
    if (mutate) keep.Exclusive(input);  // adds the element to `input` in place
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_add_cred(&minor, CredOf(input), NameOf(name), mech.ptr(), usage, initLifetime,
                                 acceptLifetime, mutate ? nullptr : &creds.handle, &actualMechs.set,
                                 &actualInit, &actualAccept),
               minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return AddReply(env, status, creds, actualMechs, actualInit, actualAccept);
  }
};

// Which outputs an inquiry asks for (a NULL out-pointer skips one).
enum Want : uint32_t {
  kName = 1,
  kLifetime = 2,
  kUsage = 4,
  kMechs = 8,
  kInitLifetime = 16,
  kAcceptLifetime = 32
};

// inquireCred(creds?, want) -> { name?, lifetime?, usage?, mechs? }
struct InquireCredOp : OpBase {
  CredHandle* creds;
  uint32_t want;
  OutName name;
  OM_uint32 lifetime = 0;
  gss_cred_usage_t usage = 0;
  OutOidSet mechs;
  bool mayBeNameless;  // not known to be acquired for a name
  InquireCredOp(const Napi::CallbackInfo& info, Keep& keep)
      : creds(ReadCred(info[0], keep)), want(ReadUint32(info[1])), mayBeNameless(ReadBool(info[2])) {}
  void Execute() {
    if ((want & kName) && mayBeNameless && NtlmAcceptorCred(CredOf(creds))) want &= ~kName;
    OM_uint32 minor = 0;
    status.Set(
        gss->gss_inquire_cred(&minor, CredOf(creds), (want & kName) ? &name.handle : nullptr,
                              (want & kLifetime) ? &lifetime : nullptr, (want & kUsage) ? &usage : nullptr,
                              (want & kMechs) ? &mechs.set : nullptr),
        minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      if (want & kName) r.Set("name", name.Adopt(env));
      if (want & kLifetime) r.Set("lifetime", Napi::Number::New(env, lifetime));
      if (want & kUsage) r.Set("usage", Napi::Number::New(env, usage));
      if (want & kMechs) r.Set("mechs", mechs.ToJs(env));
    });
  }
};

// inquireCredByMech(creds?, mech, want) -> { name?, initLifetime?, acceptLifetime?, usage? }
struct InquireCredByMechOp : OpBase {
  CredHandle* creds;
  InOid mech;
  uint32_t want;
  OutName name;
  OM_uint32 initLifetime = 0;
  OM_uint32 acceptLifetime = 0;
  gss_cred_usage_t usage = 0;
  bool mayBeNameless;  // not known to be acquired for a name
  InquireCredByMechOp(const Napi::CallbackInfo& info, Keep& keep)
      : creds(ReadCred(info[0], keep)),
        mech(ReadOid(info[1], keep)),
        want(ReadUint32(info[2])),
        mayBeNameless(ReadBool(info[3])) {}
  void Execute() {
    if ((want & kName) && mayBeNameless && NtlmAcceptorCredByMech(CredOf(creds), mech.ptr())) want &= ~kName;
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_cred_by_mech(
                   &minor, CredOf(creds), mech.ptr(), (want & kName) ? &name.handle : nullptr,
                   (want & kInitLifetime) ? &initLifetime : nullptr,
                   (want & kAcceptLifetime) ? &acceptLifetime : nullptr, (want & kUsage) ? &usage : nullptr),
               minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      if (want & kName) r.Set("name", name.Adopt(env));
      if (want & kInitLifetime) r.Set("initLifetime", Napi::Number::New(env, initLifetime));
      if (want & kAcceptLifetime) r.Set("acceptLifetime", Napi::Number::New(env, acceptLifetime));
      if (want & kUsage) r.Set("usage", Napi::Number::New(env, usage));
    });
  }
};

}  // namespace

// The result of the acquire-style calls: { creds, mechs, lifetime }.
Napi::Value AcquireReply(Napi::Env env, const Status& status, OutCred& creds, const OutOidSet& mechs,
                         OM_uint32 lifetime) {
  return Reply(env, status, [&](Fields& r) {
    r.Set("creds", creds.Adopt(env));
    r.Set("mechs", mechs.ToJs(env));
    r.Set("lifetime", Napi::Number::New(env, lifetime));
  });
}

// The result of the add-style calls: { creds?, mechs, initLifetime, acceptLifetime }.
Napi::Value AddReply(Napi::Env env, const Status& status, OutCred& creds, const OutOidSet& mechs,
                     OM_uint32 initLifetime, OM_uint32 acceptLifetime) {
  return Reply(env, status, [&](Fields& r) {
    r.Set("creds", creds.Adopt(env));
    r.Set("mechs", mechs.ToJs(env));
    r.Set("initLifetime", Napi::Number::New(env, initLifetime));
    r.Set("acceptLifetime", Napi::Number::New(env, acceptLifetime));
  });
}

void RegisterCreds(Napi::Env env, Napi::Object exports) {
  ExportOp<AcquireCredOp>(env, exports, "acquireCred");
  ExportOp<AddCredOp>(env, exports, "addCred");
  ExportOp<InquireCredOp>(env, exports, "inquireCred");
  ExportOp<InquireCredByMechOp>(env, exports, "inquireCredByMech");
}

}  // namespace gssnative
