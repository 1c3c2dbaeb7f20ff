#!/bin/sh
# Regenerates the demo's LJ trajectories at four temperatures with the Debian LAMMPS (`lmp`).
set -e
cd "$(dirname "$0")"
for T in 0.8 1.0 1.25 1.6; do
  lmp -in in.lj_T -var T "$T" -log none -screen none
done
ls -l lj_T*.dump
