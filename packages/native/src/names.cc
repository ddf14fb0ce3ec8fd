#include "names.h"

#include "op.h"

namespace gssnative {
namespace {

// importName(text: Uint8Array, nameType?: Uint8Array) -> { name }
struct ImportNameOp : OpBase {
  InBuffer text;
  InOid nameType;
  OutName name;
  ImportNameOp(const Napi::CallbackInfo& info, Keep& keep)
      : text(ReadBuffer(info[0], keep)), nameType(ReadOid(info[1], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_import_name(&minor, text.ptr(), nameType.ptr(), &name.handle), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("name", name.Adopt(env)); });
  }
};

// displayName(name) -> { text: Buffer, nameType?: Buffer }
struct DisplayNameOp : OpBase {
  NameHandle* input;
  OutBuffer text;
  gss_OID type = GSS_C_NO_OID;
  DisplayNameOp(const Napi::CallbackInfo& info, Keep& keep) : input(ReadName(info[0], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_display_name(&minor, NameOf(input), &text.desc, &type), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) {
      r.Set("text", text.ToJs(env));
      r.Set("nameType", OidToJs(env, type));
    });
  }
};

// compareName(a, b) -> { equal: boolean }
struct CompareNameOp : OpBase {
  NameHandle* a;
  NameHandle* b;
  int equal = 0;
  CompareNameOp(const Napi::CallbackInfo& info, Keep& keep)
      : a(ReadName(info[0], keep)), b(ReadName(info[1], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_compare_name(&minor, NameOf(a), NameOf(b), &equal), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("equal", Napi::Boolean::New(env, equal != 0)); });
  }
};

// exportName(name) -> { token: Buffer }
struct ExportNameOp : OpBase {
  NameHandle* input;
  OutBuffer token;
  ExportNameOp(const Napi::CallbackInfo& info, Keep& keep) : input(ReadName(info[0], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_export_name(&minor, NameOf(input), &token.desc), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("token", token.ToJs(env)); });
  }
};

// canonicalizeName(name, mech) -> { name }
struct CanonicalizeNameOp : OpBase {
  NameHandle* input;
  InOid mech;
  OutName name;
  CanonicalizeNameOp(const Napi::CallbackInfo& info, Keep& keep)
      : input(ReadName(info[0], keep)), mech(ReadOid(info[1], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_canonicalize_name(&minor, NameOf(input), mech.ptr(), &name.handle), minor,
               mech.ptr());
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("name", name.Adopt(env)); });
  }
};

// duplicateName(name) -> { name }
struct DuplicateNameOp : OpBase {
  NameHandle* input;
  OutName name;
  DuplicateNameOp(const Napi::CallbackInfo& info, Keep& keep) : input(ReadName(info[0], keep)) {}
  void Execute() {
    OM_uint32 minor = 0;
    status.Set(gss->gss_duplicate_name(&minor, NameOf(input), &name.handle), minor);
  }
  Napi::Value Result(Napi::Env env) {
    return Reply(env, status, [&](Fields& r) { r.Set("name", name.Adopt(env)); });
  }
};

}  // namespace

void RegisterNames(Napi::Env env, Napi::Object exports) {
  ExportOp<ImportNameOp>(env, exports, "importName");
  ExportOp<DisplayNameOp>(env, exports, "displayName");
  ExportOp<CompareNameOp>(env, exports, "compareName");
  ExportOp<ExportNameOp>(env, exports, "exportName");
  ExportOp<CanonicalizeNameOp>(env, exports, "canonicalizeName");
  ExportOp<DuplicateNameOp>(env, exports, "duplicateName");
}

}  // namespace gssnative
