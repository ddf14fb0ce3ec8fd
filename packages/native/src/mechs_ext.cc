#include "mechs_ext.h"

#include <memory>
#include <string>

#include "op.h"

namespace gssnative {
namespace {

// setNegMechs(creds, mechs: Uint8Array[]) -> {}
struct SetNegMechsOp : OpBase {
  CredHandle* creds;
  std::unique_ptr<InOidSet> mechs;
  SetNegMechsOp(const Napi::CallbackInfo& info, Keep& keep)
      : creds(ReadCred(info[0], keep)), mechs(ReadOidSet(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_set_neg_mechs, "gss_set_neg_mechs");
    keep.Exclusive(creds);  // changes the credentials in place
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_set_neg_mechs(&minor, CredOf(creds), mechs->ptr()), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

// getNegMechs(creds) -> { mechs }
struct GetNegMechsOp : OpBase {
  CredHandle* creds;
  OutOidSet mechs;
  GetNegMechsOp(const Napi::CallbackInfo& info, Keep& keep) : creds(ReadCred(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_get_neg_mechs, "gss_get_neg_mechs");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_get_neg_mechs(&minor, CredOf(creds), &mechs.set), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("mechs", mechs.ToJs(env)); });
  }
};

// indicateMechsByAttrs(desired?, except?, critical?) -> { mechs }
struct IndicateMechsByAttrsOp : OpBase {
  std::unique_ptr<InOidSet> desired;
  std::unique_ptr<InOidSet> except;
  std::unique_ptr<InOidSet> critical;
  OutOidSet mechs;
  IndicateMechsByAttrsOp(const Napi::CallbackInfo& info, Keep& keep)
      : desired(ReadOidSet(info[0], keep)),
        except(ReadOidSet(info[1], keep)),
        critical(ReadOidSet(info[2], keep)) {
    RequireFunction(info.Env(), gss->gss_indicate_mechs_by_attrs, "gss_indicate_mechs_by_attrs");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(
        gss->gss_indicate_mechs_by_attrs(&minor, desired->ptr(), except->ptr(), critical->ptr(), &mechs.set),
        minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("mechs", mechs.ToJs(env)); });
  }
};

// inquireAttrsForMech(mech) -> { mechAttrs, knownMechAttrs }
struct InquireAttrsForMechOp : OpBase {
  InOid mech;
  OutOidSet mechAttrs;
  OutOidSet knownMechAttrs;
  InquireAttrsForMechOp(const Napi::CallbackInfo& info, Keep& keep) : mech(ReadOid(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_inquire_attrs_for_mech, "gss_inquire_attrs_for_mech");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_attrs_for_mech(&minor, mech.ptr(), &mechAttrs.set, &knownMechAttrs.set),
               minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("mechAttrs", mechAttrs.ToJs(env));
      r.Set("knownMechAttrs", knownMechAttrs.ToJs(env));
    });
  }
};

// displayMechAttr(attr) -> { name, shortDesc, longDesc }
struct DisplayMechAttrOp : OpBase {
  InOid attr;
  OutBuffer name;
  OutBuffer shortDesc;
  OutBuffer longDesc;
  DisplayMechAttrOp(const Napi::CallbackInfo& info, Keep& keep) : attr(ReadOid(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_display_mech_attr, "gss_display_mech_attr");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_display_mech_attr(&minor, attr.ptr(), &name.desc, &shortDesc.desc, &longDesc.desc),
               minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("name", name.ToJs(env));
      r.Set("shortDesc", shortDesc.ToJs(env));
      r.Set("longDesc", longDesc.ToJs(env));
    });
  }
};

// inquireSaslnameForMech(mech) -> { saslMechName, mechName, mechDescription }
struct InquireSaslnameForMechOp : OpBase {
  InOid mech;
  OutBuffer saslMechName;
  OutBuffer mechName;
  OutBuffer mechDescription;
  InquireSaslnameForMechOp(const Napi::CallbackInfo& info, Keep& keep) : mech(ReadOid(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_inquire_saslname_for_mech, "gss_inquire_saslname_for_mech");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_saslname_for_mech(&minor, mech.ptr(), &saslMechName.desc, &mechName.desc,
                                                  &mechDescription.desc),
               minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("saslMechName", saslMechName.ToJs(env));
      r.Set("mechName", mechName.ToJs(env));
      r.Set("mechDescription", mechDescription.ToJs(env));
    });
  }
};

// inquireMechForSaslname(saslName) -> { mech }. The OID is the library's own
// (static mechanism table storage): copied, never released.
struct InquireMechForSaslnameOp : OpBase {
  InBuffer saslName;
  gss_OID mech = GSS_C_NO_OID;
  InquireMechForSaslnameOp(const Napi::CallbackInfo& info, Keep& keep) : saslName(ReadBuffer(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_inquire_mech_for_saslname, "gss_inquire_mech_for_saslname");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_mech_for_saslname(&minor, saslName.ptr(), &mech), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("mech", OidToJs(env, mech)); });
  }
};

// An OID gss_str_to_oid allocated; released with gss_release_oid.
struct OutOid {
  gss_OID oid = GSS_C_NO_OID;
  OutOid() = default;
  OutOid(const OutOid&) = delete;
  OutOid& operator=(const OutOid&) = delete;
  ~OutOid() {
    if (oid != GSS_C_NO_OID) {
      OM_uint32 minor = 0;
      gss->gss_release_oid(&minor, &oid);
    }
  }
};

// strToOid(text) -> { oid }. The text is copied into a NUL-terminated string:
// parsers may look one byte past the given length.
struct StrToOidOp : OpBase {
  std::string text;
  gss_buffer_desc desc = GSS_C_EMPTY_BUFFER;
  OutOid oid;
  StrToOidOp(const Napi::CallbackInfo& info, Keep&) {
    RequireFunction(info.Env(), gss->gss_str_to_oid, "gss_str_to_oid");
    RequireFunction(info.Env(), gss->gss_release_oid, "gss_release_oid");
    Napi::Uint8Array bytes = info[0].As<Napi::Uint8Array>();
    text.assign(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
    desc.length = text.size();
    desc.value = &text[0];
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_str_to_oid(&minor, &desc, &oid.oid), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("oid", OidToJs(env, oid.oid)); });
  }
};

// oidToStr(oid) -> { text } (MIT counts the trailing NUL in the length; the
// JavaScript layer drops it).
struct OidToStrOp : OpBase {
  InOid oid;
  OutBuffer text;
  OidToStrOp(const Napi::CallbackInfo& info, Keep& keep) : oid(ReadOid(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_oid_to_str, "gss_oid_to_str");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_oid_to_str(&minor, oid.ptr(), &text.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("text", text.ToJs(env)); });
  }
};

}  // namespace

void RegisterMechsExt(Napi::Env env, Napi::Object exports) {
  ExportOp<SetNegMechsOp>(env, exports, "setNegMechs");
  ExportOp<GetNegMechsOp>(env, exports, "getNegMechs");
  ExportOp<IndicateMechsByAttrsOp>(env, exports, "indicateMechsByAttrs");
  ExportOp<InquireAttrsForMechOp>(env, exports, "inquireAttrsForMech");
  ExportOp<DisplayMechAttrOp>(env, exports, "displayMechAttr");
  ExportOp<InquireSaslnameForMechOp>(env, exports, "inquireSaslnameForMech");
  ExportOp<InquireMechForSaslnameOp>(env, exports, "inquireMechForSaslname");
  ExportOp<StrToOidOp>(env, exports, "strToOid");
  ExportOp<OidToStrOp>(env, exports, "oidToStr");
}

}  // namespace gssnative
