// RFC 2744 mechanism and status calls: indicate mechs, names for mech, mechs
// for name, display status.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterMisc(Napi::Env env, Napi::Object exports);
}
