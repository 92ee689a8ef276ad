/* cli.h -- the command-line program: argument parsing and the run,
   list and bench commands.  Exit statuses: 0 every status as expected,
   1 some status differs, 2 usage or input error. */
#ifndef CLI_H
#define CLI_H

#include "bc.h"
#include "../theorems/theorems.h"

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
        const char *json;
        const char *tex;
        int quiet;
        int nids;
        char **ids;
        const char *command;
    } cli_opts;

    /* Parses an unsigned decimal (or 0x hex) integer that fits in 64 bits,
   with nothing after it.  Returns 0 on success, -1 otherwise. */
    int cli_parse_u64(uint64_t *out, const char *s);

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
    int cli_run(int argc, char **argv);
    int cli_bench(int argc, char **argv);
    int cli_basin(int argc, char **argv);
    int cli_bench_basin(int argc, char **argv);
    int cli_tail(int argc, char **argv);
    int cli_cap(int argc, char **argv);
    int cli_bench_audit(int argc, char **argv);
    int cli_bench_thm4(int argc, char **argv);

    void cli_usage(FILE *f);

#ifdef __cplusplus
}
#endif

#endif
