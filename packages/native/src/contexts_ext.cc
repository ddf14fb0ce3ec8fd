#include "contexts_ext.h"

#include <vector>

#include "op.h"

namespace gssnative {

OutBufferSet::~OutBufferSet() {
  if (set != GSS_C_NO_BUFFER_SET && gss->gss_release_buffer_set != nullptr) {
    OM_uint32 minor = 0;
    gss->gss_release_buffer_set(&minor, &set);
  }
}

Napi::Value OutBufferSet::ToJs(Napi::Env env) const {
  size_t count = set != GSS_C_NO_BUFFER_SET ? set->count : 0;
  Napi::Array list = Napi::Array::New(env, count);
  for (size_t i = 0; i < count; ++i) {
    const gss_buffer_desc& element = set->elements[i];
    Napi::Value value =
        element.length == 0
            ? Napi::Buffer<uint8_t>::New(env, 0)
            : Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t*>(element.value), element.length);
    list.Set(static_cast<uint32_t>(i), value);
  }
  return list;
}

namespace {

// inquireCredByOid(creds, oid) -> { values: Buffer[] }
struct InquireCredByOidOp : OpBase {
  CredHandle* creds;
  InOid oid;
  OutBufferSet values;
  InquireCredByOidOp(const Napi::CallbackInfo& info, Keep& keep)
      : creds(ReadCred(info[0], keep)), oid(ReadOid(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_inquire_cred_by_oid, "gss_inquire_cred_by_oid");
    RequireFunction(info.Env(), gss->gss_release_buffer_set, "gss_release_buffer_set");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_cred_by_oid(&minor, CredOf(creds), oid.ptr(), &values.set), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("values", values.ToJs(env)); });
  }
};

// inquireSecContextByOid(context, oid) -> { values: Buffer[] }
struct InquireSecContextByOidOp : ContextOp {
  InOid oid;
  OutBufferSet values;
  InquireSecContextByOidOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), oid(ReadOid(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_inquire_sec_context_by_oid, "gss_inquire_sec_context_by_oid");
    RequireFunction(info.Env(), gss->gss_release_buffer_set, "gss_release_buffer_set");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_sec_context_by_oid(&minor, context->handle, oid.ptr(), &values.set), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("values", values.ToJs(env)); });
  }
};

// setSecContextOption(context, oid, value?) -> {}; the context handle is
// updated in place (the library may create one when it was empty).
struct SetSecContextOptionOp : ContextOp {
  InOid oid;
  InBuffer value;
  SetSecContextOptionOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), oid(ReadOid(info[1], keep)), value(ReadBuffer(info[2], keep)) {
    RequireFunction(info.Env(), gss->gss_set_sec_context_option, "gss_set_sec_context_option");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_set_sec_context_option(&minor, &context->handle, oid.ptr(), value.ptr()), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

// pseudoRandom(context, prfKey, prfIn, desiredOutputLength) -> { output }
struct PseudoRandomOp : ContextOp {
  int prfKey;
  InBuffer prfIn;
  ssize_t length;
  OutBuffer output;
  PseudoRandomOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep),
        prfKey(static_cast<int>(ReadUint32(info[1]))),
        prfIn(ReadBuffer(info[2], keep)),
        length(static_cast<ssize_t>(info[3].As<Napi::Number>().Int64Value())) {
    RequireFunction(info.Env(), gss->gss_pseudo_random, "gss_pseudo_random");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_pseudo_random(&minor, context->handle, prfKey, prfIn.ptr(), length, &output.desc),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("output", output.ToJs(env)); });
  }
};

// completeAuthToken(context, token) -> { token }: the buffer after the call.
// The library gets a private copy it may change in place.
struct CompleteAuthTokenOp : ContextOp {
  std::vector<uint8_t> bytes;
  gss_buffer_desc buffer = GSS_C_EMPTY_BUFFER;
  std::vector<uint8_t> result;
  CompleteAuthTokenOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep) {
    RequireFunction(info.Env(), gss->gss_complete_auth_token, "gss_complete_auth_token");
    Napi::Uint8Array token = info[1].As<Napi::Uint8Array>();
    bytes.assign(token.Data(), token.Data() + token.ByteLength());
    buffer.length = bytes.size();
    buffer.value = bytes.empty() ? nullptr : bytes.data();
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_complete_auth_token(&minor, context->handle, &buffer), minor);
    // A mechanism may have pointed the buffer elsewhere; whatever it points at
    // now is copied (never freed here: its allocator is the mechanism's).
    if (buffer.value != nullptr && buffer.length > 0) {
      const uint8_t* data = static_cast<const uint8_t*>(buffer.value);
      result.assign(data, data + buffer.length);
    }
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("token", result.empty() ? Napi::Buffer<uint8_t>::New(env, 0)
                                    : Napi::Buffer<uint8_t>::Copy(env, result.data(), result.size()));
    });
  }
};

}  // namespace

void RegisterContextsExt(Napi::Env env, Napi::Object exports) {
  ExportOp<InquireCredByOidOp>(env, exports, "inquireCredByOid");
  ExportOp<InquireSecContextByOidOp>(env, exports, "inquireSecContextByOid");
  ExportOp<SetSecContextOptionOp>(env, exports, "setSecContextOption");
  ExportOp<PseudoRandomOp>(env, exports, "pseudoRandom");
  ExportOp<CompleteAuthTokenOp>(env, exports, "completeAuthToken");
}

}  // namespace gssnative
