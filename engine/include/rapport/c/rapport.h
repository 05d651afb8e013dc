/* SPDX-License-Identifier: MIT */
/*
 * rapport/c/rapport.h: the stable C surface of the Rapport engine, for hosts that cannot link
 * C++ (Python through ctypes or cffi, R, Java through JNA/FFM, other annotation tools).
 *
 * Shape (../shared/STYLE.md §2, §3, §8.11): plain C types only, one opaque handle, status codes
 * plus a message, results as JSON strings that are exactly what `rapport ... --format json`
 * prints, and a function table whose slots are only ever appended.
 *
 * Versioning rules:
 *  - RAPPORT_C_ABI_VERSION counts appended slots. It never goes down, and an existing slot never
 *    changes its signature or meaning; removal happens only by leaving a slot that fails with
 *    RAPPORT_ERROR_UNSUPPORTED.
 *  - A host built against version N works with any library reporting version >= N: check
 *    rapport_abi_version() (or call rapport_get_api(N), which returns NULL when the library is
 *    older) before using anything else.
 *
 * Errors: every function returns a rapport_status; on failure rapport_last_error() describes it
 * (per thread, valid until the next call on that thread). No C++ exception ever crosses this
 * boundary. Problems in the data (an unknown code, a missing file among several) are not
 * errors: they are diagnostics inside the returned JSON, as in the CLI.
 *
 * Memory: every char* a function returns through an out parameter belongs to the caller, who
 * releases it with rapport_free_string(). Strings are UTF-8 and NUL-terminated.
 *
 * Threads: a handle may be used by one thread at a time; distinct handles are independent.
 *
 * Example:
 *   rapport_handle *h = NULL;
 *   if (rapport_abi_version() < RAPPORT_C_ABI_VERSION) return 1;
 *   if (rapport_open(NULL, &h) != RAPPORT_OK) { puts(rapport_last_error()); return 1; }
 *   const char *paths[] = {"samples"};
 *   char *json = NULL;
 *   if (rapport_check(h, paths, 1, &json) == RAPPORT_OK) { puts(json); rapport_free_string(json); }
 *   rapport_free(h);
 */
#ifndef RAPPORT_C_RAPPORT_H
#define RAPPORT_C_RAPPORT_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32)
#if defined(RAPPORT_C_BUILDING)
#define RAPPORT_C_API __declspec(dllexport)
#else
#define RAPPORT_C_API __declspec(dllimport)
#endif
#elif defined(RAPPORT_C_BUILDING)
#define RAPPORT_C_API __attribute__((visibility("default")))
#else
#define RAPPORT_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/** The ABI version this header describes (the number of slots of rapport_api). */
#define RAPPORT_C_ABI_VERSION 1u

/** Status codes. Values are frozen; new codes are only added. */
typedef enum rapport_status {
  RAPPORT_OK = 0,
  RAPPORT_ERROR_INVALID_ARGUMENT = -1, /**< NULL handle or out pointer, no paths, bad length */
  RAPPORT_ERROR_CODEBOOK = -2,         /**< the codebook is not found or cannot be used */
  RAPPORT_ERROR_IO = -3,               /**< nothing could be read at all */
  RAPPORT_ERROR_OUT_OF_MEMORY = -4,
  RAPPORT_ERROR_INTERNAL = -5, /**< a bug: an unexpected exception, caught at the boundary */
  RAPPORT_ERROR_UNSUPPORTED = -6
} rapport_status;

/** An open engine: the codebook, read once, and the options of later calls. */
typedef struct rapport_handle rapport_handle;

/** The ABI version of the loaded library (RAPPORT_C_ABI_VERSION it was built with). */
RAPPORT_C_API uint32_t rapport_abi_version(void);

/** The engine version, e.g. "0.1.0" (static storage; do not free). */
RAPPORT_C_API const char* rapport_version(void);

/** Why the last failing call on this thread failed (static per thread; never NULL). */
RAPPORT_C_API const char* rapport_last_error(void);

/** Releases a string returned by any rapport_* function. NULL is allowed. */
RAPPORT_C_API void rapport_free_string(char* text);

/**
 * Opens an engine with the codebook `codebook`: a NAME (codebooks/NAME.xml in Rapport's data
 * directories, see RAPPORT_DATA_DIR) or a FILE; NULL or "" means the default 3RS codebook.
 * On success *out is a handle to release with rapport_free().
 */
RAPPORT_C_API rapport_status rapport_open(const char* codebook, rapport_handle** out);

/** Releases a handle. NULL is allowed. */
RAPPORT_C_API void rapport_free(rapport_handle* handle);

/** `rapport check PATHS... --format json`: paths are .eaf files or folders of them. */
RAPPORT_C_API rapport_status rapport_check(rapport_handle* handle, const char* const* paths, size_t path_count,
                                           char** json_out);

/**
 * Checks one EAF document held in memory (`size` bytes of XML); `name` stands for its file
 * name in the diagnostics (and decides session and coder like a file name would).
 */
RAPPORT_C_API rapport_status rapport_check_memory(rapport_handle* handle, const char* xml, size_t size,
                                                  const char* name, char** json_out);

/** `rapport agree PATHS... --format json` with the CLI's default options. */
RAPPORT_C_API rapport_status rapport_agree(rapport_handle* handle, const char* const* paths, size_t path_count,
                                           char** json_out);

/** `rapport stages PATHS... --format json` with the CLI's default options. */
RAPPORT_C_API rapport_status rapport_stages(rapport_handle* handle, const char* const* paths, size_t path_count,
                                            char** json_out);

/**
 * The function table, for hosts that bind one symbol and then call through pointers (the
 * DuckDB extension pattern). Slots are only ever appended: a host compiled against version N
 * reads the first N slots and ignores the rest.
 */
typedef struct rapport_api {
  uint32_t abi_version; /**< the library's version (>= the one asked for) */
  /* version 1 */
  uint32_t (*abi_version_fn)(void);
  const char* (*version)(void);
  const char* (*last_error)(void);
  void (*free_string)(char*);
  rapport_status (*open)(const char*, rapport_handle**);
  void (*free)(rapport_handle*);
  rapport_status (*check)(rapport_handle*, const char* const*, size_t, char**);
  rapport_status (*check_memory)(rapport_handle*, const char*, size_t, const char*, char**);
  rapport_status (*agree)(rapport_handle*, const char* const*, size_t, char**);
  rapport_status (*stages)(rapport_handle*, const char* const*, size_t, char**);
  /* version 2 slots go here, after every version 1 slot */
} rapport_api;

/**
 * The function table if the library provides at least `min_version`, else NULL (and
 * rapport_last_error() says which version it has). The table has static storage.
 */
RAPPORT_C_API const rapport_api* rapport_get_api(uint32_t min_version);

#ifdef __cplusplus
}
#endif

#endif /* RAPPORT_C_RAPPORT_H */
