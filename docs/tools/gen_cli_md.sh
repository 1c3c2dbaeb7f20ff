#!/bin/sh
# Regenerates docs/cli.md from the built tool's own --help texts (so the page cannot drift from
# the code). Usage: docs/tools/gen_cli_md.sh [path/to/msbridge]   (default build/tools/msbridge/msbridge)
set -e
cd "$(dirname "$0")/../.."
MSB=${1:-build/tools/msbridge/msbridge}
{
  cat <<'HEAD'
# The msbridge command-line tool {#cli}

`msbridge` turns files written by simulation codes into estimates and law cards without any
programming: one subcommand per estimator. It is built with the library
(`build/tools/msbridge/msbridge`) and installed into `bin/`.

Conventions shared by every subcommand:

* Input files are plain numeric columns (whitespace or commas, `#` comments), LAMMPS dumps or
  the tool's small key = value input files, as each section says. Errors name the file and the
  line (`FILE:LINE: what`).
* Units are explicit: options say which unit system a file is in (`--units metal`,
  `--lj SIGMA,EPS,MASS`, ...); nothing is guessed. Results are in SI.
* Output is a human-readable table with standard uncertainties, or with `--json` one JSON object
  on stdout (for scripts).
* `--help` prints the options and an example; the examples below are those texts.
* Exit status: 0 success, 2 bad usage, 3 bad input data, 4 library failure.

Law cards written by `--card` options are described in [law cards](law_cards.md); the tutorial
for command-line users is [tutorials/cli_user.md](tutorials/cli_user.md).

HEAD
  echo '## Overview'
  echo
  echo '```'
  "$MSB" --help 2>&1 || true
  echo '```'
  for c in arrhenius card fuse gk hull kmc mc msd skmc tst vrh; do
    echo
    echo "## msbridge $c"
    echo
    echo '```'
    "$MSB" "$c" --help 2>&1 || true
    echo '```'
  done
} > docs/cli.md
echo "wrote docs/cli.md"
