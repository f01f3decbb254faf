#ifndef URBANCAST_CFUZZERDRIVER_H
#define URBANCAST_CFUZZERDRIVER_H

#include <stddef.h>
#include <stdint.h>

// libFuzzer's documented entry point for programs that have their own main: it parses the
// libFuzzer flags in argv and runs the fuzzing loop with the callback. Defined by the runtime
// that -sanitize=fuzzer links.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));

#endif
