/* An outside program using the installed libmsbridge: checks the header/library versions agree
 * and evaluates an Eyring rate against its closed form. Exit 0 on success. */
#include <math.h>
#include <stdio.h>

#include <msbridge.h>

int main(void)
{
    if (msb_version_number() != MSB_VERSION_NUMBER) {
        fprintf(stderr, "header %d vs library %d\n", MSB_VERSION_NUMBER, msb_version_number());
        return 1;
    }
    msb_law *law;
    if (msb_tst_eyring_create(0.5 * MSB_EV, 0, 1, 0, NULL, &law) != MSB_SUCCESS) return 2;
    double T = 300, k;
    msb_status s = msb_law_eval(law, 1, &T, &k, NULL);
    msb_law_destroy(law);
    /* (k_B T / h) exp(-0.5 eV / k_B T) at 300 K = 24906.8152356... 1/s */
    if (s != MSB_SUCCESS || fabs(k / 24906.81523560058651 - 1) > 1e-12) return 3;
    printf("consumer: libmsbridge %s, k(300 K) = %.6e 1/s\n", msb_version_string(), k);
    return 0;
}
