#include "status.h"

#include "library.h"
#include "marshal.h"

namespace gssnative {

std::vector<std::string> DisplayStatusText(OM_uint32 code, int type, gss_const_OID mech) {
  std::vector<std::string> messages;
  OM_uint32 context = 0;
  // Bounded: a library that never clears message_context cannot loop us forever.
  for (int round = 0; round < 16; ++round) {
    OM_uint32 minor = 0;
    gss_buffer_desc text = GSS_C_EMPTY_BUFFER;
    OM_uint32 major = gss->gss_display_status(&minor, code, type, const_cast<gss_OID>(mech), &context, &text);
    if (GSS_ERROR(major)) break;
    messages.emplace_back(static_cast<const char*>(text.value), text.length);
    gss->gss_release_buffer(&minor, &text);
    if (context == 0) break;
  }
  return messages;
}

void Status::Set(OM_uint32 maj, OM_uint32 min, gss_const_OID mech) {
  major = maj;
  minor = min;
  if (!Failed()) return;
  this->mech = mech;
  majorText = DisplayStatusText(major, GSS_C_GSS_CODE, GSS_C_NO_OID);
  if (minor != 0) minorText = DisplayStatusText(minor, GSS_C_MECH_CODE, mech);
}

namespace {

Napi::Array ToArray(Napi::Env env, const std::vector<std::string>& list) {
  Napi::Array array = Napi::Array::New(env, list.size());
  for (uint32_t i = 0; i < list.size(); ++i) array.Set(i, Napi::String::New(env, list[i]));
  return array;
}

}  // namespace

void Status::AddTo(Fields& result) const {
  Napi::Env env = result.object().Env();
  // Absent means 0: most calls succeed, and every property costs.
  if (major != 0) result.Set("major", Napi::Number::New(env, major));
  if (minor != 0) result.Set("minor", Napi::Number::New(env, minor));
  if (Failed()) {
    result.Set("majorText", ToArray(env, majorText));
    result.Set("minorText", ToArray(env, minorText));
    if (mech != GSS_C_NO_OID) result.Set("mech", OidToJs(env, mech));
  }
}

}  // namespace gssnative
