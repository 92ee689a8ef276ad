/* cli.h -- the command-line program: argument parsing and the run,
   list and bench commands.  Exit statuses: 0 every status as expected,
   1 some status differs, 2 usage or input error. */
#ifndef CLI_H
#define CLI_H

#include "bc.h"
#include "theorems.h"

#ifdef __cplusplus
extern "C"
{
#endif

#define CLI_EXIT_OK 0
#define CLI_EXIT_MISMATCH 1
#define CLI_EXIT_USAGE 2

    typedef struct
    {
        run_opts run;
        double confidence;
        const char *confidence_text; /* as typed (exact decimal), or NULL: 0.99 */
        const char *json;
        const char *tex;
        const char *certificates; /* --certificates DIR, or NULL */
        int quiet;
        int threads_given; /* --threads was given (else one per processor) */
        int nids;
        char **ids;
        const char *command;
    } cli_opts;

    /* Prints "basincheck: MESSAGE" on stderr as exactly one line, MESSAGE
   formatted as printf would: the message may hold file names and
   command-line words, whose control characters (a newline) are printed
   as '?' (module_input_error does the printing, for the whole program).
   Returns CLI_EXIT_USAGE. */
    int cli_fail(const char *fmt, ...)
#ifdef __GNUC__
        __attribute__((format(printf, 1, 2)))
#endif
        ;

    /* Parses an unsigned decimal integer (digits only: no sign, no
   blanks, no 0x; leading zeros are decimal) that fits in 64 bits.
   Returns 0 on success, -1 otherwise. */
    int cli_parse_u64(uint64_t *out, const char *s);

    /* The per-side tail level of each of nmc Monte Carlo intervals
   (Bonferroni): the largest double <= (1 - C) / (2 nmc), C the exact
   value of the decimal conf (or 0.99 when conf is NULL), so that the
   family-wise confidence is at least C exactly. */
    double cli_tail_level(const char *conf, slong nmc);

    /* Parses a finite double with nothing after it.  Returns 0 or -1. */
    int cli_parse_double(double *out, const char *s);

    /* Parses the options of `run` and `bench` (argv[0] is the command name).
   On error prints one line "basincheck: ..." to stderr and returns
   CLI_EXIT_USAGE; returns -1 after printing help; else 0.  The ids
   array points into argv. */
    int cli_parse_run(cli_opts *o, int argc, char **argv, int allow_ids);

    void cli_opts_clear(cli_opts *o);

    /* A decision as a JSON value: true, false, or the string "undecided". */
    const char *cli_json_truth(truth_t t);

    /* The commands; each returns an exit status. */
    int cli_list(int argc, char **argv);
    /* `run`, divided over the ranks of P (par.h): every rank runs the
       checks, rank 0 alone prints and writes the reports. */
    int cli_run(int argc, char **argv, const par_struct *P);
    int cli_bench(int argc, char **argv);
    int cli_basin(int argc, char **argv);
    int cli_bench_basin(int argc, char **argv);
    int cli_tail(int argc, char **argv);
    int cli_cap(int argc, char **argv);
    int cli_bench_jacobian(int argc, char **argv);
    int cli_jacobian(int argc, char **argv);
    int cli_critical(int argc, char **argv);
    int cli_bench_critical(int argc, char **argv);

    void cli_usage(FILE *f);

#ifdef __cplusplus
}
#endif

#endif
