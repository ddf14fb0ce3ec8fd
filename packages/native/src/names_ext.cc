#include "names_ext.h"

#include <memory>
#include <string>
#include <vector>

#include "op.h"

namespace gssnative {
namespace {

// A buffer set the library filled (gss_inquire_name's attribute list); released
// with gss_release_buffer_set when the holder goes away.
struct NamesOutBufferSet {
  gss_buffer_set_t set = GSS_C_NO_BUFFER_SET;
  NamesOutBufferSet() = default;
  NamesOutBufferSet(const NamesOutBufferSet&) = delete;
  NamesOutBufferSet& operator=(const NamesOutBufferSet&) = delete;
  ~NamesOutBufferSet() {
    if (set != GSS_C_NO_BUFFER_SET && gss->gss_release_buffer_set != nullptr) {
      OM_uint32 minor = 0;
      gss->gss_release_buffer_set(&minor, &set);
    }
  }
  Napi::Value ToJs(Napi::Env env) const {
    size_t count = set != GSS_C_NO_BUFFER_SET ? set->count : 0;
    Napi::Array list = Napi::Array::New(env, count);
    for (size_t i = 0; i < count; ++i) {
      const gss_buffer_desc& b = set->elements[i];
      list.Set(static_cast<uint32_t>(i),
               b.length == 0
                   ? Napi::Buffer<uint8_t>::New(env, 0)
                   : Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t*>(b.value), b.length));
    }
    return list;
  }
};

// Bytes copied out of a Uint8Array into a NUL-terminated string. Used for
// attribute names and user names: some library code parses them with C string
// functions (strtoul, strcmp) that would read past a JavaScript buffer's end.
struct InText {
  std::string text;
  gss_buffer_desc desc = GSS_C_EMPTY_BUFFER;
  explicit InText(Napi::Value value) {
    Napi::Uint8Array bytes = value.As<Napi::Uint8Array>();
    text.assign(reinterpret_cast<const char*>(bytes.Data()), bytes.ByteLength());
    desc.length = text.size();
    desc.value = &text[0];
  }
  InText(const InText&) = delete;
  InText& operator=(const InText&) = delete;
};

// displayNameExt(name, nameType) -> { text }
struct DisplayNameExtOp : OpBase {
  NameHandle* name;
  InOid nameType;
  OutBuffer text;
  DisplayNameExtOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), nameType(ReadOid(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_display_name_ext, "gss_display_name_ext");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_display_name_ext(&minor, NameOf(name), nameType.ptr(), &text.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("text", text.ToJs(env)); });
  }
};

// Whether gss_inquire_name's MN_mech output is a copy the caller releases.
// MIT's mechglue copies it (generic_gss_copy_oid) and expects gss_release_oid;
// Heimdal hands out the mechanism's own OID, which must not be freed. MIT is
// recognised by gss_str_to_oid, which Heimdal does not export.
bool InquireNameCopiesMech() { return gss->gss_str_to_oid != nullptr && gss->gss_release_oid != nullptr; }

// inquireName(name) -> { isMechName, mech?, attrs: Buffer[] }
struct InquireNameOp : OpBase {
  NameHandle* name;
  int isMechName = 0;
  gss_OID mech = GSS_C_NO_OID;
  NamesOutBufferSet attrs;
  InquireNameOp(const Napi::CallbackInfo& info, Keep& keep) : name(ReadName(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_inquire_name, "gss_inquire_name");
    RequireFunction(info.Env(), gss->gss_release_buffer_set, "gss_release_buffer_set");
  }
  InquireNameOp(const InquireNameOp&) = delete;
  InquireNameOp& operator=(const InquireNameOp&) = delete;
  ~InquireNameOp() {
    if (mech != GSS_C_NO_OID && InquireNameCopiesMech()) {
      OM_uint32 minor = 0;
      gss->gss_release_oid(&minor, &mech);
    }
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_inquire_name(&minor, NameOf(name), &isMechName, &mech, &attrs.set), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("isMechName", Napi::Boolean::New(env, isMechName != 0));
      r.Set("mech", OidToJs(env, mech));
      r.Set("attrs", attrs.ToJs(env));
    });
  }
};

// getNameAttribute(name, attr) -> { values: Buffer[], displayValues: Buffer[],
// authenticated, complete }: every value, calling until `more` is 0.
struct GetNameAttributeOp : OpBase {
  NameHandle* name;
  InText attr;
  int authenticated = 0;
  int complete = 0;
  std::vector<std::unique_ptr<OutBuffer>> values;
  std::vector<std::unique_ptr<OutBuffer>> displayValues;
  GetNameAttributeOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), attr(info[1]) {
    RequireFunction(info.Env(), gss->gss_get_name_attribute, "gss_get_name_attribute");
  }
  void Execute() {
    // RFC 6680 section 7.5: `more` starts at -1 and the library sets it to 0
    // with the last value. The bound guards against a library that never does.
    int more = -1;
    for (int i = 0; more != 0 && i < 1 << 20; ++i) {
      auto value = std::make_unique<OutBuffer>();
      auto display = std::make_unique<OutBuffer>();
      int auth = 0;
      int comp = 0;
      OM_uint32 minor = 0;
      OM_uint32 major = gss->gss_get_name_attribute(&minor, NameOf(name), &attr.desc, &auth, &comp,
                                                    &value->desc, &display->desc, &more);
      status.Set(major, minor);
      if (status.Failed()) return;
      if (i == 0) {
        authenticated = auth;
        complete = comp;
      }
      values.push_back(std::move(value));
      displayValues.push_back(std::move(display));
    }
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      Napi::Array v = Napi::Array::New(env, values.size());
      Napi::Array d = Napi::Array::New(env, displayValues.size());
      for (size_t i = 0; i < values.size(); ++i) {
        v.Set(static_cast<uint32_t>(i), values[i]->ToJs(env));
        d.Set(static_cast<uint32_t>(i), displayValues[i]->ToJs(env));
      }
      r.Set("values", v);
      r.Set("displayValues", d);
      r.Set("authenticated", Napi::Boolean::New(env, authenticated != 0));
      r.Set("complete", Napi::Boolean::New(env, complete != 0));
    });
  }
};

// setNameAttribute(name, attr, values: Uint8Array[], complete) -> {}: one C call
// per value, in order, with `complete` passed on the last one only (the RFC 6680
// pseudo-API sets all values at once; the C binding takes them one at a time).
struct SetNameAttributeOp : OpBase {
  NameHandle* name;
  InText attr;
  std::vector<InBuffer> values;
  bool complete;
  SetNameAttributeOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), attr(info[1]), complete(ReadBool(info[3])) {
    RequireFunction(info.Env(), gss->gss_set_name_attribute, "gss_set_name_attribute");
    Napi::Array list = info[2].As<Napi::Array>();
    values.reserve(list.Length());
    for (uint32_t i = 0; i < list.Length(); ++i) values.push_back(ReadBuffer(list.Get(i), keep));
  }
  void Execute() {
    for (size_t i = 0; i < values.size(); ++i) {
      OM_uint32 minor = 0;
      int last = i + 1 == values.size() && complete ? 1 : 0;
      status.Set(gss->gss_set_name_attribute(&minor, NameOf(name), last, &attr.desc, &values[i].desc), minor);
      if (status.Failed()) return;
    }
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

// deleteNameAttribute(name, attr) -> {}
struct DeleteNameAttributeOp : OpBase {
  NameHandle* name;
  InText attr;
  DeleteNameAttributeOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), attr(info[1]) {
    RequireFunction(info.Env(), gss->gss_delete_name_attribute, "gss_delete_name_attribute");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_delete_name_attribute(&minor, NameOf(name), &attr.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

// exportNameComposite(name) -> { token }
struct ExportNameCompositeOp : OpBase {
  NameHandle* name;
  OutBuffer token;
  ExportNameCompositeOp(const Napi::CallbackInfo& info, Keep& keep) : name(ReadName(info[0], keep)) {
    RequireFunction(info.Env(), gss->gss_export_name_composite, "gss_export_name_composite");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_export_name_composite(&minor, NameOf(name), &token.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("token", token.ToJs(env)); });
  }
};

// localname(name, mech?) -> { text }
struct LocalnameOp : OpBase {
  NameHandle* name;
  InOid mech;
  OutBuffer text;
  LocalnameOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), mech(ReadOid(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_localname, "gss_localname");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_localname(&minor, NameOf(name), mech.ptr(), &text.desc), minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("text", text.ToJs(env)); });
  }
};

// userok(name, username) -> { ok }. gss_userok has no status: 0 means "not
// authorized or an error occurred".
struct UserokOp : OpBase {
  NameHandle* name;
  InText username;
  int ok = 0;
  UserokOp(const Napi::CallbackInfo& info, Keep& keep) : name(ReadName(info[0], keep)), username(info[1]) {
    RequireFunction(info.Env(), gss->gss_userok, "gss_userok");
  }
  void Execute() { ok = gss->gss_userok(NameOf(name), username.text.c_str()); }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("ok", Napi::Boolean::New(env, ok != 0)); });
  }
};

// authorizeLocalname(name, user) -> {} (GSS_S_UNAUTHORIZED is reported as a
// status like any other; the JavaScript layer turns it into `false`).
struct AuthorizeLocalnameOp : OpBase {
  NameHandle* name;
  NameHandle* user;
  AuthorizeLocalnameOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), user(ReadName(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_authorize_localname, "gss_authorize_localname");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_authorize_localname(&minor, NameOf(name), NameOf(user)), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [](Fields&) {});
  }
};

// pnameToUid(name, mech?) -> { uid }
struct PnameToUidOp : OpBase {
  NameHandle* name;
  InOid mech;
  uid_t uid = 0;
  PnameToUidOp(const Napi::CallbackInfo& info, Keep& keep)
      : name(ReadName(info[0], keep)), mech(ReadOid(info[1], keep)) {
    RequireFunction(info.Env(), gss->gss_pname_to_uid, "gss_pname_to_uid");
  }
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_pname_to_uid(&minor, NameOf(name), mech.ptr(), &uid), minor, mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status,
                 [&](Fields& r) { r.Set("uid", Napi::Number::New(env, static_cast<double>(uid))); });
  }
};

}  // namespace

void RegisterNamesExt(Napi::Env env, Napi::Object exports) {
  ExportOp<DisplayNameExtOp>(env, exports, "displayNameExt");
  ExportOp<InquireNameOp>(env, exports, "inquireName");
  ExportOp<GetNameAttributeOp>(env, exports, "getNameAttribute");
  ExportOp<SetNameAttributeOp>(env, exports, "setNameAttribute");
  ExportOp<DeleteNameAttributeOp>(env, exports, "deleteNameAttribute");
  ExportOp<ExportNameCompositeOp>(env, exports, "exportNameComposite");
  ExportOp<LocalnameOp>(env, exports, "localname");
  ExportOp<UserokOp>(env, exports, "userok");
  ExportOp<AuthorizeLocalnameOp>(env, exports, "authorizeLocalname");
  ExportOp<PnameToUidOp>(env, exports, "pnameToUid");
}

}  // namespace gssnative
