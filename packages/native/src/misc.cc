#include "misc.h"

#include "op.h"

namespace gssnative {
namespace {

// indicateMechs() -> { mechs }
struct IndicateMechsOp : OpBase {
  OutOidSet mechs;
  IndicateMechsOp(const Napi::CallbackInfo&, Keep&) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_indicate_mechs(&minor, &mechs.set), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("mechs", mechs.ToJs(env)); });
  }
};

// inquireNamesForMech(mech) -> { nameTypes }
struct InquireNamesForMechOp : OpBase {
  InOid mech;
  OutOidSet nameTypes;
  InquireNamesForMechOp(const Napi::CallbackInfo& info, Keep& keep) : mech(ReadOid(info[0], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_names_for_mech(&minor, mech.ptr(), &nameTypes.set), minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("nameTypes", nameTypes.ToJs(env)); });
  }
};

// inquireMechsForName(name) -> { mechs }
struct InquireMechsForNameOp : OpBase {
  NameHandle* name;
  OutOidSet mechs;
  InquireMechsForNameOp(const Napi::CallbackInfo& info, Keep& keep) : name(ReadName(info[0], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_mechs_for_name(&minor, NameOf(name), &mechs.set), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("mechs", mechs.ToJs(env)); });
  }
};

// displayStatus(code, isMajor, mech?, messageContext) -> { text, messageContext }
struct DisplayStatusOp : OpBase {
  OM_uint32 code;
  bool isMajor;
  InOid mech;
  OM_uint32 messageContext;
  OutBuffer text;
  DisplayStatusOp(const Napi::CallbackInfo& info, Keep& keep)
      : code(ReadUint32(info[0])),
        isMajor(ReadBool(info[1])),
        mech(ReadOid(info[2], keep)),
        messageContext(ReadUint32(info[3])) {}
  void Execute() {
    OM_uint32 minor = 0;
    // Not through Status::Set: describing a failure of display_status with
    // display_status would recurse.
    status.major = gss->gss_display_status(&minor, code, isMajor ? GSS_C_GSS_CODE : GSS_C_MECH_CODE,
                                           mech.ptr(), &messageContext, &text.desc);
    status.minor = minor;
  }
  Napi::Value Result(Napi::Env env) {
    Fields r(env);
    r.Set("major", Napi::Number::New(env, status.major));
    r.Set("minor", Napi::Number::New(env, status.minor));
    if (!GSS_ERROR(status.major)) {
      r.Set("text", text.ToJs(env));
      r.Set("messageContext", Napi::Number::New(env, messageContext));
    }
    return r.object();
  }
};

}  // namespace

void RegisterMisc(Napi::Env env, Napi::Object exports) {
  ExportOp<IndicateMechsOp>(env, exports, "indicateMechs");
  ExportOp<InquireNamesForMechOp>(env, exports, "inquireNamesForMech");
  ExportOp<InquireMechsForNameOp>(env, exports, "inquireMechsForName");
  ExportOp<DisplayStatusOp>(env, exports, "displayStatus");
}

}  // namespace gssnative
