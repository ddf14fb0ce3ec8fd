// RFC 2744 credential calls: acquire, add, inquire, inquire by mech.
#pragma once
#include <napi.h>
namespace gssnative {
void RegisterCreds(Napi::Env env, Napi::Object exports);
}
