#!/bin/sh
# Regenerates lj256.dump and msd_lammps.txt with the Debian LAMMPS (binary `lmp`).
# The dump is sorted by id; the tests shuffle atom order themselves where needed.
set -e
cd "$(dirname "$0")"
lmp -in in.lj_msd -log none -screen none
ls -l lj256.dump msd_lammps.txt
