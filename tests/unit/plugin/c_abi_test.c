/* SPDX-License-Identifier: MIT */
/* The C ABI seen from C (compiled as C, not C++, so the header is proven C-clean): the ABI
 * version, the function table, handles, errors, and JSON identical to the CLI's for check,
 * agree and stages on samples/. Run from the source tree (CTest's working directory). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rapport/c/rapport.h"

static int failures = 0;

#define EXPECT(cond)                                                     \
  do {                                                                   \
    if (!(cond)) {                                                       \
      fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                        \
    }                                                                    \
  } while (0)

/* (Each call is made before expect_same_as_cli so that `json` is read after it is set.) */
/* Everything the command prints on stdout (malloc'ed), or NULL. */
static char* run_cli(const char* arguments) {
  char command[1024];
  snprintf(command, sizeof command, "\"%s\" %s 2>/dev/null", RAPPORT_CLI_PATH, arguments);
  FILE* pipe = popen(command, "r");
  if (!pipe) return NULL;
  size_t size = 0, capacity = 4096;
  char* text = malloc(capacity);
  size_t got;
  while (text && (got = fread(text + size, 1, capacity - size - 1, pipe)) > 0) {
    size += got;
    if (capacity - size < 2) {
      char* bigger = realloc(text, capacity * 2);
      if (!bigger) {
        free(text);
        text = NULL;
        break;
      }
      text = bigger;
      capacity *= 2;
    }
  }
  pclose(pipe);
  if (text) text[size] = '\0';
  return text;
}

static char* read_file(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char* text = malloc((size_t)n + 1);
  if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
    free(text);
    text = NULL;
  }
  fclose(f);
  if (text) text[n] = '\0';
  *size = (size_t)n;
  return text;
}

static void expect_same_as_cli(const char* what, rapport_status status, char* json, const char* cli_arguments) {
  char* expected = run_cli(cli_arguments);
  EXPECT(status == RAPPORT_OK);
  EXPECT(json != NULL);
  EXPECT(expected != NULL && expected[0] == '{');
  if (json && expected && strcmp(json, expected) != 0) {
    fprintf(stderr, "%s: the C ABI's JSON differs from `rapport %s`\n", what, cli_arguments);
    ++failures;
  }
  free(expected);
  rapport_free_string(json);
}

int main(void) {
  EXPECT(rapport_abi_version() >= RAPPORT_C_ABI_VERSION);
  EXPECT(strlen(rapport_version()) > 0);

  /* The table: asked for this header's version it is there, asked for a future one it is not. */
  const rapport_api* api = rapport_get_api(RAPPORT_C_ABI_VERSION);
  EXPECT(api != NULL && api->abi_version >= RAPPORT_C_ABI_VERSION && api->check == rapport_check);
  EXPECT(rapport_get_api(RAPPORT_C_ABI_VERSION + 1000u) == NULL);
  EXPECT(strstr(rapport_last_error(), "ABI version") != NULL);

  /* Errors are statuses with a message, never a crash. */
  rapport_handle* handle = NULL;
  rapport_status status;
  EXPECT(rapport_open("no-such-codebook", &handle) == RAPPORT_ERROR_CODEBOOK && handle == NULL);
  EXPECT(strstr(rapport_last_error(), "no-such-codebook") != NULL);
  EXPECT(rapport_open(NULL, NULL) == RAPPORT_ERROR_INVALID_ARGUMENT);
  char* json = NULL;
  EXPECT(rapport_check(NULL, NULL, 0, &json) == RAPPORT_ERROR_INVALID_ARGUMENT && json == NULL);
  rapport_free(NULL);
  rapport_free_string(NULL);

  EXPECT(rapport_open(NULL, &handle) == RAPPORT_OK && handle != NULL);
  if (!handle) {
    fprintf(stderr, "rapport_open: %s\n", rapport_last_error());
    return 1;
  }
  EXPECT(rapport_check(handle, NULL, 0, &json) == RAPPORT_ERROR_INVALID_ARGUMENT);

  const char* samples[] = {"samples"};
  json = NULL;
  status = rapport_check(handle, samples, 1, &json);
  expect_same_as_cli("check", status, json, "check samples --format json");
  json = NULL;
  status = rapport_agree(handle, samples, 1, &json);
  expect_same_as_cli("agree", status, json, "agree samples --format json");
  const char* vignette[] = {"samples/vignette"};
  json = NULL;
  status = rapport_stages(handle, vignette, 1, &json);
  expect_same_as_cli("stages", status, json, "stages samples/vignette --format json");

  /* The same file checked from memory gives the same JSON as from disk. */
  size_t size = 0;
  char* xml = read_file("samples/S01_coderA.eaf", &size);
  EXPECT(xml != NULL);
  json = NULL;
  status = rapport_check_memory(handle, xml, size, "samples/S01_coderA.eaf", &json);
  expect_same_as_cli("check_memory", status, json, "check samples/S01_coderA.eaf --format json");
  free(xml);

  /* Through the table, as a host that binds one symbol would. */
  json = NULL;
  EXPECT(api->stages(handle, vignette, 1, &json) == RAPPORT_OK && json && strstr(json, "\"episodes\""));
  api->free_string(json);

  /* A missing file is a diagnostic in the JSON, as in the CLI, not a failed call. */
  const char* missing[] = {"samples/no-such-file.eaf"};
  json = NULL;
  EXPECT(rapport_check(handle, missing, 1, &json) == RAPPORT_OK && json && strstr(json, "io-"));
  rapport_free_string(json);

  rapport_free(handle);
  if (failures)
    fprintf(stderr, "%d failure(s)\n", failures);
  else
    printf("c_abi_test: all passed\n");
  return failures ? 1 : 0;
}
