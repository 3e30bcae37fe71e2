#pragma once

#include <cstdio>
#include <cstdlib>

// A property every input must keep; a violation aborts, which libFuzzer reports as a crash and
// the corpus replay test as a failure.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #condition, __FILE__, __LINE__);                   \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)
