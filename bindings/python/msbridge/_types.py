"""ctypes types shared by the signature table."""
from ctypes import POINTER, c_double, c_int, c_void_p

STATUS = c_int
#: pointer to double; numpy arrays are passed through as_double_p (None -> NULL)
DOUBLE_P = POINTER(c_double)
#: out-parameter receiving a handle (msb_law ** and friends)
HANDLE_P = POINTER(c_void_p)
ESTIMATE_P = POINTER(c_void_p)
