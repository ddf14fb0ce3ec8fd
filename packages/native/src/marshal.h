// Conversions between JavaScript values and GSSAPI buffers, OIDs and OID sets.
//
// The JavaScript layer validates every argument; readers here only check what a
// mistake could turn into memory unsafety (handle type tags).
//
// Buffer ownership: input buffers point into JavaScript memory, never copied.
// For async operations the Keep pins the JavaScript object until the operation
// has finished, so the memory outlives the pool thread's use of it. Output
// buffers come from the library and are released by their RAII holder after
// being copied into a Buffer on the main thread.
#pragma once

#include <napi.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "handles.h"
#include "library.h"

namespace gssnative {

// What an operation must keep alive while it runs off the main thread.
// Created and destroyed on the main thread.
class Keep {
 public:
  explicit Keep(bool async) : async_(async) {}
  // Credentials the call reads (ReadCred adds them) or, after Exclusive(),
  // changes in place; LockCreds() takes their locks for the GSSAPI call.
  void ReadsCred(CredHandle* creds) {
    for (auto& entry : creds_)
      if (entry.first == creds) return;
    creds_.emplace_back(creds, false);
  }
  void Exclusive(CredHandle* creds) {
    if (creds == nullptr) return;
    ReadsCred(creds);
    for (auto& entry : creds_)
      if (entry.first == creds) entry.second = true;
  }
  // Any thread. Locks are taken in address order, so calls locking several
  // credentials cannot deadlock; released when the returned object goes away.
  class CredLocks {
   public:
    explicit CredLocks(std::vector<std::pair<CredHandle*, bool>>& creds) : creds_(creds) {
      std::sort(creds_.begin(), creds_.end());
      for (auto& [handle, exclusive] : creds_)
        exclusive ? handle->callMutex.lock() : handle->callMutex.lock_shared();
    }
    ~CredLocks() {
      for (auto& [handle, exclusive] : creds_)
        exclusive ? handle->callMutex.unlock() : handle->callMutex.unlock_shared();
    }
    CredLocks(const CredLocks&) = delete;
    CredLocks& operator=(const CredLocks&) = delete;

   private:
    std::vector<std::pair<CredHandle*, bool>>& creds_;
  };
  CredLocks LockCreds() { return CredLocks(creds_); }
  Keep(const Keep&) = delete;
  Keep& operator=(const Keep&) = delete;
  ~Keep() {
    for (HandleBase* handle : handles_) handle->EndUse();
  }
  void Pin(Napi::Value value) {
    if (async_) refs_.push_back(Napi::Persistent(value.As<Napi::Object>()));
  }
  // The bytes a call reads from a Uint8Array. Inline calls read JavaScript
  // memory directly; async calls get a copy the operation owns, since the
  // caller may detach (transfer) the ArrayBuffer while the call runs and a
  // reference to the view does not prevent that.
  std::pair<void*, size_t> Bytes(Napi::Uint8Array bytes) {
    if (!async_) return {bytes.Data(), bytes.ByteLength()};
    copies_.emplace_back(bytes.Data(), bytes.Data() + bytes.ByteLength());
    return {copies_.back().data(), copies_.back().size()};
  }
  void Use(HandleBase* handle, Napi::Value owner) {
    if (!async_) return;
    Pin(owner);
    handle->BeginUse();
    handles_.push_back(handle);
  }

 private:
  bool async_;
  std::vector<Napi::ObjectReference> refs_;
  std::vector<HandleBase*> handles_;
  std::vector<std::pair<CredHandle*, bool>> creds_;
  std::deque<std::vector<uint8_t>> copies_;  // deque: elements never move
};

// A read-only view of a JavaScript Uint8Array, or GSS_C_NO_BUFFER when absent.
struct InBuffer {
  gss_buffer_desc desc = GSS_C_EMPTY_BUFFER;
  bool present = false;
  gss_buffer_t ptr() { return present ? &desc : GSS_C_NO_BUFFER; }
};
InBuffer ReadBuffer(Napi::Value value, Keep& keep);

// An OID whose bytes live in a JavaScript Uint8Array; GSS_C_NO_OID when absent.
struct InOid {
  gss_OID_desc desc = {0, nullptr};
  bool present = false;
  gss_OID ptr() { return present ? &desc : GSS_C_NO_OID; }
};
InOid ReadOid(Napi::Value value, Keep& keep);

// An OID set built from an array of Uint8Arrays; GSS_C_NO_OID_SET when absent.
struct InOidSet {
  std::vector<gss_OID_desc> elements;
  gss_OID_set_desc desc = {0, nullptr};
  bool present = false;
  gss_OID_set ptr() { return present ? &desc : GSS_C_NO_OID_SET; }
};
std::unique_ptr<InOidSet> ReadOidSet(Napi::Value value, Keep& keep);

// Channel bindings from [initiatorType, initiatorAddress, acceptorType,
// acceptorAddress, applicationData]; GSS_C_NO_CHANNEL_BINDINGS when absent.
struct InChannelBindings {
  gss_channel_bindings_struct desc = {};
  bool present = false;
  gss_channel_bindings_t ptr() { return present ? &desc : GSS_C_NO_CHANNEL_BINDINGS; }
};
InChannelBindings ReadChannelBindings(Napi::Value value, Keep& keep);

// Handles: undefined/null give the GSS "no handle" value.
NameHandle* ReadName(Napi::Value value, Keep& keep);
CredHandle* ReadCred(Napi::Value value, Keep& keep);
ContextHandle* ReadContext(Napi::Value value, Keep& keep);
inline gss_name_t NameOf(NameHandle* h) { return h != nullptr ? h->handle : GSS_C_NO_NAME; }
inline gss_cred_id_t CredOf(CredHandle* h) { return h != nullptr ? h->handle : GSS_C_NO_CREDENTIAL; }

inline OM_uint32 ReadUint32(Napi::Value value) { return value.As<Napi::Number>().Uint32Value(); }
inline bool ReadBool(Napi::Value value) { return value.ToBoolean().Value(); }

// A buffer the library filled; released when the holder goes away.
struct OutBuffer {
  gss_buffer_desc desc = GSS_C_EMPTY_BUFFER;
  OutBuffer() = default;
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;
  ~OutBuffer();
  Napi::Value ToJs(Napi::Env env) const;  // a Buffer copy (empty Buffer when empty)
};

// An OID set the library allocated; released when the holder goes away.
struct OutOidSet {
  gss_OID_set set = GSS_C_NO_OID_SET;
  OutOidSet() = default;
  OutOidSet(const OutOidSet&) = delete;
  OutOidSet& operator=(const OutOidSet&) = delete;
  ~OutOidSet();
  Napi::Value ToJs(Napi::Env env) const;  // an Array of Buffers
};

// A handle the library created, owned until adopted by a JavaScript object
// (released with the handle class's Free() when never adopted).
template <class H, class T>
struct OutHandle {
  T handle = nullptr;
  OutHandle() = default;
  OutHandle(const OutHandle&) = delete;
  OutHandle& operator=(const OutHandle&) = delete;
  ~OutHandle() {
    if (handle != nullptr) H::Free(handle);
  }
  // The owning JavaScript object; undefined when there is no handle.
  Napi::Value Adopt(Napi::Env env) {
    if (handle == nullptr) return env.Undefined();
    Napi::Object object = H::Adopt(env, handle);
    handle = nullptr;
    return object;
  }
};
using OutName = OutHandle<NameHandle, gss_name_t>;
using OutCred = OutHandle<CredHandle, gss_cred_id_t>;
using OutContext = OutHandle<ContextHandle, gss_ctx_id_t>;

// A new Buffer holding a copy of `length` bytes at `data` (main thread).
Napi::Value CopyToBuffer(Napi::Env env, const void* data, size_t length);

// The DER bytes of `oid` as a Buffer (undefined for GSS_C_NO_OID).
Napi::Value OidToJs(Napi::Env env, gss_const_OID oid);

}  // namespace gssnative
