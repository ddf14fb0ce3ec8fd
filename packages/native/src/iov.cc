#include "iov.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <vector>

#include "op.h"

namespace gssnative {
namespace {

// An IOV as the addon takes it: an array of [type | flags, Uint8Array | undefined].
//
// The library writes into caller-provided buffers (in-place encryption and
// decryption, header/padding/trailer/MIC tokens sized by the *_length calls),
// so every buffer is copied into memory this object owns: the JavaScript bytes
// are never written, and an async call needs no pinned JavaScript memory.
// Buffers the library allocated (GSS_IOV_BUFFER_FLAG_ALLOCATED) are released
// when the object goes away, after Result() has copied them out.
class Iov {
 public:
  explicit Iov(Napi::Value value) {
    Napi::Array list = value.As<Napi::Array>();
    const uint32_t count = list.Length();
    storage_.resize(count);
    given_.resize(count, false);
    descs_.resize(count);
    for (uint32_t i = 0; i < count; ++i) {
      Napi::Array pair = list.Get(i).As<Napi::Array>();
      gss_iov_buffer_desc& desc = descs_[i];
      // ALLOCATED would let the library free() memory it does not own: never pass it in.
      desc.type = ReadUint32(pair.Get(0u)) & ~static_cast<OM_uint32>(GSS_IOV_BUFFER_FLAG_ALLOCATED);
      desc.buffer.length = 0;
      desc.buffer.value = nullptr;
      Napi::Value data = pair.Get(1u);
      if (data.IsUndefined() || data.IsNull()) continue;
      Napi::Uint8Array bytes = data.As<Napi::Uint8Array>();
      given_[i] = true;
      const uint8_t* begin = bytes.Data();
      storage_[i].assign(begin, begin + bytes.ByteLength());
      if (!storage_[i].empty()) {
        desc.buffer.length = storage_[i].size();
        desc.buffer.value = storage_[i].data();
      }
    }
  }
  Iov(const Iov&) = delete;
  Iov& operator=(const Iov&) = delete;
  ~Iov() { Release(); }

  gss_iov_buffer_desc* data() { return descs_.empty() ? nullptr : descs_.data(); }
  int count() const { return static_cast<int>(descs_.size()); }

  // The buffers after the call, as [type | flags, Buffer | undefined] pairs.
  // `sizesOnly` (the *_length calls): the library set the lengths of the
  // header, padding, trailer and MIC token buffers without writing them, so
  // those come back as zero-filled Buffers of that length.
  Napi::Value ToJs(Napi::Env env, bool sizesOnly) const {
    Napi::Array out = Napi::Array::New(env, descs_.size());
    for (uint32_t i = 0; i < descs_.size(); ++i) {
      const gss_iov_buffer_desc& desc = descs_[i];
      Napi::Value value;
      if (sizesOnly && IsSized(GSS_IOV_BUFFER_TYPE(desc.type))) {
        value = Zeros(env, desc.buffer.length);
      } else if (desc.buffer.value == nullptr) {
        // No memory: undefined, unless the caller gave (empty) bytes for it.
        const bool none = desc.buffer.length == 0 && !given_[i];
        value = none ? env.Undefined() : Zeros(env, desc.buffer.length);
      } else {
        value = Copy(env, desc.buffer);
      }
      Napi::Array pair = Napi::Array::New(env, 2);
      pair.Set(0u, Napi::Number::New(env, desc.type));
      pair.Set(1u, value);
      out.Set(i, pair);
    }
    return out;
  }

 private:
  static bool IsSized(OM_uint32 type) {
    return type == GSS_IOV_BUFFER_TYPE_HEADER || type == GSS_IOV_BUFFER_TYPE_PADDING ||
           type == GSS_IOV_BUFFER_TYPE_TRAILER || type == GSS_IOV_BUFFER_TYPE_MIC_TOKEN;
  }

  static Napi::Value Zeros(Napi::Env env, size_t length) {
    Napi::Buffer<uint8_t> buffer = Napi::Buffer<uint8_t>::New(env, length);
    if (length > 0) std::memset(buffer.Data(), 0, length);
    return buffer;
  }

  // A copy of what `buffer` points at. When it points into memory this object
  // owns (a caller-provided buffer, or DATA pointing into a STREAM after an
  // unwrap), the copy never reads past the end of that memory.
  Napi::Value Copy(Napi::Env env, const gss_buffer_desc& buffer) const {
    const auto* at = static_cast<const uint8_t*>(buffer.value);
    size_t available = buffer.length;
    for (const std::vector<uint8_t>& owned : storage_) {
      if (owned.empty()) continue;
      const uint8_t* begin = owned.data();
      const uint8_t* end = begin + owned.size();
      if (std::less_equal<const uint8_t*>()(begin, at) && std::less<const uint8_t*>()(at, end)) {
        available = std::min(buffer.length, static_cast<size_t>(end - at));
        break;
      }
    }
    Napi::Buffer<uint8_t> copy = Napi::Buffer<uint8_t>::New(env, buffer.length);
    if (available > 0) std::memcpy(copy.Data(), at, available);
    if (available < buffer.length) std::memset(copy.Data() + available, 0, buffer.length - available);
    return copy;
  }

  void Release() {
    bool allocated = false;
    for (const gss_iov_buffer_desc& desc : descs_) {
      if ((desc.type & GSS_IOV_BUFFER_FLAG_ALLOCATED) != 0) allocated = true;
    }
    if (!allocated) return;
    OM_uint32 minor = 0;
    if (gss->gss_release_iov_buffer != nullptr) {
      gss->gss_release_iov_buffer(&minor, descs_.data(), count());
      return;
    }
    for (gss_iov_buffer_desc& desc : descs_) {  // what gss_release_iov_buffer does
      if ((desc.type & GSS_IOV_BUFFER_FLAG_ALLOCATED) == 0) continue;
      gss->gss_release_buffer(&minor, &desc.buffer);
      desc.type &= ~static_cast<OM_uint32>(GSS_IOV_BUFFER_FLAG_ALLOCATED);
    }
  }

  std::vector<std::vector<uint8_t>> storage_;
  std::vector<bool> given_;  // whether JavaScript gave bytes (possibly none) for each buffer
  std::vector<gss_iov_buffer_desc> descs_;
};

// wrapIov(context, iov, confidential, qop) -> { iov, encrypted }
struct WrapIovOp : ContextOp {
  bool confidential;
  gss_qop_t qop;
  Iov iov;
  int confState = 0;
  WrapIovOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), confidential(ReadBool(info[2])), qop(ReadUint32(info[3])), iov(info[1]) {
    RequireFunction(info.Env(), gss->gss_wrap_iov, "gss_wrap_iov");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_wrap_iov(&minor, context->handle, confidential ? 1 : 0, qop, &confState, iov.data(),
                                 iov.count()),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("iov", iov.ToJs(env, false));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
    });
  }
};

// unwrapIov(context, iov) -> { iov, encrypted, qop }
// Supplementary statuses (duplicate, old, gap) still carry the buffers.
struct UnwrapIovOp : ContextOp {
  Iov iov;
  int confState = 0;
  gss_qop_t qop = 0;
  UnwrapIovOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep), iov(info[1]) {
    RequireFunction(info.Env(), gss->gss_unwrap_iov, "gss_unwrap_iov");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_unwrap_iov(&minor, context->handle, &confState, &qop, iov.data(), iov.count()),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    Fields r(env);
    status.AddTo(r);
    if (!GSS_ERROR(status.major)) {
      r.Set("iov", iov.ToJs(env, false));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
      r.Set("qop", Napi::Number::New(env, qop));
    }
    return r.object();
  }
};

// wrapIovLength(context, iov, confidential, qop) -> { iov, encrypted }
struct WrapIovLengthOp : ContextOp {
  bool confidential;
  gss_qop_t qop;
  Iov iov;
  int confState = 0;
  WrapIovLengthOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), confidential(ReadBool(info[2])), qop(ReadUint32(info[3])), iov(info[1]) {
    RequireFunction(info.Env(), gss->gss_wrap_iov_length, "gss_wrap_iov_length");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_wrap_iov_length(&minor, context->handle, confidential ? 1 : 0, qop, &confState,
                                        iov.data(), iov.count()),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("iov", iov.ToJs(env, true));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
    });
  }
};

// wrapAead(context, message, associated, confidential, qop) -> { message, encrypted }
struct WrapAeadOp : ContextOp {
  InBuffer message;
  InBuffer associated;
  bool confidential;
  gss_qop_t qop;
  int confState = 0;
  OutBuffer output;
  WrapAeadOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep),
        message(ReadBuffer(info[1], keep)),
        associated(ReadBuffer(info[2], keep)),
        confidential(ReadBool(info[3])),
        qop(ReadUint32(info[4])) {
    RequireFunction(info.Env(), gss->gss_wrap_aead, "gss_wrap_aead");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_wrap_aead(&minor, context->handle, confidential ? 1 : 0, qop, associated.ptr(),
                                  message.ptr(), &confState, &output.desc),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("message", output.ToJs(env));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
    });
  }
};

// unwrapAead(context, message, associated) -> { message, encrypted, qop }
//
// MIT's mechglue implements gss_unwrap_aead as a STREAM | SIGN_ONLY | DATA
// gss_unwrap_iov on the caller's token: the token is decrypted in place (so it
// is copied into memory this Op owns, never the caller's Buffer), and the
// output could point into that copy rather than be a buffer to release (the
// shim's DATA buffer has no ALLOCATE flag; MIT 1.20's krb5 returns an
// allocated buffer, but the guard costs nothing).
struct UnwrapAeadOp : ContextOp {
  std::vector<uint8_t> token;
  gss_buffer_desc tokenDesc = GSS_C_EMPTY_BUFFER;
  InBuffer associated;
  int confState = 0;
  gss_qop_t qop = 0;
  OutBuffer output;
  std::vector<uint8_t> inTokenPayload;
  bool payloadInToken = false;
  UnwrapAeadOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), associated(ReadBuffer(info[2], keep)) {
    RequireFunction(info.Env(), gss->gss_unwrap_aead, "gss_unwrap_aead");
    Napi::Uint8Array bytes = info[1].As<Napi::Uint8Array>();
    token.assign(bytes.Data(), bytes.Data() + bytes.ByteLength());
    tokenDesc.length = token.size();
    tokenDesc.value = token.empty() ? nullptr : token.data();
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_unwrap_aead(&minor, context->handle, &tokenDesc, associated.ptr(), &output.desc,
                                    &confState, &qop),
               minor);
    if (InsideToken(output.desc.value)) {  // not the library's to release: keep a copy
      const auto* at = static_cast<const uint8_t*>(output.desc.value);
      const size_t available = static_cast<size_t>(token.data() + token.size() - at);
      inTokenPayload.assign(at, at + std::min(available, output.desc.length));
      payloadInToken = true;
      output.desc = GSS_C_EMPTY_BUFFER;
    }
  }
  bool InsideToken(const void* p) const {
    if (p == nullptr || token.empty()) return false;
    const auto* at = static_cast<const uint8_t*>(p);
    return std::less_equal<const uint8_t*>()(token.data(), at) &&
           std::less<const uint8_t*>()(at, token.data() + token.size());
  }
  Napi::Value Result(Napi::Env env) {
    Fields r(env);
    status.AddTo(r);
    if (!GSS_ERROR(status.major)) {
      r.Set("message", payloadInToken
                           ? Napi::Buffer<uint8_t>::Copy(env, inTokenPayload.data(), inTokenPayload.size())
                           : output.ToJs(env));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
      r.Set("qop", Napi::Number::New(env, qop));
    }
    return r.object();
  }
};

// getMicIov(context, iov, qop) -> { iov }
struct GetMicIovOp : ContextOp {
  gss_qop_t qop;
  Iov iov;
  GetMicIovOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), qop(ReadUint32(info[2])), iov(info[1]) {
    RequireFunction(info.Env(), gss->gss_get_mic_iov, "gss_get_mic_iov");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_get_mic_iov(&minor, context->handle, qop, iov.data(), iov.count()), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("iov", iov.ToJs(env, false)); });
  }
};

// getMicIovLength(context, iov, qop) -> { iov }
struct GetMicIovLengthOp : ContextOp {
  gss_qop_t qop;
  Iov iov;
  GetMicIovLengthOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), qop(ReadUint32(info[2])), iov(info[1]) {
    RequireFunction(info.Env(), gss->gss_get_mic_iov_length, "gss_get_mic_iov_length");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_get_mic_iov_length(&minor, context->handle, qop, iov.data(), iov.count()), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("iov", iov.ToJs(env, true)); });
  }
};

// verifyMicIov(context, iov) -> { qop }
struct VerifyMicIovOp : ContextOp {
  Iov iov;
  gss_qop_t qop = 0;
  VerifyMicIovOp(const Napi::CallbackInfo& info, Keep& keep) : ContextOp(info[0], keep), iov(info[1]) {
    RequireFunction(info.Env(), gss->gss_verify_mic_iov, "gss_verify_mic_iov");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_verify_mic_iov(&minor, context->handle, &qop, iov.data(), iov.count()), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("qop", Napi::Number::New(env, qop)); });
  }
};

}  // namespace

void RegisterDce(Napi::Env env, Napi::Object exports) {
  ExportOp<WrapIovOp>(env, exports, "wrapIov");
  ExportOp<UnwrapIovOp>(env, exports, "unwrapIov");
  ExportOp<WrapIovLengthOp>(env, exports, "wrapIovLength");
  ExportOp<WrapAeadOp>(env, exports, "wrapAead");
  ExportOp<UnwrapAeadOp>(env, exports, "unwrapAead");
  ExportOp<GetMicIovOp>(env, exports, "getMicIov");
  ExportOp<GetMicIovLengthOp>(env, exports, "getMicIovLength");
  ExportOp<VerifyMicIovOp>(env, exports, "verifyMicIov");
}

}  // namespace gssnative
