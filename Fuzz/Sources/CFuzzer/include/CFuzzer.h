#ifndef LEEWAY_CFUZZER_H
#define LEEWAY_CFUZZER_H
#include <stddef.h>
#include <stdint.h>

/// libFuzzer's driver (linked by `-sanitize=fuzzer`): parses libFuzzer's flags from
/// argc/argv and calls `callback` for every input it generates.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
