#include <stdlib.h>
#include <string.h>

#include "testutil.h"

uint64_t
test_seed(void)
{
    const char *s = getenv("BC_TEST_SEED");
    if (s != NULL && *s != '\0')
        return strtoull(s, NULL, 0);
    return UINT64_C(20161101);
}

slong
test_iters(slong base)
{
    const char *s = getenv("BC_TEST_MULT");
    long mult = 1;
    if (s != NULL && *s != '\0')
    {
        mult = strtol(s, NULL, 10);
        if (mult < 1)
            mult = 1;
    }
    return base * (slong) mult;
}

void
test_quick_opts(run_opts *o, int threads)
{
    memset(o, 0, sizeof *o);
    o->seed = test_seed();
    o->size = SIZE_QUICK;
    o->threads = threads;
    o->tail = 1e-4;
}
