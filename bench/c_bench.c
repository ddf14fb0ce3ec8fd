/*
 * The reference: the same operations as bench/run.ts, in C against
 * libgssapi_krb5 directly, so the binding's overhead can be read side by side.
 * Usage: c_bench <seconds-per-case>; needs the realm environment (KRB5_CONFIG,
 * KRB5CCNAME, KRB5_KTNAME) of a throwaway realm. Prints one JSON object per case.
 */
#include <gssapi/gssapi.h>
#include <gssapi/gssapi_krb5.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static void check(OM_uint32 major, const char* what) {
  if (GSS_ERROR(major)) {
    fprintf(stderr, "%s failed: major 0x%x\n", what, major);
    exit(1);
  }
}

static gss_name_t target;

static void establish(gss_ctx_id_t* client, gss_ctx_id_t* server) {
  OM_uint32 minor;
  gss_buffer_desc c_tok = GSS_C_EMPTY_BUFFER, s_tok = GSS_C_EMPTY_BUFFER;
  *client = GSS_C_NO_CONTEXT;
  *server = GSS_C_NO_CONTEXT;
  OM_uint32 flags = GSS_C_MUTUAL_FLAG | GSS_C_SEQUENCE_FLAG | GSS_C_CONF_FLAG | GSS_C_INTEG_FLAG;
  check(gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, client, target, gss_mech_krb5, flags, 0, NULL,
                             GSS_C_NO_BUFFER, NULL, &c_tok, NULL, NULL),
        "init 1");
  check(gss_accept_sec_context(&minor, server, GSS_C_NO_CREDENTIAL, &c_tok, NULL, NULL, NULL, &s_tok, NULL, NULL,
                               NULL),
        "accept");
  gss_release_buffer(&minor, &c_tok);
  check(gss_init_sec_context(&minor, GSS_C_NO_CREDENTIAL, client, target, gss_mech_krb5, flags, 0, NULL, &s_tok,
                             NULL, &c_tok, NULL, NULL),
        "init 2");
  gss_release_buffer(&minor, &s_tok);
  gss_release_buffer(&minor, &c_tok);
}

static void report(const char* name, long ops, double seconds, size_t bytes) {
  printf("{\"case\":\"%s\",\"ops\":%ld,\"seconds\":%.4f,\"bytes\":%zu}\n", name, ops, seconds, bytes);
  fflush(stdout);
}

static void bench_wrap(gss_ctx_id_t client, gss_ctx_id_t server, size_t size, double budget, const char* name) {
  OM_uint32 minor;
  char* data = calloc(1, size);
  gss_buffer_desc in = {size, data}, sealed, opened;
  long ops = 0;
  double start = now(), end = start;
  while (end - start < budget) {
    for (int i = 0; i < 64; ++i) {
      check(gss_wrap(&minor, client, 1, GSS_C_QOP_DEFAULT, &in, NULL, &sealed), "wrap");
      check(gss_unwrap(&minor, server, &sealed, &opened, NULL, NULL), "unwrap");
      gss_release_buffer(&minor, &sealed);
      gss_release_buffer(&minor, &opened);
      ++ops;
    }
    end = now();
  }
  report(name, ops, end - start, size);
  free(data);
}

static void bench_mic(gss_ctx_id_t client, gss_ctx_id_t server, double budget) {
  OM_uint32 minor;
  char data[64] = {0};
  gss_buffer_desc in = {sizeof data, data}, mic;
  long ops = 0;
  double start = now(), end = start;
  while (end - start < budget) {
    for (int i = 0; i < 64; ++i) {
      check(gss_get_mic(&minor, client, GSS_C_QOP_DEFAULT, &in, &mic), "get_mic");
      check(gss_verify_mic(&minor, server, &in, &mic, NULL), "verify_mic");
      gss_release_buffer(&minor, &mic);
      ++ops;
    }
    end = now();
  }
  report("mic-64", ops, end - start, sizeof data);
}

int main(int argc, char** argv) {
  double budget = argc > 1 ? atof(argv[1]) : 1.0;
  OM_uint32 minor;
  gss_buffer_desc name = {strlen("host@localhost"), "host@localhost"};
  check(gss_import_name(&minor, &name, GSS_C_NT_HOSTBASED_SERVICE, &target), "import_name");
  gss_ctx_id_t client, server;
  long ops = 0;
  double start = now(), end = start;
  while (end - start < budget) {
    establish(&client, &server);
    gss_delete_sec_context(&minor, &client, GSS_C_NO_BUFFER);
    gss_delete_sec_context(&minor, &server, GSS_C_NO_BUFFER);
    ++ops;
    end = now();
  }
  report("establish", ops, end - start, 0);
  establish(&client, &server);
  bench_wrap(client, server, 64, budget, "wrap-unwrap-64");
  bench_wrap(client, server, 1024, budget, "wrap-unwrap-1k");
  bench_wrap(client, server, 1 << 20, budget, "wrap-unwrap-1m");
  bench_mic(client, server, budget);
  return 0;
}
