/* theorems.h -- the registry of claim modules.

   Each module checks one claim group of the paper.  Its static table
   lists every check it produces with the status the project expects, so
   that `basincheck list` needs no computation and a run can verify that
   every listed check was actually produced (a missing record is a
   failure, never a silent pass). */
#ifndef THEOREMS_H
#define THEOREMS_H

#include "module.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* All modules, in report order. */
    extern const module_struct *const theorem_modules[];
    extern const slong theorem_nmodules;

    /* The spec of check id, or NULL. */
    const check_spec *theorem_find_spec(const char *id, const module_struct **mod);

    /* Fragments generated at build time from theorems/<name>.tex. */
    extern const char *const fragment_thm1[];
    extern const char *const fragment_prop12[];
    extern const char *const fragment_lemma12[];
    extern const char *const fragment_audit[];
    extern const char *const fragment_claims[];
    extern const char *const fragment_lemma8[];
    extern const char *const fragment_thm4[];
    extern const char *const fragment_thm5[];
    extern const char *const fragment_thm3[];
    extern const char *const fragment_thm6[];
    extern const char *const fragment_thm2[];
    extern const char *const fragment_mild[];
    extern const char *const fragment_jrank[];

    extern const module_struct module_thm1;
    extern const module_struct module_prop12;
    extern const module_struct module_lemma12;
    extern const module_struct module_audit;
    extern const module_struct module_claims;
    extern const module_struct module_lemma8;
    extern const module_struct module_thm4;
    extern const module_struct module_thm5;
    extern const module_struct module_thm3;
    extern const module_struct module_thm6;
    extern const module_struct module_thm2;
    extern const module_struct module_mild;
    extern const module_struct module_jrank;

#ifdef __cplusplus
}
#endif

#endif
