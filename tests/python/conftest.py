import os
import sys

# The package is imported from the source tree; the library from MSBRIDGE_LIBRARY (set by
# ctest to the freshly built libmsbridge.so).
HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.environ.get("MSB_SOURCE_DIR", os.path.abspath(os.path.join(HERE, "..", "..")))
sys.path.insert(0, os.path.join(SRC, "bindings", "python"))
