/* registry.c -- the list of claim modules, in report order. */
#include <string.h>

#include "rng.h"
#include "theorems.h"

const module_struct *const theorem_modules[] = {&module_thm1, &module_prop12, &module_lemma12, &module_claims,
                                                &module_thm2, &module_thm3,   &module_thm4,    &module_lemma8,
                                                &module_thm5, &module_thm6,   &module_mild,    &module_jrank,
                                                &module_audit};
const slong theorem_nmodules = sizeof(theorem_modules) / sizeof(theorem_modules[0]);

const check_spec *
theorem_find_spec(const char *id, const module_struct **mod)
{
    slong i, j;
    for (i = 0; i < theorem_nmodules; i++)
        for (j = 0; j < theorem_modules[i]->nspecs; j++)
            if (strcmp(theorem_modules[i]->specs[j].id, id) == 0)
            {
                if (mod != NULL)
                    *mod = theorem_modules[i];
                return theorem_modules[i]->specs + j;
            }
    return NULL;
}
