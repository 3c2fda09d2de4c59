// A CSV reader with libcsv's interface and default behaviour (see csv.h), for the WebAssembly
// build of src/data.cpp.
#include "csv.h"

#include <cstdlib>
#include <cstring>

namespace {

enum state { row_not_begun, field_not_begun, unquoted, quoted, quote_in_quoted };

bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_end(char c) { return c == '\r' || c == '\n'; }

// Appends c to the field, growing it (with room for the terminating zero).
bool put(csv_parser* p, char c) {
    if (p->length + 2 > p->capacity) {
        const size_t capacity = p->capacity ? 2 * p->capacity : 128;
        char* grown = static_cast<char*>(std::realloc(p->field, capacity));
        if (!grown) return false;
        p->field = grown;
        p->capacity = capacity;
    }
    p->field[p->length++] = c;
    return true;
}

void end_field(csv_parser* p, void (*cell)(void*, size_t, void*), void* data) {
    const size_t n = p->length - p->spaces;
    if (!put(p, '\0')) return;
    p->field[n] = '\0';
    if (cell) cell(p->field, n, data);
    p->length = p->spaces = 0;
}

}  // namespace

extern "C" {

int csv_init(csv_parser* p, unsigned char) {
    std::memset(p, 0, sizeof *p);
    p->state = row_not_begun;
    return CSV_SUCCESS;
}

size_t csv_parse(csv_parser* p, const void* s, size_t len, void (*cell)(void*, size_t, void*),
                 void (*row)(int, void*), void* data) {
    const char* in = static_cast<const char*>(s);
    for (size_t i = 0; i < len; ++i) {
        const char c = in[i];
        switch (p->state) {
        case row_not_begun:
        case field_not_begun:
            if (is_space(c)) continue;
            if (is_end(c)) {
                if (p->state == field_not_begun) {
                    end_field(p, cell, data);
                    if (row) row(static_cast<unsigned char>(c), data);
                    p->state = row_not_begun;
                }
                continue;
            }
            if (c == ',') {
                end_field(p, cell, data);
                p->state = field_not_begun;
                continue;
            }
            if (c == '"') {
                p->state = quoted;
                continue;
            }
            p->state = unquoted;
            if (!put(p, c)) return i;
            continue;
        case unquoted:
        case quote_in_quoted:
            if (c == ',' || is_end(c)) {
                end_field(p, cell, data);
                p->state = c == ',' ? field_not_begun : row_not_begun;
                if (c != ',' && row) row(static_cast<unsigned char>(c), data);
                continue;
            }
            if (p->state == quote_in_quoted && c == '"') {  // "" in a quoted field: one quote
                p->state = quoted;
                if (!put(p, c)) return i;
                continue;
            }
            if (p->state == quote_in_quoted && !is_space(c)) {  // a stray quote, kept as text
                if (!put(p, '"')) return i;
                p->state = quoted;
                if (!put(p, c)) return i;
                continue;
            }
            if (p->state == quote_in_quoted) continue;  // spaces after the closing quote
            p->spaces = is_space(c) ? p->spaces + 1 : 0;
            if (!put(p, c)) return i;
            continue;
        case quoted:
            if (c == '"') {
                p->state = quote_in_quoted;
                continue;
            }
            if (!put(p, c)) return i;
            continue;
        }
    }
    return len;
}

int csv_fini(csv_parser* p, void (*cell)(void*, size_t, void*), void (*row)(int, void*),
             void* data) {
    if (p->state != row_not_begun) {
        end_field(p, cell, data);
        if (row) row(-1, data);
    }
    p->state = row_not_begun;
    return CSV_SUCCESS;
}

void csv_free(csv_parser* p) {
    std::free(p->field);
    p->field = nullptr;
    p->length = p->capacity = 0;
}

int csv_error(csv_parser*) { return CSV_SUCCESS; }

char* csv_strerror(int) { return const_cast<char*>("out of memory"); }
}
