#!/usr/bin/python3
"""Converts a model in ONNX textual syntax (onnx.parser.parse_model, onnx 1.12) to binary .onnx.

Usage: onnx-from-text.py IN.txt|- OUT.onnx
Lit tests write their models as text; this turns them into the binary form edgecc imports. The
model is not run through the checker, so tests can deliberately feed edgecc invalid models.
On a parse error it prints one line to stderr and exits 1.
"""

import sys

import onnx
import onnx.parser


def one_line(message):
    # onnx 1.12 raises ParseError with the C++ message as bytes, spread over several lines.
    if isinstance(message, bytes):
        message = message.decode("utf-8", "replace")
    return " ".join(str(message).split())


def main(argv):
    if len(argv) != 3:
        print("usage: onnx-from-text.py IN.txt|- OUT.onnx", file=sys.stderr)
        return 2
    src, dst = argv[1], argv[2]
    label = "<stdin>" if src == "-" else src
    try:
        text = sys.stdin.read() if src == "-" else open(src, encoding="utf-8").read()
        model = onnx.parser.parse_model(text)
        onnx.save(model, dst)
    except onnx.parser.ParseError as e:
        print(f"onnx-from-text: {label}: {one_line(e.args[0] if e.args else e)}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"onnx-from-text: {one_line(e)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
