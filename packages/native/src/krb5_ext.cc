#include "krb5_ext.h"

#include <dlfcn.h>

#include <mutex>
#include <string>
#include <vector>

#include "op.h"

namespace gssnative {
namespace {

// --- libkrb5, loaded on demand ----------------------------------------------

// The libkrb5 functions krb5ImportCred needs, named as in C.
struct Krb5Api {
  decltype(&::krb5_init_context) krb5_init_context = nullptr;
  decltype(&::krb5_free_context) krb5_free_context = nullptr;
  decltype(&::krb5_cc_resolve) krb5_cc_resolve = nullptr;
  decltype(&::krb5_cc_close) krb5_cc_close = nullptr;
  decltype(&::krb5_kt_resolve) krb5_kt_resolve = nullptr;
  decltype(&::krb5_kt_close) krb5_kt_close = nullptr;
  decltype(&::krb5_parse_name) krb5_parse_name = nullptr;
  decltype(&::krb5_free_principal) krb5_free_principal = nullptr;
  decltype(&::krb5_get_error_message) krb5_get_error_message = nullptr;
  decltype(&::krb5_free_error_message) krb5_free_error_message = nullptr;
};

struct Krb5State {
  Krb5Api api;
  bool available = false;
  std::string error;  // why it is not available
};

// Fills `api` from `handle`; the name of the first missing function, or "".
std::string ResolveKrb5(void* handle, Krb5Api& api) {
#define GSSNATIVE_KRB5_SYMBOL(name)                                      \
  api.name = reinterpret_cast<decltype(api.name)>(dlsym(handle, #name)); \
  if (api.name == nullptr) return #name;
  GSSNATIVE_KRB5_SYMBOL(krb5_init_context)
  GSSNATIVE_KRB5_SYMBOL(krb5_free_context)
  GSSNATIVE_KRB5_SYMBOL(krb5_cc_resolve)
  GSSNATIVE_KRB5_SYMBOL(krb5_cc_close)
  GSSNATIVE_KRB5_SYMBOL(krb5_kt_resolve)
  GSSNATIVE_KRB5_SYMBOL(krb5_kt_close)
  GSSNATIVE_KRB5_SYMBOL(krb5_parse_name)
  GSSNATIVE_KRB5_SYMBOL(krb5_free_principal)
  GSSNATIVE_KRB5_SYMBOL(krb5_get_error_message)
  GSSNATIVE_KRB5_SYMBOL(krb5_free_error_message)
#undef GSSNATIVE_KRB5_SYMBOL
  return "";
}

// Loads libkrb5 once per process (any thread; never unloaded).
//
// The krb5 handles must come from the very libkrb5 the GSSAPI library was
// built against (a Heimdal krb5_ccache given to MIT's mechanism, or the
// reverse, would corrupt memory). So the functions are looked up first in the
// already loaded GSSAPI library's own dependency tree (dlsym on its handle
// searches the libraries it needs), and only then in MIT's libkrb5.so.3.
const Krb5State& Krb5() {
  static Krb5State state;
  static std::once_flag once;
  std::call_once(once, [] {
    std::string missing;
    Dl_info where = {};
    if (gss != nullptr && dladdr(reinterpret_cast<void*>(gss->gss_import_name), &where) != 0 &&
        where.dli_fname != nullptr) {
      if (void* gssLib = dlopen(where.dli_fname, RTLD_NOW | RTLD_NOLOAD)) {
        missing = ResolveKrb5(gssLib, state.api);
        if (missing.empty()) {
          state.available = true;
          return;
        }
      }
    }
    void* krb5Lib = dlopen("libkrb5.so.3", RTLD_NOW | RTLD_LOCAL);
    if (krb5Lib == nullptr) {
      const char* why = dlerror();
      state.error = std::string("libkrb5.so.3 cannot be loaded: ") + (why != nullptr ? why : "dlopen failed");
      return;
    }
    missing = ResolveKrb5(krb5Lib, state.api);
    if (!missing.empty()) {
      state.error = "libkrb5.so.3 lacks " + missing;
      return;
    }
    state.available = true;
  });
  return state;
}

Napi::Value CopyBytes(Napi::Env env, const std::vector<uint8_t>& bytes) {
  if (bytes.empty()) return Napi::Buffer<uint8_t>::New(env, 0);
  return Napi::Buffer<uint8_t>::Copy(env, bytes.data(), bytes.size());
}

std::vector<uint8_t> KeyBytes(const gss_krb5_lucid_key_t& key) {
  if (key.data == nullptr || key.length == 0) return {};
  const uint8_t* data = static_cast<const uint8_t*>(key.data);
  return std::vector<uint8_t>(data, data + key.length);
}

// --- operations ---------------------------------------------------------------

// krb5Library() -> { available, error? }: whether krb5ImportCred can resolve names.
struct Krb5LibraryOp : OpBase {
  bool available = false;
  std::string error;
  Krb5LibraryOp(const Napi::CallbackInfo&, Keep&) {}
  void Execute() {
    const Krb5State& krb5 = Krb5();
    available = krb5.available;
    error = krb5.error;
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("available", Napi::Boolean::New(env, available));
      if (!available) r.Set("error", Napi::String::New(env, error));
    });
  }
};

// krb5CcacheName(name?: string) -> { previous?: string }
// MIT keeps the name per thread: it affects later calls on the calling thread only.
struct Krb5CcacheNameOp : OpBase {
  bool reset;
  std::string name;
  bool hasPrevious = false;
  std::string previous;
  Krb5CcacheNameOp(const Napi::CallbackInfo& info, Keep&) : reset(info[0].IsUndefined() || info[0].IsNull()) {
    RequireFunction(info.Env(), gss->gss_krb5_ccache_name, "gss_krb5_ccache_name");
    if (!reset) name = info[0].As<Napi::String>().Utf8Value();
  }
  void Execute() {
    OM_uint32 minor = 0;
    const char* old = nullptr;
    status.Set(gss->gss_krb5_ccache_name(&minor, reset ? nullptr : name.c_str(), &old), minor);
    // `old` is only valid until the next call on this thread: copy it now.
    if (old != nullptr) {
      hasPrevious = true;
      previous = old;
    }
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      if (hasPrevious) r.Set("previous", Napi::String::New(env, previous));
    });
  }
};

// krb5ExportLucidSecContext(context, version) -> { lucid }
// The library deletes the context: the handle is empty afterwards.
struct Krb5ExportLucidOp : ContextOp {
  OM_uint32 version;
  // Copied out of the library's structure before it is freed.
  OM_uint32 gotVersion = 0;
  bool v1 = false;
  OM_uint32 initiate = 0;
  OM_uint32 endtime = 0;
  uint64_t sendSeq = 0;
  uint64_t recvSeq = 0;
  OM_uint32 protocol = 0;
  OM_uint32 signAlg = 0;
  OM_uint32 sealAlg = 0;
  OM_uint32 keyType = 0;
  std::vector<uint8_t> key;
  bool haveAcceptorSubkey = false;
  OM_uint32 acceptorSubkeyType = 0;
  std::vector<uint8_t> acceptorSubkey;
  Krb5ExportLucidOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), version(ReadUint32(info[1])) {
    RequireFunction(info.Env(), gss->gss_krb5_export_lucid_sec_context, "gss_krb5_export_lucid_sec_context");
    RequireFunction(info.Env(), gss->gss_krb5_free_lucid_sec_context, "gss_krb5_free_lucid_sec_context");
  }
  void Execute() {
    OM_uint32 minor = 0;
    void* lucid = nullptr;
    OM_uint32 major = gss->gss_krb5_export_lucid_sec_context(&minor, &context->handle, version, &lucid);
    status.Set(major, minor);
    if (status.Failed() || lucid == nullptr) return;
    gotVersion = static_cast<const gss_krb5_lucid_context_version_t*>(lucid)->version;
    if (gotVersion == 1) {
      const auto* ctx = static_cast<const gss_krb5_lucid_context_v1_t*>(lucid);
      v1 = true;
      initiate = ctx->initiate;
      endtime = ctx->endtime;
      sendSeq = ctx->send_seq;
      recvSeq = ctx->recv_seq;
      protocol = ctx->protocol;
      if (protocol == 0) {
        signAlg = ctx->rfc1964_kd.sign_alg;
        sealAlg = ctx->rfc1964_kd.seal_alg;
        keyType = ctx->rfc1964_kd.ctx_key.type;
        key = KeyBytes(ctx->rfc1964_kd.ctx_key);
      } else {
        keyType = ctx->cfx_kd.ctx_key.type;
        key = KeyBytes(ctx->cfx_kd.ctx_key);
        haveAcceptorSubkey = ctx->cfx_kd.have_acceptor_subkey != 0;
        if (haveAcceptorSubkey) {
          acceptorSubkeyType = ctx->cfx_kd.acceptor_subkey.type;
          acceptorSubkey = KeyBytes(ctx->cfx_kd.acceptor_subkey);
        }
      }
    }
    OM_uint32 freeMinor = 0;
    gss->gss_krb5_free_lucid_sec_context(&freeMinor, lucid);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      Napi::Object lucid = Napi::Object::New(env);
      lucid.Set("version", Napi::Number::New(env, gotVersion));
      if (v1) {
        lucid.Set("isInitiator", Napi::Boolean::New(env, initiate != 0));
        lucid.Set("endtime", Napi::Number::New(env, endtime));
        lucid.Set("sendSeq", Napi::BigInt::New(env, sendSeq));
        lucid.Set("recvSeq", Napi::BigInt::New(env, recvSeq));
        lucid.Set("protocol", Napi::Number::New(env, protocol));
        if (protocol == 0) {
          Napi::Object kd = Napi::Object::New(env);
          kd.Set("signAlg", Napi::Number::New(env, signAlg));
          kd.Set("sealAlg", Napi::Number::New(env, sealAlg));
          kd.Set("keyType", Napi::Number::New(env, keyType));
          kd.Set("key", CopyBytes(env, key));
          lucid.Set("rfc1964Kd", kd);
        } else {
          Napi::Object kd = Napi::Object::New(env);
          kd.Set("ctxKeyType", Napi::Number::New(env, keyType));
          kd.Set("ctxKey", CopyBytes(env, key));
          if (haveAcceptorSubkey) {
            kd.Set("acceptorSubkeyType", Napi::Number::New(env, acceptorSubkeyType));
            kd.Set("acceptorSubkey", CopyBytes(env, acceptorSubkey));
          }
          lucid.Set("cfxKd", kd);
        }
      }
      r.Set("lucid", lucid);
    });
  }
};

// krb5ExtractAuthtimeFromSecContext(context) -> { authtime }
struct Krb5ExtractAuthtimeOp : ContextOp {
  krb5_timestamp authtime = 0;
  Krb5ExtractAuthtimeOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep) {
    RequireFunction(info.Env(), gss->gsskrb5_extract_authtime_from_sec_context,
                    "gsskrb5_extract_authtime_from_sec_context");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gsskrb5_extract_authtime_from_sec_context(&minor, context->handle, &authtime), minor);
  }
  Napi::Value Result(Napi::Env env) {
    // krb5 timestamps are unsigned past 2038 (MIT 1.17+).
    return Reply(env, status, [&](Fields& r) {
      r.Set("authtime", Napi::Number::New(env, static_cast<uint32_t>(authtime)));
    });
  }
};

// krb5ExtractAuthzDataFromSecContext(context, adType) -> { data }
struct Krb5ExtractAuthzDataOp : ContextOp {
  int adType;
  OutBuffer data;
  Krb5ExtractAuthzDataOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), adType(info[1].As<Napi::Number>().Int32Value()) {
    RequireFunction(info.Env(), gss->gsskrb5_extract_authz_data_from_sec_context,
                    "gsskrb5_extract_authz_data_from_sec_context");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gsskrb5_extract_authz_data_from_sec_context(&minor, context->handle, adType, &data.desc),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("data", data.ToJs(env)); });
  }
};

// krb5ImportCred(cache?: string, keytabPrincipal?: string, keytab?: string) -> { creds }
// Each name is resolved with libkrb5 (krb5_cc_resolve, krb5_parse_name,
// krb5_kt_resolve) inside Execute; the krb5 handles are closed before it returns
// (the mechanism keeps its own duplicates).
struct Krb5ImportCredOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  bool hasCache, hasPrincipal, hasKeytab;
  std::string cache, principal, keytab;
  OutCred creds;
  Krb5ImportCredOp(const Napi::CallbackInfo& info, Keep&)
      : hasCache(info[0].IsString()), hasPrincipal(info[1].IsString()), hasKeytab(info[2].IsString()) {
    RequireFunction(info.Env(), gss->gss_krb5_import_cred, "gss_krb5_import_cred");
    const Krb5State& krb5 = Krb5();
    if (!krb5.available) throw Napi::Error::New(info.Env(), "krb5ImportCred: " + krb5.error);
    if (hasCache) cache = info[0].As<Napi::String>().Utf8Value();
    if (hasPrincipal) principal = info[1].As<Napi::String>().Utf8Value();
    if (hasKeytab) keytab = info[2].As<Napi::String>().Utf8Value();
  }
  void Execute() {
    const Krb5Api& k = Krb5().api;
    krb5_context kctx = nullptr;
    krb5_error_code code = k.krb5_init_context(&kctx);
    if (code != 0) {
      Fail(k, nullptr, code, "krb5_init_context");
      return;
    }
    krb5_ccache ccache = nullptr;
    krb5_principal princ = nullptr;
    krb5_keytab kt = nullptr;
    const char* step = nullptr;
    if (hasCache && (code = k.krb5_cc_resolve(kctx, cache.c_str(), &ccache)) != 0) step = "krb5_cc_resolve";
    if (code == 0 && hasPrincipal && (code = k.krb5_parse_name(kctx, principal.c_str(), &princ)) != 0) {
      step = "krb5_parse_name";
    }
    if (code == 0 && hasKeytab && (code = k.krb5_kt_resolve(kctx, keytab.c_str(), &kt)) != 0) {
      step = "krb5_kt_resolve";
    }
    if (code != 0) {
      Fail(k, kctx, code, step);
    } else {
      OM_uint32 minor = 0;
      status.Set(gss->gss_krb5_import_cred(&minor, ccache, princ, kt, &creds.handle), minor);
    }
    if (ccache != nullptr) k.krb5_cc_close(kctx, ccache);
    if (princ != nullptr) k.krb5_free_principal(kctx, princ);
    if (kt != nullptr) k.krb5_kt_close(kctx, kt);
    k.krb5_free_context(kctx);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("creds", creds.Adopt(env)); });
  }
  // A libkrb5 failure as GSS_S_FAILURE with the krb5 code as minor status. The
  // mechglue cannot describe a code it did not hand out itself, so the text
  // comes from libkrb5 (same thread, so it has the details).
  void Fail(const Krb5Api& k, krb5_context kctx, krb5_error_code code, const char* step) {
    status.Set(GSS_S_FAILURE, static_cast<OM_uint32>(code));
    const char* text = k.krb5_get_error_message(kctx, code);
    status.minorText = {std::string(step) + ": " + (text != nullptr ? text : "unknown error")};
    if (text != nullptr) k.krb5_free_error_message(kctx, text);
  }
};

// krb5GetTktFlags(context) -> { flags }: the service ticket's flags.
struct Krb5GetTktFlagsOp : ContextOp {
  krb5_flags flags = 0;
  Krb5GetTktFlagsOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep) {
    RequireFunction(info.Env(), gss->gss_krb5_get_tkt_flags, "gss_krb5_get_tkt_flags");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_krb5_get_tkt_flags(&minor, context->handle, &flags), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status,
                 [&](Fields& r) { r.Set("flags", Napi::Number::New(env, static_cast<uint32_t>(flags))); });
  }
};

// krb5SetAllowableEnctypes(creds, enctypes: number[]) -> {}
struct Krb5SetAllowableEnctypesOp : OpBase {
  CredHandle* creds;
  std::vector<krb5_enctype> enctypes;
  Krb5SetAllowableEnctypesOp(const Napi::CallbackInfo& info, Keep& keep) : creds(ReadCred(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_krb5_set_allowable_enctypes, "gss_krb5_set_allowable_enctypes");
    keep.Exclusive(creds);  // changes the credentials in place
    Napi::Array list = info[1].As<Napi::Array>();
    enctypes.reserve(list.Length());
    for (uint32_t i = 0; i < list.Length(); ++i) {
      enctypes.push_back(static_cast<krb5_enctype>(list.Get(i).As<Napi::Number>().Int32Value()));
    }
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(
        gss->gss_krb5_set_allowable_enctypes(&minor, CredOf(creds), static_cast<OM_uint32>(enctypes.size()),
                                             enctypes.empty() ? nullptr : enctypes.data()),
        minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

}  // namespace

void RegisterKrb5(Napi::Env env, Napi::Object exports) {
  ExportOp<Krb5LibraryOp>(env, exports, "krb5Library");
  ExportOp<Krb5CcacheNameOp>(env, exports, "krb5CcacheName");
  ExportOp<Krb5ExportLucidOp>(env, exports, "krb5ExportLucidSecContext");
  ExportOp<Krb5ExtractAuthtimeOp>(env, exports, "krb5ExtractAuthtimeFromSecContext");
  ExportOp<Krb5ExtractAuthzDataOp>(env, exports, "krb5ExtractAuthzDataFromSecContext");
  ExportOp<Krb5ImportCredOp>(env, exports, "krb5ImportCred");
  ExportOp<Krb5GetTktFlagsOp>(env, exports, "krb5GetTktFlags");
  ExportOp<Krb5SetAllowableEnctypesOp>(env, exports, "krb5SetAllowableEnctypes");
}

}  // namespace gssnative
