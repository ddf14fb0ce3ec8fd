// RFC 2744 name calls: import, display, compare, export, canonicalize, duplicate.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterNames(Napi::Env env, Napi::Object exports);
}
