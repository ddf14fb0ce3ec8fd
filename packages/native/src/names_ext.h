// Name extensions: RFC 6680 naming extensions (display_name_ext, inquire_name,
// get/set/delete_name_attribute, export_name_composite) and the local-account
// mapping calls (localname, userok, authorize_localname, pname_to_uid).
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterNamesExt(Napi::Env env, Napi::Object exports);
}
