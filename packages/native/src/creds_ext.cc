#include "creds_ext.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "creds.h"
#include "op.h"

namespace gssnative {
namespace {

// Overwrites `length` bytes at `data` with zeros in a way the optimiser may
// not drop (the memory is about to be freed, which is exactly when a plain
// memset is elided).
void SecureZero(void* data, size_t length) {
  if (data == nullptr) return;
  volatile unsigned char* p = static_cast<volatile unsigned char*>(data);
  while (length-- > 0) *p++ = 0;
#if defined(__GNUC__) || defined(__clang__)
  __asm__ __volatile__("" : : "r"(data) : "memory");
#endif
}

// A credential store (gss_key_value_set_desc) built from an Array of
// [key, value] string pairs; GSS_C_NO_CRED_STORE when the value is undefined
// or null. Keys and values are copied, so the set stays valid on a pool
// thread whatever the JavaScript side does meanwhile. Values may be secrets
// (the `password` key), so the copies are zeroed by Wipe() and on destruction.
// Held through unique_ptr: `desc` points into `elements`, which points into
// `strings`.
struct InCredStore {
  std::vector<std::string> strings;  // key0, value0, key1, value1, ...
  std::vector<gss_key_value_element_desc> elements;
  gss_key_value_set_desc desc = {0, nullptr};
  bool present = false;

  InCredStore() = default;
  InCredStore(const InCredStore&) = delete;
  InCredStore& operator=(const InCredStore&) = delete;
  ~InCredStore() { Wipe(); }

  gss_const_key_value_set_t ptr() const { return present ? &desc : GSS_C_NO_CRED_STORE; }
  void Wipe() {
    for (std::string& s : strings) SecureZero(&s[0], s.size());
  }
};

std::unique_ptr<InCredStore> ReadCredStore(Napi::Value value) {
  auto store = std::make_unique<InCredStore>();
  if (value.IsUndefined() || value.IsNull()) return store;
  if (!value.IsArray()) throw Napi::TypeError::New(value.Env(), "expected an array of [key, value] pairs");
  Napi::Array pairs = value.As<Napi::Array>();
  uint32_t count = pairs.Length();
  store->strings.reserve(static_cast<size_t>(count) * 2);
  for (uint32_t i = 0; i < count; ++i) {
    Napi::Value pair = pairs.Get(i);
    if (!pair.IsArray()) throw Napi::TypeError::New(value.Env(), "expected an array of [key, value] pairs");
    Napi::Array kv = pair.As<Napi::Array>();
    Napi::Value key = kv.Get(0u);
    Napi::Value val = kv.Get(1u);
    if (!key.IsString() || !val.IsString()) {
      throw Napi::TypeError::New(value.Env(), "credential store keys and values must be strings");
    }
    store->strings.push_back(key.As<Napi::String>().Utf8Value());
    store->strings.push_back(val.As<Napi::String>().Utf8Value());
  }
  // Pointers are taken only once every string is in place (no reallocation after).
  store->elements.resize(count);
  for (uint32_t i = 0; i < count; ++i) {
    store->elements[i].key = store->strings[2 * i].c_str();
    store->elements[i].value = store->strings[2 * i + 1].c_str();
  }
  store->desc.count = count;
  store->desc.elements = count > 0 ? store->elements.data() : nullptr;
  store->present = true;
  return store;
}

// A private copy of a secret (a password) taken from a Uint8Array, zeroed by
// Wipe() right after the GSSAPI call and again on destruction.
struct InSecret {
  std::vector<unsigned char> bytes;
  gss_buffer_desc desc = GSS_C_EMPTY_BUFFER;

  explicit InSecret(Napi::Value value) {
    Napi::Uint8Array array = value.As<Napi::Uint8Array>();
    const unsigned char* data = array.Data();
    bytes.assign(data, data + array.ByteLength());
    desc.length = bytes.size();
    desc.value = bytes.empty() ? nullptr : bytes.data();
  }
  InSecret(const InSecret&) = delete;
  InSecret& operator=(const InSecret&) = delete;
  ~InSecret() { Wipe(); }

  gss_buffer_t ptr() { return &desc; }
  void Wipe() { SecureZero(bytes.data(), bytes.size()); }
};

inline gss_cred_usage_t ReadUsage(Napi::Value value) {
  return static_cast<gss_cred_usage_t>(ReadUint32(value));
}

// ---------------------------------------------------------------------------
// RFC 5588 and the credential store

// Shared by storeCred and storeCredInto: { mechs, usage }.
struct StoreCredBase : OpBase {
  CredHandle* creds = nullptr;
  gss_cred_usage_t usage = GSS_C_BOTH;
  InOid mech;
  bool overwrite = false;
  bool setDefault = false;
  OutOidSet stored;
  gss_cred_usage_t storedUsage = GSS_C_BOTH;
  void ReadCommon(const Napi::CallbackInfo& info, Keep& keep) {
    creds = ReadCred(info[0], keep);
    usage = ReadUsage(info[1]);
    mech = ReadOid(info[2], keep);
    overwrite = ReadBool(info[3]);
    setDefault = ReadBool(info[4]);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("mechs", stored.ToJs(env));
      r.Set("usage", Napi::Number::New(env, storedUsage));
    });
  }
};

// storeCred(creds?, usage, mech?, overwrite, setDefault) -> { mechs, usage }
struct StoreCredOp : StoreCredBase {
  StoreCredOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_store_cred, "gss_store_cred");
    ReadCommon(info, keep);
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_store_cred(&minor, CredOf(creds), usage, mech.ptr(), overwrite ? 1 : 0,
                                   setDefault ? 1 : 0, &stored.set, &storedUsage),
               minor, mech.ptr());
  }
};

// storeCredInto(creds?, usage, mech?, overwrite, setDefault, store?) -> { mechs, usage }
struct StoreCredIntoOp : StoreCredBase {
  std::unique_ptr<InCredStore> store;
  StoreCredIntoOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_store_cred_into, "gss_store_cred_into");
    ReadCommon(info, keep);
    store = ReadCredStore(info[5]);
  }
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major = gss->gss_store_cred_into(&minor, CredOf(creds), usage, mech.ptr(), overwrite ? 1 : 0,
                                               setDefault ? 1 : 0, store->ptr(), &stored.set, &storedUsage);
    store->Wipe();
    status.Set(major, minor, mech.ptr());
  }
};

// acquireCredFrom(name?, lifetime, mechs?, usage, store?) -> { creds, mechs, lifetime }
struct AcquireCredFromOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  NameHandle* name = nullptr;
  OM_uint32 lifetime = GSS_C_INDEFINITE;
  std::unique_ptr<InOidSet> mechs;
  gss_cred_usage_t usage = GSS_C_BOTH;
  std::unique_ptr<InCredStore> store;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualLifetime = 0;
  AcquireCredFromOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_acquire_cred_from, "gss_acquire_cred_from");
    name = ReadName(info[0], keep);
    lifetime = ReadUint32(info[1]);
    mechs = ReadOidSet(info[2], keep);
    usage = ReadUsage(info[3]);
    store = ReadCredStore(info[4]);
  }
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major =
        gss->gss_acquire_cred_from(&minor, NameOf(name), lifetime, mechs->ptr(), usage, store->ptr(),
                                   &creds.handle, &actualMechs.set, &actualLifetime);
    store->Wipe();
    status.Set(major, minor);
  }
  Napi::Value Result(Napi::Env env) { return AcquireReply(env, status, creds, actualMechs, actualLifetime); }
};

// addCredFrom(inputCred?, name?, mech, usage, initLifetime, acceptLifetime, store?, mutate)
//   -> { creds?, mechs, initLifetime, acceptLifetime }
struct AddCredFromOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  CredHandle* input = nullptr;
  NameHandle* name = nullptr;
  InOid mech;
  gss_cred_usage_t usage = GSS_C_BOTH;
  OM_uint32 initLifetime = GSS_C_INDEFINITE;
  OM_uint32 acceptLifetime = GSS_C_INDEFINITE;
  std::unique_ptr<InCredStore> store;
  bool mutate = false;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualInit = 0;
  OM_uint32 actualAccept = 0;
  AddCredFromOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_add_cred_from, "gss_add_cred_from");
    input = ReadCred(info[0], keep);
    name = ReadName(info[1], keep);
    mech = ReadOid(info[2], keep);
    usage = ReadUsage(info[3]);
    initLifetime = ReadUint32(info[4]);
    acceptLifetime = ReadUint32(info[5]);
    store = ReadCredStore(info[6]);
    mutate = ReadBool(info[7]);
    if (mutate) keep.Exclusive(input);  // adds the element to `input` in place
  }
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major = gss->gss_add_cred_from(
        &minor, CredOf(input), NameOf(name), mech.ptr(), usage, initLifetime, acceptLifetime, store->ptr(),
        mutate ? nullptr : &creds.handle, &actualMechs.set, &actualInit, &actualAccept);
    store->Wipe();
    status.Set(major, minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return AddReply(env, status, creds, actualMechs, actualInit, actualAccept);
  }
};

// ---------------------------------------------------------------------------
// Credential export/import

// exportCred(creds) -> { token }
struct ExportCredOp : OpBase {
  CredHandle* creds = nullptr;
  OutBuffer token;
  ExportCredOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_export_cred, "gss_export_cred");
    creds = ReadCred(info[0], keep);
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_export_cred(&minor, CredOf(creds), &token.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("token", token.ToJs(env)); });
  }
};

// importCred(token) -> { creds }
struct ImportCredOp : OpBase {
  InBuffer token;
  OutCred creds;
  ImportCredOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_import_cred, "gss_import_cred");
    token = ReadBuffer(info[0], keep);
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_import_cred(&minor, token.ptr(), &creds.handle), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("creds", creds.Adopt(env)); });
  }
};

// ---------------------------------------------------------------------------
// S4U

// acquireCredImpersonateName(impersonator?, name, lifetime, mechs?, usage) -> { creds, mechs, lifetime }
struct AcquireCredImpersonateNameOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  CredHandle* impersonator = nullptr;
  NameHandle* name = nullptr;
  OM_uint32 lifetime = GSS_C_INDEFINITE;
  std::unique_ptr<InOidSet> mechs;
  gss_cred_usage_t usage = GSS_C_INITIATE;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualLifetime = 0;
  AcquireCredImpersonateNameOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_acquire_cred_impersonate_name, "gss_acquire_cred_impersonate_name");
    impersonator = ReadCred(info[0], keep);
    name = ReadName(info[1], keep);
    lifetime = ReadUint32(info[2]);
    mechs = ReadOidSet(info[3], keep);
    usage = ReadUsage(info[4]);
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_acquire_cred_impersonate_name(&minor, CredOf(impersonator), NameOf(name), lifetime,
                                                      mechs->ptr(), usage, &creds.handle, &actualMechs.set,
                                                      &actualLifetime),
               minor);
  }
  Napi::Value Result(Napi::Env env) { return AcquireReply(env, status, creds, actualMechs, actualLifetime); }
};

// addCredImpersonateName(inputCred?, impersonator?, name, mech, usage, initLifetime, acceptLifetime, mutate)
//   -> { creds?, mechs, initLifetime, acceptLifetime }
// MIT 1.20 gives a new output handle the input's own elements (freed twice
// once both are released): the JavaScript layer only passes an input
// credential together with `mutate`.
struct AddCredImpersonateNameOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  CredHandle* input = nullptr;
  CredHandle* impersonator = nullptr;
  NameHandle* name = nullptr;
  InOid mech;
  gss_cred_usage_t usage = GSS_C_INITIATE;
  OM_uint32 initLifetime = GSS_C_INDEFINITE;
  OM_uint32 acceptLifetime = GSS_C_INDEFINITE;
  bool mutate = false;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualInit = 0;
  OM_uint32 actualAccept = 0;
  AddCredImpersonateNameOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_add_cred_impersonate_name, "gss_add_cred_impersonate_name");
    input = ReadCred(info[0], keep);
    impersonator = ReadCred(info[1], keep);
    name = ReadName(info[2], keep);
    mech = ReadOid(info[3], keep);
    usage = ReadUsage(info[4]);
    initLifetime = ReadUint32(info[5]);
    acceptLifetime = ReadUint32(info[6]);
    mutate = ReadBool(info[7]);
    if (mutate) keep.Exclusive(input);  // adds the element to `input` in place
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_add_cred_impersonate_name(&minor, CredOf(input), CredOf(impersonator), NameOf(name),
                                                  mech.ptr(), usage, initLifetime, acceptLifetime,
                                                  mutate ? nullptr : &creds.handle, &actualMechs.set,
                                                  &actualInit, &actualAccept),
               minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return AddReply(env, status, creds, actualMechs, actualInit, actualAccept);
  }
};

// ---------------------------------------------------------------------------
// Password

// acquireCredWithPassword(name, password, lifetime, mechs?, usage) -> { creds, mechs, lifetime }
// The password is copied here and the copy zeroed right after the call.
struct AcquireCredWithPasswordOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  NameHandle* name = nullptr;
  std::unique_ptr<InSecret> password;
  OM_uint32 lifetime = GSS_C_INDEFINITE;
  std::unique_ptr<InOidSet> mechs;
  gss_cred_usage_t usage = GSS_C_INITIATE;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualLifetime = 0;
  AcquireCredWithPasswordOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_acquire_cred_with_password, "gss_acquire_cred_with_password");
    name = ReadName(info[0], keep);
    password = std::make_unique<InSecret>(info[1]);
    lifetime = ReadUint32(info[2]);
    mechs = ReadOidSet(info[3], keep);
    usage = ReadUsage(info[4]);
  }
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major =
        gss->gss_acquire_cred_with_password(&minor, NameOf(name), password->ptr(), lifetime, mechs->ptr(),
                                            usage, &creds.handle, &actualMechs.set, &actualLifetime);
    password->Wipe();
    status.Set(major, minor);
  }
  Napi::Value Result(Napi::Env env) { return AcquireReply(env, status, creds, actualMechs, actualLifetime); }
};

// addCredWithPassword(inputCred?, name, mech, password, usage, initLifetime, acceptLifetime, mutate)
//   -> { creds?, mechs, initLifetime, acceptLifetime }
// Same MIT caveat as addCredImpersonateName about an input with a new output.
struct AddCredWithPasswordOp : OpBase {
  static constexpr bool kMayWaitOnNetwork = true;  // may need a KDC round trip
  CredHandle* input = nullptr;
  NameHandle* name = nullptr;
  InOid mech;
  std::unique_ptr<InSecret> password;
  gss_cred_usage_t usage = GSS_C_INITIATE;
  OM_uint32 initLifetime = GSS_C_INDEFINITE;
  OM_uint32 acceptLifetime = GSS_C_INDEFINITE;
  bool mutate = false;
  OutCred creds;
  OutOidSet actualMechs;
  OM_uint32 actualInit = 0;
  OM_uint32 actualAccept = 0;
  AddCredWithPasswordOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_add_cred_with_password, "gss_add_cred_with_password");
    input = ReadCred(info[0], keep);
    name = ReadName(info[1], keep);
    mech = ReadOid(info[2], keep);
    password = std::make_unique<InSecret>(info[3]);
    usage = ReadUsage(info[4]);
    initLifetime = ReadUint32(info[5]);
    acceptLifetime = ReadUint32(info[6]);
    mutate = ReadBool(info[7]);
    if (mutate) keep.Exclusive(input);  // adds the element to `input` in place
  }
  void Execute() {
    OM_uint32 minor = 0;
    OM_uint32 major = gss->gss_add_cred_with_password(
        &minor, CredOf(input), NameOf(name), mech.ptr(), password->ptr(), usage, initLifetime, acceptLifetime,
        mutate ? nullptr : &creds.handle, &actualMechs.set, &actualInit, &actualAccept);
    password->Wipe();
    status.Set(major, minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return AddReply(env, status, creds, actualMechs, actualInit, actualAccept);
  }
};

// ---------------------------------------------------------------------------
// gss_set_cred_option

// setCredOption(oid, creds?, value?) -> { creds? }
// With `creds`, the option is set on them (the handle is updated in place,
// on the main thread, should the library replace it) and no `creds` field is
// returned; without, the library may create credentials, returned as `creds`.
struct SetCredOptionOp : OpBase {
  InOid oid;
  CredHandle* creds = nullptr;
  InBuffer value;
  gss_cred_id_t handle = GSS_C_NO_CREDENTIAL;  // the handle the call works on
  OutCred created;
  SetCredOptionOp(const Napi::CallbackInfo& info, Keep& keep) {
    RequireFunction(info.Env(), gss->gss_set_cred_option, "gss_set_cred_option");
    oid = ReadOid(info[0], keep);
    creds = ReadCred(info[1], keep);
    value = ReadBuffer(info[2], keep);
    handle = CredOf(creds);
    keep.Exclusive(creds);  // changes the credentials in place
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_set_cred_option(&minor, &handle, oid.ptr(), value.ptr()), minor);
    if (creds == nullptr) {
      created.handle = handle;  // owned from here on, released if never adopted
      handle = GSS_C_NO_CREDENTIAL;
    }
  }
  Napi::Value Result(Napi::Env env) {
    if (creds != nullptr && handle != creds->handle) creds->handle = handle;
    return Reply(env, status, [&](Fields& r) {
      if (creds == nullptr) r.Set("creds", created.Adopt(env));
    });
  }
};

}  // namespace

void RegisterCredsExt(Napi::Env env, Napi::Object exports) {
  ExportOp<StoreCredOp>(env, exports, "storeCred");
  ExportOp<StoreCredIntoOp>(env, exports, "storeCredInto");
  ExportOp<AcquireCredFromOp>(env, exports, "acquireCredFrom");
  ExportOp<AddCredFromOp>(env, exports, "addCredFrom");
  ExportOp<ExportCredOp>(env, exports, "exportCred");
  ExportOp<ImportCredOp>(env, exports, "importCred");
  ExportOp<AcquireCredImpersonateNameOp>(env, exports, "acquireCredImpersonateName");
  ExportOp<AddCredImpersonateNameOp>(env, exports, "addCredImpersonateName");
  ExportOp<AcquireCredWithPasswordOp>(env, exports, "acquireCredWithPassword");
  ExportOp<AddCredWithPasswordOp>(env, exports, "addCredWithPassword");
  ExportOp<SetCredOptionOp>(env, exports, "setCredOption");
}

}  // namespace gssnative
