#!/bin/sh
# Regenerates emd_energy.dat and nemd_profile.dat with the Debian LAMMPS (binary `lmp`,
# package `lammps`, tested with version 29 Sep 2021). Each run takes 5-10 min on one free core;
# the two are independent and run concurrently here.
set -e
cd "$(dirname "$0")"
lmp -in in.emd -log log.emd -screen none &
lmp -in in.nemd -log log.nemd -screen none &
wait
rm -f log.emd log.nemd
ls -l emd_energy.dat nemd_profile.dat
