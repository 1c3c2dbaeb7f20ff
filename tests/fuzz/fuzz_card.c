/* Fuzz target: the law-card reader (msb_card_from_string). Contract: a defined status; on
 * success a law whose evaluation at a valid point succeeds or fails cleanly and which writes
 * back to a card that reads again; on failure a message and no law. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "msbridge.h"
#include "msbridge/card.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    msb_law *law = NULL;
    msb_clear_error();
    msb_status s = msb_card_from_string((const char *)data, size, "fuzz.json", &law);
    if (s < 0 || s >= msb_status_count()) abort();
    if (s != MSB_SUCCESS) {
        if (law != NULL || msb_last_error_message()[0] == '\0') abort();
        return 0;
    }
    if (law == NULL) abort();
    size_t nin = msb_law_n_inputs(law), nout = msb_law_n_outputs(law);
    double x[MSB_LAW_MAX_INPUTS], y[MSB_LAW_MAX_OUTPUTS], sd[MSB_LAW_MAX_OUTPUTS];
    for (size_t j = 0; j < nin; j++) x[j] = 0.5; /* inside every hard domain */
    s = msb_law_eval_uq(law, 1, x, y, sd);
    if (s < 0 || s >= msb_status_count()) abort();
    (void)nout;
    char *text = NULL;
    s = msb_card_to_string(law, 0, NULL, NULL, NULL, &text);
    if (s == MSB_SUCCESS) {
        msb_law *again = NULL;
        if (msb_card_from_string(text, strlen(text), "again", &again) != MSB_SUCCESS) abort();
        msb_law_destroy(again);
        msb_string_free(text);
    }
    msb_law_destroy(law);
    return 0;
}
