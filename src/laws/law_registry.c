/* The registry of law kinds that can be written to and read from law cards
 * (msbridge/card.h). Adding a law family to cards = give its msbi_law_class the card_read
 * (and, if it has constants of its own, card_write) hooks, make the class object non-static
 * with an msbi_ name, and add ONE line to MSBI_LAW_REGISTRY below. */
#include <string.h>

#include "laws/law_internal.h"
#include "msbridge/card.h"

#define MSBI_LAW_REGISTRY(X)                                                                      \
    X(msbi_arrhenius_class)                                                                       \
    X(msbi_vineyard_class)                                                                        \
    X(msbi_eyring_class)                                                                          \
    X(msbi_actvol_class)                                                                          \
    X(msbi_kapitza_class)                                                                         \
    X(msbi_kapitza_lin_class)                                                                     \
    X(msbi_langmuir_class)                                                                        \
    X(msbi_free_energy_rk_class)                                                                  \
    X(msbi_ocv_plateau_class)                                                                     \
    X(msbi_ocv_table_class)                                                                       \
    X(msbi_ocv_free_energy_class)                                                                 \
    X(msbi_cohesive_expo_class)                                                                   \
    X(msbi_cohesive_bilin_class)                                                                  \
    X(msbi_voltage_pressure_class)                                                                \
    X(msbi_actvol6_class)                                                                         \
    X(msbi_barodiffusion_class)                                                                   \
    X(msbi_compose_class)                                                                         \
    X(msbi_nernst_einstein_class)                                                                 \
    X(msbi_layer_resistance_class)                                                                \
    X(msbi_transference_ne_class)                                                                 \
    X(msbi_darken_class)                                                                          \
    X(msbi_mu_table_class)

#define MSBI_DECLARE_CLASS(c) extern const msbi_law_class c;
MSBI_LAW_REGISTRY(MSBI_DECLARE_CLASS)
#undef MSBI_DECLARE_CLASS

#define MSBI_CLASS_ENTRY(c) &c,
const msbi_law_class *const msbi_law_registry[] = {MSBI_LAW_REGISTRY(MSBI_CLASS_ENTRY) NULL};
#undef MSBI_CLASS_ENTRY

const msbi_law_class *msbi_law_registry_find(const char *kind)
{
    if (kind == NULL) return NULL;
    for (size_t i = 0; msbi_law_registry[i] != NULL; i++)
        if (strcmp(msbi_law_registry[i]->kind, kind) == 0) return msbi_law_registry[i];
    return NULL;
}
