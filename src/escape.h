/* escape.h -- text made safe for JSON strings and for LaTeX text mode.

   Used by the claim modules (file names of the user's data reach the
   report's LaTeX) and by the report writers. */
#ifndef ESCAPE_H
#define ESCAPE_H

#include "bc.h"

#ifdef __cplusplus
extern "C"
{
#endif

    /* Returns a newly allocated JSON string literal body for s (quotes not
       included): ", \, control characters escaped; invalid UTF-8 bytes
       replaced by U+FFFD.  Free with flint_free. */
    char *escape_json(const char *s);

    /* Returns a newly allocated copy of plain text s made safe for LaTeX
       text mode (the ten special characters escaped).  Free with
       flint_free. */
    char *escape_tex(const char *s);

#ifdef __cplusplus
}
#endif

#endif
