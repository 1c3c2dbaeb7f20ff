/* Internal: the Arrhenius kernel shared by the Arrhenius law, its fit and the Vineyard rate. */
#ifndef MSBI_ARRHENIUS_INTERNAL_H
#define MSBI_ARRHENIUS_INTERNAL_H

#include "laws/law_internal.h"

/* Build an Arrhenius-form law y = exp(lnA - Ea/(k_B T)) from validated arguments. */
msb_status msbi_arrhenius_build(const char *where, int vineyard, double lnA, double Ea_J,
                                const double *cov, const char *out_name, const char *out_unit,
                                const char *reference, msb_law **out);

#endif
