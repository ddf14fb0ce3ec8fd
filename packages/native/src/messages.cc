#include "messages.h"

#include "op.h"

namespace gssnative {
namespace {

// getMic(context, message, qop) -> { token }
struct GetMicOp : ContextOp {
  InBuffer message;
  gss_qop_t qop;
  OutBuffer token;
  GetMicOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), message(ReadBuffer(info[1], keep)), qop(ReadUint32(info[2])) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_get_mic(&minor, context->handle, qop, message.ptr(), &token.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("token", token.ToJs(env)); });
  }
};

// verifyMic(context, message, token) -> { qop }
struct VerifyMicOp : ContextOp {
  InBuffer message;
  InBuffer token;
  gss_qop_t qop = 0;
  VerifyMicOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), message(ReadBuffer(info[1], keep)), token(ReadBuffer(info[2], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_verify_mic(&minor, context->handle, message.ptr(), token.ptr(), &qop), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("qop", Napi::Number::New(env, qop)); });
  }
};

// wrapSizeLimit(context, outputSize, confidential, qop) -> { maxInputSize }
struct WrapSizeLimitOp : ContextOp {
  OM_uint32 outputSize;
  bool confidential;
  gss_qop_t qop;
  OM_uint32 maxInput = 0;
  WrapSizeLimitOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep),
        outputSize(ReadUint32(info[1])),
        confidential(ReadBool(info[2])),
        qop(ReadUint32(info[3])) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(
        gss->gss_wrap_size_limit(&minor, context->handle, confidential ? 1 : 0, qop, outputSize, &maxInput),
        minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("maxInputSize", Napi::Number::New(env, maxInput)); });
  }
};

// wrap(context, message, confidential, qop) -> { message, encrypted }
struct WrapOp : ContextOp {
  InBuffer message;
  bool confidential;
  gss_qop_t qop;
  int confState = 0;
  OutBuffer output;
  WrapOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep),
        message(ReadBuffer(info[1], keep)),
        confidential(ReadBool(info[2])),
        qop(ReadUint32(info[3])) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_wrap(&minor, context->handle, confidential ? 1 : 0, qop, message.ptr(), &confState,
                             &output.desc),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("message", output.ToJs(env));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
    });
  }
};

// unwrap(context, message) -> { message, encrypted, qop }
// Supplementary statuses (duplicate, old, gap) still carry the message.
struct UnwrapOp : ContextOp {
  InBuffer message;
  int confState = 0;
  gss_qop_t qop = 0;
  OutBuffer output;
  UnwrapOp(const Napi::CallbackInfo& info, Keep& keep)
      : ContextOp(info[0], keep), message(ReadBuffer(info[1], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_unwrap(&minor, context->handle, message.ptr(), &output.desc, &confState, &qop),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    Fields r(env);
    status.AddTo(r);
    if (!GSS_ERROR(status.major)) {
      r.Set("message", output.ToJs(env));
      r.Set("encrypted", Napi::Boolean::New(env, confState != 0));
      r.Set("qop", Napi::Number::New(env, qop));
    }
    return r.object();
  }
};

}  // namespace

void RegisterMessages(Napi::Env env, Napi::Object exports) {
  ExportOp<GetMicOp>(env, exports, "getMic");
  ExportOp<VerifyMicOp>(env, exports, "verifyMic");
  ExportOp<WrapSizeLimitOp>(env, exports, "wrapSizeLimit");
  ExportOp<WrapOp>(env, exports, "wrap");
  ExportOp<UnwrapOp>(env, exports, "unwrap");
}

}  // namespace gssnative
