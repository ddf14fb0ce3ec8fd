// Run-time loading of the GSSAPI library and its function table.
//
// Invariant: LoadLibrary() runs on a JavaScript thread; once it has succeeded the
// table is immutable for the life of the process, so any thread (libuv pool
// included) may read it without locking. The library is never unloaded.
#pragma once

#include <string>
#include <vector>

#include "gss.h"

// clang-format off
// Functions every RFC 2743/2744 implementation has: loading fails without them.
#define GSS_REQUIRED_FUNCTIONS(X) \
  X(gss_import_name) \
  X(gss_display_name) \
  X(gss_compare_name) \
  X(gss_export_name) \
  X(gss_canonicalize_name) \
  X(gss_duplicate_name) \
  X(gss_release_name) \
  X(gss_acquire_cred) \
  X(gss_release_cred) \
  X(gss_add_cred) \
  X(gss_inquire_cred) \
  X(gss_inquire_cred_by_mech) \
  X(gss_init_sec_context) \
  X(gss_accept_sec_context) \
  X(gss_inquire_context) \
  X(gss_context_time) \
  X(gss_process_context_token) \
  X(gss_import_sec_context) \
  X(gss_export_sec_context) \
  X(gss_delete_sec_context) \
  X(gss_get_mic) \
  X(gss_verify_mic) \
  X(gss_wrap_size_limit) \
  X(gss_wrap) \
  X(gss_unwrap) \
  X(gss_indicate_mechs) \
  X(gss_inquire_names_for_mech) \
  X(gss_inquire_mechs_for_name) \
  X(gss_display_status) \
  X(gss_release_buffer) \
  X(gss_release_oid_set)

// Extension functions: each may be absent; the raw layer reports which are.
#define GSS_OPTIONAL_FUNCTIONS(X) \
  X(gss_set_neg_mechs) \
  X(gss_get_neg_mechs) \
  X(gss_indicate_mechs_by_attrs) \
  X(gss_inquire_attrs_for_mech) \
  X(gss_display_mech_attr) \
  X(gss_store_cred) \
  X(gss_acquire_cred_from) \
  X(gss_add_cred_from) \
  X(gss_store_cred_into) \
  X(gss_inquire_saslname_for_mech) \
  X(gss_inquire_mech_for_saslname) \
  X(gss_display_name_ext) \
  X(gss_inquire_name) \
  X(gss_get_name_attribute) \
  X(gss_set_name_attribute) \
  X(gss_delete_name_attribute) \
  X(gss_export_name_composite) \
  X(gss_export_cred) \
  X(gss_import_cred) \
  X(gss_acquire_cred_impersonate_name) \
  X(gss_add_cred_impersonate_name) \
  X(gss_acquire_cred_with_password) \
  X(gss_add_cred_with_password) \
  X(gss_wrap_iov) \
  X(gss_unwrap_iov) \
  X(gss_wrap_iov_length) \
  X(gss_release_iov_buffer) \
  X(gss_wrap_aead) \
  X(gss_unwrap_aead) \
  X(gss_get_mic_iov) \
  X(gss_get_mic_iov_length) \
  X(gss_verify_mic_iov) \
  X(gss_inquire_cred_by_oid) \
  X(gss_inquire_sec_context_by_oid) \
  X(gss_set_sec_context_option) \
  X(gss_set_cred_option) \
  X(gss_release_buffer_set) \
  X(gss_krb5_ccache_name) \
  X(gss_krb5_export_lucid_sec_context) \
  X(gss_krb5_free_lucid_sec_context) \
  X(gsskrb5_extract_authz_data_from_sec_context) \
  X(gsskrb5_extract_authtime_from_sec_context) \
  X(gss_krb5_import_cred) \
  X(gss_krb5_get_tkt_flags) \
  X(gss_krb5_set_allowable_enctypes) \
  X(gss_localname) \
  X(gss_userok) \
  X(gss_authorize_localname) \
  X(gss_pname_to_uid) \
  X(gss_pseudo_random) \
  X(gss_str_to_oid) \
  X(gss_oid_to_str) \
  X(gss_complete_auth_token) \
  X(gss_release_oid) \
  X(gss_create_empty_oid_set) \
  X(gss_add_oid_set_member)

// OID constants the library exports as data symbols (each a `gss_OID` variable).
#define GSS_OID_SYMBOLS(X) \
  X(GSS_C_NT_USER_NAME) \
  X(GSS_C_NT_MACHINE_UID_NAME) \
  X(GSS_C_NT_STRING_UID_NAME) \
  X(GSS_C_NT_HOSTBASED_SERVICE) \
  X(GSS_C_NT_ANONYMOUS) \
  X(GSS_C_NT_EXPORT_NAME) \
  X(GSS_C_NT_COMPOSITE_EXPORT) \
  X(GSS_KRB5_NT_PRINCIPAL_NAME) \
  X(gss_mech_krb5) \
  X(gss_mech_iakerb) \
  X(gss_mech_krb5_old) \
  X(gss_mech_krb5_wrong) \
  X(gss_nt_krb5_name)
// clang-format on

namespace gssnative {

// Pointers to the loaded library's functions, named as in C.
struct GssFunctions {
#define GSSNATIVE_DECLARE(name) decltype(&::name) name = nullptr;
  GSS_REQUIRED_FUNCTIONS(GSSNATIVE_DECLARE)
  GSS_OPTIONAL_FUNCTIONS(GSSNATIVE_DECLARE)
#undef GSSNATIVE_DECLARE
};

struct LoadedSymbol {
  std::string name;
  bool present;
};

struct LoadedOid {
  std::string name;
  gss_OID oid;  // owned by the library; nullptr when the symbol is absent
};

struct LoadState {
  bool loaded = false;
  std::string path;   // what dlopen was given
  std::string error;  // why loading failed (empty on success)
  std::vector<std::string> missingRequired;
  std::vector<LoadedSymbol> optional;
  std::vector<LoadedOid> oids;
};

// Loads `path` once per process. A second call with the same path returns the
// existing state; with another path it fails (one implementation per process).
const LoadState& LoadLibrary(const std::string& path);

// The function table. Only valid after a successful LoadLibrary(); the
// JavaScript loader guarantees no operation runs before that.
extern const GssFunctions* gss;

}  // namespace gssnative
