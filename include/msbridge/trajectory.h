/* msbridge/trajectory.h — atomistic trajectories for transport estimators.
 *
 * An msb_trajectory holds n_frames x n_atoms UNWRAPPED positions in metres (frame-major:
 * pos[(f*n_atoms + a)*3 + k]), the time of every frame in seconds, one integer type per atom,
 * the atom ids (sorted ascending) and the periodic cell of every frame (3 row vectors a, b, c in
 * metres). Atoms are ordered by id whatever their order in the file.
 *
 * Unwrapping (how the positions became unwrapped; msb_trajectory_unwrap_method):
 *  - MSB_UNWRAP_GIVEN: the file held unwrapped coordinates (LAMMPS xu/yu/zu or xsu/ysu/zsu), or
 *    the caller declared its array unwrapped.
 *  - MSB_UNWRAP_IMAGE_FLAGS: wrapped coordinates plus LAMMPS image flags ix iy iz:
 *    r = x + ix a + iy b + iz c (exact).
 *  - MSB_UNWRAP_MINIMUM_IMAGE: wrapped coordinates without image flags. Each frame's
 *    displacement from the previous frame is reduced to its minimum image in fractional
 *    coordinates, s -= round(s), and accumulated. This is exact if and only if every atom moves
 *    less than half the smallest perpendicular width of the cell between consecutive frames
 *    (then every fractional component of the true displacement is below 1/2). The reader
 *    records the largest observed hop as a fraction of that half-width
 *    (msb_trajectory_max_hop_fraction) and refuses the file (MSB_EDOM) when it exceeds 0.8: such
 *    frames are too far apart to tell a hop from a crossing. Wrapped coordinates are never used
 *    as if they were unwrapped.
 *
 * Thread safety: a trajectory is immutable after creation; const functions may be called from
 * many threads.
 */
#ifndef MSBRIDGE_TRAJECTORY_H
#define MSBRIDGE_TRAJECTORY_H

#include <stddef.h>

#include "msbridge/export.h"
#include "msbridge/status.h"
#include "msbridge/units.h"

MSB_BEGIN_DECLS

typedef struct msb_trajectory msb_trajectory;

typedef enum msb_unwrap_method {
    MSB_UNWRAP_GIVEN = 0,
    MSB_UNWRAP_IMAGE_FLAGS = 1,
    MSB_UNWRAP_MINIMUM_IMAGE = 2
} msb_unwrap_method;

/* Default size limits used when a limit argument is 0. */
#define MSB_TRAJ_DEFAULT_MAX_FRAMES ((size_t)10000000)
#define MSB_TRAJ_DEFAULT_MAX_ATOMS ((size_t)100000000)
#define MSB_TRAJ_DEFAULT_MAX_LINE ((size_t)65536)

/* Read a LAMMPS text dump (`dump custom` / `dump atom`), streaming: only the unwrapped
 * positions are kept (plus a read buffer and, for files of many small frames, a window of up to
 * 256 parsed frames; together at most ~0.3 of the positions' memory). Large files of small frames
 * are parsed on up to MSB_NUM_THREADS (default: the online CPUs, at most 8) threads, a window
 * of frames at a time; results and error messages are those of the serial reader.
 * path        file name.
 * units       the unit system of the run (msb_units_create("metal"), msb_units_create_lj, ...):
 *             lengths are multiplied by its length scale, times by its time scale.
 * timestep    the LAMMPS `timestep` value in the run's time unit, finite and > 0; the time of a
 *             frame is step * timestep.
 * max_frames, max_atoms   size limits (0: MSB_TRAJ_DEFAULT_*); exceeding one gives MSB_ESIZE.
 * Columns (ITEM: ATOMS ...): `id` is required, `type` optional (all 1 otherwise); positions from
 * the first available of xu yu zu | xsu ysu zsu | x y z with ix iy iz | xs ys zs with ix iy iz |
 * x y z | xs ys zs (the last two unwrapped by minimum image). Other columns are ignored.
 * Boxes: orthogonal (`ITEM: BOX BOUNDS pp pp pp`) and triclinic (`ITEM: BOX BOUNDS xy xz yz ...`,
 * bounds converted to the cell as in the LAMMPS manual, "Triclinic (non-orthogonal) simulation
 * boxes").
 * Errors (the message names file:line): MSB_ENULL, MSB_ENONFINITE / MSB_EDOM (timestep),
 * MSB_EIO (cannot open/read), MSB_EFORMAT (unexpected item, missing column, non-numeric field,
 * duplicate id, atoms appearing or vanishing, a type changing, steps not strictly increasing,
 * a line longer than 65536 bytes), MSB_ETRUNCATED (the last frame ends early; nothing is
 * returned — cut the file to whole frames if you want to use it), MSB_EINSUFFICIENT (no frame),
 * MSB_ESIZE (a limit), MSB_EDOM (minimum-image unwrapping not valid, see above), MSB_ENOMEM.
 * Thread-safe (distinct outputs). */
MSB_API msb_status msb_trajectory_read_lammps(const char *path, const msb_units *units,
                                              double timestep, size_t max_frames,
                                              size_t max_atoms, msb_trajectory **out);

/* Read an extended XYZ file: per frame a line with the atom count, a comment line with
 * key=value pairs (Lattice="ax ay az bx by bz cx cy cz" optional; Properties=name:T:n:... with a
 * `pos:R:3` field and optionally `species:S:1` or `type:I:1`; default species:S:1:pos:R:3),
 * then one line per atom. Atoms keep their file order (ids 1..N) and must be the same species
 * in every frame. Positions are wrapped if a Lattice is given and pbc is not "F F F": they are
 * unwrapped by minimum image (see above); without Lattice they are taken as unwrapped.
 * Species names are mapped to types 1, 2, ... in order of first appearance
 * (msb_trajectory_type_name).
 * length_unit_m   SI value of the file's length unit (1e-10 for Angstrom), > 0.
 * frame_dt_s      time between consecutive frames in seconds, > 0.
 * Errors as msb_trajectory_read_lammps. Thread-safe. */
MSB_API msb_status msb_trajectory_read_xyz(const char *path, double length_unit_m,
                                           double frame_dt_s, size_t max_frames,
                                           size_t max_atoms, msb_trajectory **out);

/* A trajectory from caller arrays (Python/numpy face).
 * pos_m      n_frames x n_atoms x 3 positions in metres, finite.
 * types      n_atoms types >= 0, or NULL (all 1).
 * cell_m     9 values, the cell's row vectors a, b, c in metres (constant cell), or NULL (no
 *            periodic cell; then `wrapped` must be 0).
 * frame_dt_s time between frames, s, > 0.
 * wrapped    0: positions are unwrapped; 1: positions are wrapped into the cell and are
 *            unwrapped by minimum image (conditions above).
 * Errors: MSB_ENULL, MSB_ESIZE (n_frames or n_atoms 0), MSB_ENONFINITE, MSB_EDOM, MSB_EINVAL
 * (singular cell, or wrapped without a cell), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_trajectory_create(size_t n_frames, size_t n_atoms, const double *pos_m,
                                         const int *types, const double *cell_m,
                                         double frame_dt_s, int wrapped, msb_trajectory **out);

MSB_API void msb_trajectory_destroy(msb_trajectory *traj);

/* Accessors (0 / NULL for a NULL trajectory or an index out of range). Pointers stay valid for
 * the life of the trajectory. */
MSB_API size_t msb_trajectory_n_frames(const msb_trajectory *traj);
MSB_API size_t msb_trajectory_n_atoms(const msb_trajectory *traj);
MSB_API const double *msb_trajectory_positions(const msb_trajectory *traj); /* m */
MSB_API const double *msb_trajectory_times(const msb_trajectory *traj);     /* s */
MSB_API const int *msb_trajectory_types(const msb_trajectory *traj);
MSB_API const long long *msb_trajectory_ids(const msb_trajectory *traj);
/* Cell of frame f: 9 values (rows a, b, c), m; NULL when the trajectory has no cell. */
MSB_API const double *msb_trajectory_cell(const msb_trajectory *traj, size_t frame);
/* Volume of frame f's cell in m^3 (0 when there is no cell). */
MSB_API double msb_trajectory_volume(const msb_trajectory *traj, size_t frame);
MSB_API msb_unwrap_method msb_trajectory_unwrap_method(const msb_trajectory *traj);
/* Largest observed frame-to-frame hop / half the smallest cell width (minimum-image unwrapping
 * only; 0 otherwise). */
MSB_API double msb_trajectory_max_hop_fraction(const msb_trajectory *traj);
/* Species name of a type read from extended XYZ; "" for any other type (LAMMPS types, arrays,
 * a type no atom has); NULL only for a NULL trajectory. */
MSB_API const char *msb_trajectory_type_name(const msb_trajectory *traj, int type);

MSB_END_DECLS

#endif
