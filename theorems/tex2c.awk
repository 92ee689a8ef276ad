# tex2c.awk -- turns each theorems/<name>.tex into a NULL-terminated array
# of C string literals fragment_<name>[], so that the report writer can
# weave the fragments without locating data files at run time.
BEGIN {
    print "/* generated from the theorems' .tex fragments by tex2c.awk: do not edit */"
    print "#include \"theorems.h\"\n"
}

# C string literal body of s: backslash and double quote escaped, one
# character at a time (gsub's treatment of backslashes differs between
# awk implementations).
function cquote(s,    out, i, c) {
    out = ""
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\\" || c == "\"")
            out = out "\\" c
        else if (c == "\t")
            out = out "\\t"
        else if (c != "\r")
            out = out c
    }
    return out
}

FNR == 1 {
    if (NR > 1)
        print "    0\n};\n"
    name = FILENAME
    sub(/.*\//, "", name)
    sub(/\.tex$/, "", name)
    print "const char *const fragment_" name "[] = {"
}
{
    print "    \"" cquote($0) "\","
}
END {
    print "    0\n};"
}
