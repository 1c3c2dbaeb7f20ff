/* msbridge — command-line face of libmsbridge: `msbridge <command> [options] FILE...`. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

typedef struct command {
    const char *name;
    int (*run)(int, char **);
    const char *const *help;
    const char *const *summary;
} command;

#define MSBCLI_COMMAND(name) {#name, msbcli_cmd_##name, &msbcli_help_##name, &msbcli_summary_##name},
static const command commands[] = {
#include "commands.inc"
};
#undef MSBCLI_COMMAND

static void usage(FILE *f)
{
    fprintf(f, "usage: msbridge <command> [options] FILE...\n\n"
               "Bridging laws from atomistic simulation output (libmsbridge %s).\n\ncommands:\n",
            msb_version_string());
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, *commands[i].summary);
    fprintf(f, "\n'msbridge <command> --help' shows a command's options and an example.\n"
               "Exit status: 0 success, 2 bad usage, 3 bad input data, 4 library failure.\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return MSBCLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "help") == 0) {
        usage(stdout);
        return MSBCLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("msbridge %s\n", msb_version_string());
        return MSBCLI_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++) {
        if (strcmp(argv[1], commands[i].name) == 0) {
            for (int a = 2; a < argc; a++)
                if (strcmp(argv[a], "--help") == 0 || strcmp(argv[a], "-h") == 0) {
                    fputs(*commands[i].help, stdout);
                    return MSBCLI_OK;
                }
            return commands[i].run(argc - 1, argv + 1);
        }
    }
    fprintf(stderr, "msbridge: unknown command '%s'\n\n", argv[1]);
    usage(stderr);
    return MSBCLI_USAGE;
}
