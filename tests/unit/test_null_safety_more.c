/* NULL-safety and bad indices of the accessors added by the module issues (timeseries, lattice,
 * card, elastic): NULL handles give NULL, 0 or MSB_ENULL; out-of-range indices MSB_ESIZE. */
#include <string.h>

#include "msb_test.h"

static void test_table_accessors(void **state)
{
    (void)state;
    assert_null(msb_table_column(NULL, 0));
    assert_null(msb_table_column_name(NULL, 0));
    assert_int_equal(msb_table_line(NULL, 0), 0);
    assert_int_equal(msb_table_nrows(NULL), 0);
    msb_table *t;
    assert_ok(msb_table_parse("1 2\n3 4\n", "t.dat", 0, &t));
    assert_null(msb_table_column(t, 2));
    assert_null(msb_table_column_name(t, 2));
    assert_int_equal(msb_table_line(t, 1), 2);
    msb_table_destroy(t);
    msb_table_destroy(NULL);
}

static void test_lattice_accessors(void **state)
{
    (void)state;
    assert_int_equal(msb_lattice_dim(NULL), 0);
    assert_int_equal(msb_lattice_nshells(NULL), 0);
    double d, xyz[3], disp[3 * 8];
    size_t z, idx[8], n;
    assert_status(msb_lattice_shell(NULL, 0, &d, &z), MSB_ENULL);
    assert_status(msb_lattice_site_position(NULL, 0, xyz), MSB_ENULL);
    assert_status(msb_lattice_neighbors(NULL, 0, 0, 8, idx, disp, &n), MSB_ENULL);
    assert_status(msb_lattice_triplet_orbits(NULL, 0, 8, idx, &n), MSB_ENULL);
    msb_lattice *lat;
    assert_ok(msb_lattice_create(MSB_LATTICE_SQUARE, 3e-10, 4, 4, 1, 2, &lat));
    assert_int_equal(msb_lattice_dim(lat), 2);
    assert_status(msb_lattice_shell(lat, 99, &d, &z), MSB_ESIZE);
    assert_status(msb_lattice_site_position(lat, 16, xyz), MSB_ESIZE);
    assert_status(msb_lattice_neighbors(lat, 0, 0, 2, idx, disp, &n), MSB_ESIZE); /* z = 4 > 2 */
    assert_ok(msb_lattice_neighbors(lat, 0, 0, 8, idx, disp, &n));
    assert_int_equal(n, 4);
    msb_lattice_destroy(lat);
}

static void test_card_helpers(void **state)
{
    (void)state;
    char hex[65];
    assert_status(msb_sha256_hex(NULL, 3, hex), MSB_ENULL);
    assert_status(msb_sha256_hex("abc", 3, NULL), MSB_ENULL);
    /* FIPS 180-2 appendix B.1: SHA-256("abc") */
    assert_ok(msb_sha256_hex("abc", 3, hex));
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    msb_string_free(NULL);
}

static void test_elastic_compliance_bad(void **state)
{
    (void)state;
    double C[36] = {0}, S[36];
    assert_status(msb_elastic_compliance(NULL, S), MSB_ENULL);
    assert_status(msb_elastic_compliance(C, NULL), MSB_ENULL);
    /* the zero tensor is singular */
    assert_true(msb_elastic_compliance(C, S) != MSB_SUCCESS);
    C[0] = NAN;
    assert_status(msb_elastic_compliance(C, S), MSB_ENONFINITE);
}

static void test_trajectory_accessors(void **state)
{
    (void)state;
    assert_int_equal(msb_trajectory_n_frames(NULL), 0);
    assert_int_equal(msb_trajectory_n_atoms(NULL), 0);
    assert_null(msb_trajectory_positions(NULL));
    assert_null(msb_trajectory_times(NULL));
    assert_null(msb_trajectory_types(NULL));
    assert_null(msb_trajectory_ids(NULL));
    assert_null(msb_trajectory_cell(NULL, 0));
    assert_true(msb_trajectory_volume(NULL, 0) == 0.0);
    (void)msb_trajectory_unwrap_method(NULL);
    assert_true(msb_trajectory_max_hop_fraction(NULL) == 0.0);
    assert_null(msb_trajectory_type_name(NULL, 0));
    msb_trajectory_destroy(NULL);
    /* a real one: out-of-range frame gives NULL / 0 */
    const double pos[2 * 1 * 3] = {0, 0, 0, 1e-10, 0, 0};
    const double cell[9] = {1e-9, 0, 0, 0, 1e-9, 0, 0, 0, 1e-9};
    msb_trajectory *tr;
    assert_ok(msb_trajectory_create(2, 1, pos, NULL, cell, 1e-12, 0, &tr));
    assert_int_equal(msb_trajectory_n_frames(tr), 2);
    assert_null(msb_trajectory_cell(tr, 5));
    assert_true(msb_trajectory_volume(tr, 5) == 0.0);
    assert_close_rel(msb_trajectory_volume(tr, 0), 1e-27, 1e-14);
    msb_trajectory_destroy(tr);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_accessors),
        cmocka_unit_test(test_lattice_accessors),
        cmocka_unit_test(test_card_helpers),
        cmocka_unit_test(test_elastic_compliance_bad),
        cmocka_unit_test(test_trajectory_accessors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
