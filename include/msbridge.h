/* msbridge.h — umbrella header of libmsbridge: bridging laws and closure relations from
 * atomistic simulations to continuum models. Include this, or the per-family headers under
 * msbridge/. Conventions (status codes, units, the law handle, thread safety) are described in
 * msbridge/status.h, msbridge/core.h, msbridge/law.h and docs/architecture.md. */
#ifndef MSBRIDGE_H
#define MSBRIDGE_H

#include "msbridge/export.h"
#include "msbridge/version.h"
#include "msbridge/status.h"
#include "msbridge/core.h"
#include "msbridge/law.h"
#include "msbridge/estimate.h"
#include "msbridge/units.h"
#include "msbridge/tst.h"
#include "msbridge/arrhenius.h"
#include "msbridge/activation_volume.h"
#include "msbridge/elastic.h"
#include "msbridge/cohesive.h"
#include "msbridge/chemomech.h"
#include "msbridge/trajectory.h"
#include "msbridge/msd.h"
#include "msbridge/transport.h"

#include "msbridge/timeseries.h"
#include "msbridge/green_kubo.h"
#include "msbridge/kapitza.h"
#include "msbridge/hull.h"
#include "msbridge/thermo.h"
#include "msbridge/langmuir.h"
#include "msbridge/ocv.h"
#include "msbridge/card.h"
#include "msbridge/propagate.h"
#include "msbridge/fusion.h"
#include "msbridge/validate.h"

#include "msbridge/lattice.h"
#include "msbridge/mc.h"
#include "msbridge/kmc.h"
#include "msbridge/ce.h"
#include "msbridge/surface_kmc.h"
#endif
