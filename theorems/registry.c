/* registry.c -- the list of claim modules, in report order. */
#include <string.h>

#include "theorems.h"

const module_struct *const theorem_modules[] = {&module_thm1,   &module_prop12, &module_lemma12,
                                                &module_claims, &module_thm3,   &module_thm4,
                                                &module_lemma8, &module_thm5,   &module_audit};
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

int
theorem_accepts(const module_struct *m, const char *name)
{
    const char *s = m->inputs;
    size_t n = strlen(name);
    while (s != NULL && *s != '\0')
    {
        size_t k = strcspn(s, " ");
        if (k == n && strncmp(s, name, n) == 0)
            return 1;
        s += k;
        s += strspn(s, " ");
    }
    return 0;
}

void
theorem_check_start(check_t c, const check_spec *specs, slong nspecs, const char *id, const char *claim)
{
    slong i;
    const check_spec *sp = NULL;
    for (i = 0; i < nspecs && sp == NULL; i++)
        if (strcmp(specs[i].id, id) == 0)
            sp = specs + i;
    if (sp == NULL)
    {
        flint_printf("no spec for check %s\n", id);
        flint_abort();
    }
    check_init(c);
    c->id = bc_aprintf("%s", id);
    c->claim = bc_aprintf("%s", claim);
    c->kind = sp->kind;
    c->expected = sp->expected;
    c->control = sp->control;
    c->reconstructed = 0;
    c->status = ST_UNDECIDED;
}

check_status
theorem_agreement_status(truth_t t)
{
    return t == BC_TRUE ? ST_CONSISTENT : (t == BC_FALSE ? ST_VIOLATED : ST_UNDECIDED);
}
