/* escape.c -- escaping for JSON strings and LaTeX text (escape.h). */
#include <string.h>

#include "escape.h"

/* Length of the valid UTF-8 sequence starting at s, or 0 if invalid. */
static int
utf8_len(const unsigned char *s)
{
    int n, i;
    unsigned int cp;
    if (s[0] < 0x80)
        return 1;
    if ((s[0] & 0xE0) == 0xC0)
        n = 2, cp = s[0] & 0x1F;
    else if ((s[0] & 0xF0) == 0xE0)
        n = 3, cp = s[0] & 0x0F;
    else if ((s[0] & 0xF8) == 0xF0)
        n = 4, cp = s[0] & 0x07;
    else
        return 0;
    for (i = 1; i < n; i++)
    {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3F);
    }
    /* reject overlong forms, surrogates and values beyond U+10FFFF */
    if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
        return 0;
    return n;
}

char *
escape_json(const char *s)
{
    const unsigned char *p = (const unsigned char *) s;
    size_t cap = 6 * strlen(s) + 1, k = 0;
    char *out = flint_malloc(cap);

    while (*p)
    {
        int n = utf8_len(p);
        if (n == 0)
        {
            /* invalid byte: U+FFFD keeps the output valid JSON */
            memcpy(out + k, "\\ufffd", 6);
            k += 6;
            p++;
            continue;
        }
        if (n > 1)
        {
            memcpy(out + k, p, (size_t) n);
            k += (size_t) n;
            p += n;
            continue;
        }
        switch (*p)
        {
        case '"':
            out[k++] = '\\', out[k++] = '"';
            break;
        case '\\':
            out[k++] = '\\', out[k++] = '\\';
            break;
        case '\n':
            out[k++] = '\\', out[k++] = 'n';
            break;
        case '\t':
            out[k++] = '\\', out[k++] = 't';
            break;
        case '\r':
            out[k++] = '\\', out[k++] = 'r';
            break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                k += (size_t) snprintf(out + k, 7, "\\u%04x", *p);
            else
                out[k++] = (char) *p;
        }
        p++;
    }
    out[k] = '\0';
    return out;
}

char *
escape_tex(const char *s)
{
    size_t cap = 20 * strlen(s) + 1, k = 0;
    char *out = flint_malloc(cap);
    const char *rep;

    for (; *s; s++)
    {
        switch (*s)
        {
        case '\\':
            rep = "\\textbackslash{}";
            break;
        case '{':
            rep = "\\{";
            break;
        case '}':
            rep = "\\}";
            break;
        case '$':
            rep = "\\$";
            break;
        case '&':
            rep = "\\&";
            break;
        case '#':
            rep = "\\#";
            break;
        case '%':
            rep = "\\%";
            break;
        case '_':
            rep = "\\_";
            break;
        case '^':
            rep = "\\textasciicircum{}";
            break;
        case '~':
            rep = "\\textasciitilde{}";
            break;
        case '-':
            /* "--" would print as an en dash: keep options like --seed */
            if (s[1] != '-')
            {
                out[k++] = *s;
                continue;
            }
            rep = "-{}";
            break;
        case '<':
            rep = "\\textless{}";
            break;
        case '>':
            rep = "\\textgreater{}";
            break;
        case '|':
            rep = "\\textbar{}";
            break;
        default:
            /* control characters have no place in text */
            out[k++] = ((unsigned char) *s < 0x20) ? ' ' : *s;
            continue;
        }
        strcpy(out + k, rep);
        k += strlen(rep);
    }
    out[k] = '\0';
    return out;
}
