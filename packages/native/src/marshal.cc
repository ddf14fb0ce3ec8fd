#include "marshal.h"

#include <cstring>

namespace gssnative {

namespace {

bool Absent(Napi::Value value) { return value.IsUndefined() || value.IsNull(); }

template <class H>
H* ReadHandle(Napi::Value value, Keep& keep) {
  if (Absent(value)) return nullptr;
  H* handle = H::From(value);
  keep.Use(handle, value);
  return handle;
}

}  // namespace

InBuffer ReadBuffer(Napi::Value value, Keep& keep) {
  InBuffer in;
  if (Absent(value)) return in;
  auto [data, length] = keep.Bytes(value.As<Napi::Uint8Array>());
  in.desc.length = length;
  in.desc.value = data;
  in.present = true;
  return in;
}

InOid ReadOid(Napi::Value value, Keep& keep) {
  InOid in;
  if (Absent(value)) return in;
  auto [data, length] = keep.Bytes(value.As<Napi::Uint8Array>());
  in.desc.length = static_cast<OM_uint32>(length);
  in.desc.elements = data;
  in.present = true;
  return in;
}

std::unique_ptr<InOidSet> ReadOidSet(Napi::Value value, Keep& keep) {
  auto in = std::make_unique<InOidSet>();
  if (Absent(value)) return in;
  Napi::Array list = value.As<Napi::Array>();
  in->elements.reserve(list.Length());
  for (uint32_t i = 0; i < list.Length(); ++i) {
    InOid oid = ReadOid(list.Get(i), keep);
    in->elements.push_back(oid.desc);
  }
  in->desc.count = in->elements.size();
  in->desc.elements = in->elements.data();
  in->present = true;
  return in;
}

InChannelBindings ReadChannelBindings(Napi::Value value, Keep& keep) {
  InChannelBindings in;
  if (Absent(value)) return in;
  Napi::Array fields = value.As<Napi::Array>();
  auto buffer = [&](uint32_t index) {
    InBuffer b = ReadBuffer(fields.Get(index), keep);
    return b.desc;
  };
  in.desc.initiator_addrtype = ReadUint32(fields.Get(0u));
  in.desc.initiator_address = buffer(1);
  in.desc.acceptor_addrtype = ReadUint32(fields.Get(2u));
  in.desc.acceptor_address = buffer(3);
  in.desc.application_data = buffer(4);
  in.present = true;
  return in;
}

NameHandle* ReadName(Napi::Value value, Keep& keep) { return ReadHandle<NameHandle>(value, keep); }
CredHandle* ReadCred(Napi::Value value, Keep& keep) {
  CredHandle* creds = ReadHandle<CredHandle>(value, keep);
  if (creds != nullptr) keep.ReadsCred(creds);
  return creds;
}
ContextHandle* ReadContext(Napi::Value value, Keep& keep) { return ReadHandle<ContextHandle>(value, keep); }

OutBuffer::~OutBuffer() {
  if (desc.value != nullptr) {
    OM_uint32 minor = 0;
    gss->gss_release_buffer(&minor, &desc);
  }
}

Napi::Value CopyToBuffer(Napi::Env env, const void* data, size_t length) {
  Napi::FunctionReference& allocate = AddonData::Of(env).allocateBuffer;
  if (allocate.IsEmpty()) return Napi::Buffer<uint8_t>::Copy(env, static_cast<const uint8_t*>(data), length);
  Napi::Buffer<uint8_t> buffer =
      allocate.Call({Napi::Number::New(env, static_cast<double>(length))}).As<Napi::Buffer<uint8_t>>();
  if (length > 0) std::memcpy(buffer.Data(), data, length);
  return buffer;
}

Napi::Value OutBuffer::ToJs(Napi::Env env) const { return CopyToBuffer(env, desc.value, desc.length); }

OutOidSet::~OutOidSet() {
  if (set != GSS_C_NO_OID_SET) {
    OM_uint32 minor = 0;
    gss->gss_release_oid_set(&minor, &set);
  }
}

Napi::Value OutOidSet::ToJs(Napi::Env env) const {
  size_t count = set != GSS_C_NO_OID_SET ? set->count : 0;
  Napi::Array list = Napi::Array::New(env, count);
  for (size_t i = 0; i < count; ++i) list.Set(static_cast<uint32_t>(i), OidToJs(env, &set->elements[i]));
  return list;
}

Napi::Value OidToJs(Napi::Env env, gss_const_OID oid) {
  if (oid == GSS_C_NO_OID) return env.Undefined();
  return CopyToBuffer(env, oid->elements, oid->length);
}

}  // namespace gssnative
