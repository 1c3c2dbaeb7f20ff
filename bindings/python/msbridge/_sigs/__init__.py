"""Declarative ctypes signatures, one module per C header family.

Each module defines SIGNATURES: a list of (function name, restype, [argtypes]). _lib merges
them into the one table it applies to the loaded library; nothing else in the package sets
argtypes or restype.
"""
