// The part of libcsv's interface (csv_init, csv_parse, csv_fini, ...) that src/data.cpp uses,
// for the WebAssembly build: Debian ships libcsv only for the host. Same behaviour as libcsv
// 3 in its default (non-strict) mode: quoted fields with "" for a quote, spaces and tabs
// around unquoted fields trimmed, CR, LF and CRLF end a row, blank lines are no rows.
#pragma once

#include <stddef.h>

#define CSV_SUCCESS 0
#define CSV_APPEND_NULL 8

struct csv_parser {
    int state;      // where in a row the parser is (csv.cpp)
    char* field;    // the current field's bytes, grown as needed
    size_t length;  // bytes in field
    size_t capacity;
    size_t spaces;  // trailing spaces or tabs of an unquoted field, dropped at its end
};

extern "C" {
int csv_init(csv_parser* p, unsigned char options);
size_t csv_parse(csv_parser* p, const void* s, size_t len, void (*cell)(void*, size_t, void*),
                 void (*row)(int, void*), void* data);
int csv_fini(csv_parser* p, void (*cell)(void*, size_t, void*), void (*row)(int, void*),
             void* data);
void csv_free(csv_parser* p);
int csv_error(csv_parser* p);
char* csv_strerror(int error);
}
