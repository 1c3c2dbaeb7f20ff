"""Parse the public headers into (name, return type, [(type, arg name), ...]).

The headers are regular: every public function is one declaration
    MSB_API <return type> <name>(<type> <arg>, ...);
possibly spread over several lines, with comments between declarations only. Array
parameters such as `const double cell[9]` or `char hex[65]` are kept with their extent in the
type ("const double [9]") so that the spec must spell them out too."""
import os
import re

DECL = re.compile(r"MSB_API\s+([\w\s\*]+?)\s*\b(msb_\w+)\s*\(([^;]*?)\)\s*;", re.S)
COMMENT = re.compile(r"/\*.*?\*/", re.S)


def _split_arg(arg):
    arg = " ".join(arg.split())
    m = re.match(r"^(.*?)\b(\w+)\s*(\[\s*\w*\s*\])?$", arg)
    if not m:
        raise ValueError("cannot parse argument %r" % arg)
    typ, name, ext = m.group(1), m.group(2), m.group(3)
    typ = re.sub(r"\s*\*\s*", " *", typ.strip()).replace("* *", "**").strip()
    typ = re.sub(r"\s+", " ", typ)
    if ext:
        typ = typ + " " + ext.replace(" ", "")
    return typ, name


def parse_headers(include_dir):
    """{name: (ret, [(type, name), ...], header)} for every MSB_API function."""
    funcs = {}
    hdir = os.path.join(include_dir, "msbridge")
    for h in sorted(os.listdir(hdir)):
        if not h.endswith(".h"):
            continue
        text = COMMENT.sub(" ", open(os.path.join(hdir, h)).read())
        for ret, name, args in DECL.findall(text):
            args = " ".join(args.split())
            alist = [] if args in ("", "void") else [_split_arg(a) for a in args.split(",")]
            ret = re.sub(r"\s*\*", " *", " ".join(ret.split())).replace("* *", "**").strip()
            if name in funcs:
                raise ValueError("%s declared twice" % name)
            funcs[name] = (ret, alist, h)
    return funcs


def signature(ret, args):
    return "%s(%s)" % (ret, ", ".join("%s %s" % a for a in args))


if __name__ == "__main__":
    import sys
    f = parse_headers(sys.argv[1])
    for n, (r, a, h) in sorted(f.items(), key=lambda kv: (kv[1][2], kv[0])):
        print("%-16s %-34s %s" % (h, n, signature(r, a)))
    print(len(f))
