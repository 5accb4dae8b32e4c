#!/usr/bin/env python3
"""Size limits for the Swift sources (CI): no function over 70 lines, no file over 400 lines.

    scripts/check-sizes.py                 # check Sources/ and Tests/; exit 1 on a violation
    scripts/check-sizes.py --top 15        # also list the 15 longest functions and files (for closing notes)
    scripts/check-sizes.py Sources/X.swift # check only these files or folders

A "function" is anything with a body that runs as a unit: `func`, `init`, `deinit`, `subscript`, and computed or
observed properties (`var x: T { ... }`). Its length is counted from the line of its keyword to the line of its
closing brace, both included (attributes and doc comments above it do not count). A nested function counts twice:
on its own, and as part of the function around it. Closures are part of the function they are written in.

The scanner understands enough Swift to find the braces that matter: it skips comments (nested `/* */` too),
string literals (single- and multi-line, raw `#"..."#`, with interpolations `\\(...)` that may hold closures and
strings of their own) and tells a declaration (`init(`) from a use (`.init(`, `super.init(`).

Exceptions live in scripts/size-exceptions.txt, one a line: `path  [Type.function]  max-lines  # reason`. An
exception allows exactly up to its max-lines; an exception that no longer matches anything over the limit is
itself an error, so the list only holds what still needs it.

scripts/test_check_sizes.py tests the scanner on tricky snippets; CI runs it.
"""
import argparse
import os
import re
import sys

MAX_FUNCTION_LINES = 70
MAX_FILE_LINES = 400
DEFAULT_ROOTS = ["Sources", "Tests"]
DEFAULT_EXCEPTIONS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "size-exceptions.txt")

FUNCTION_KEYWORDS = {"func", "init", "deinit", "subscript"}
TYPE_KEYWORDS = {"struct", "class", "enum", "extension", "protocol", "actor"}
# Keywords that start a new declaration or statement: a pending declaration without a body ends at one of these.
DECLARATION_BREAKERS = FUNCTION_KEYWORDS | TYPE_KEYWORDS | {
    "var", "let", "case", "typealias", "associatedtype", "import", "return", "if", "guard", "for", "while",
    "switch", "do", "repeat", "defer", "throw", "in", "else", "operator", "precedencegroup", "macro",
}
# Modifiers that may follow `class` (`class func`, `class var`): then `class` is not a type declaration.
CLASS_MODIFIER_FOLLOWERS = {"func", "var", "let", "subscript", "init", "override", "final", "static", "private",
                            "fileprivate", "internal", "public", "open"}

IDENTIFIER_START = re.compile(r"[A-Za-z_]")
IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
IDENTIFIER_REST = re.compile(r"[A-Za-z0-9_]+")  # after @, # or $ (`$0`)
MULTILINE_OPENING = re.compile(r"[ \t]*\r?\n")
OPERATOR = re.compile(r"[=+\-*/%<>!&|^~?.]+")


class Token:
    __slots__ = ("kind", "text", "line")

    def __init__(self, kind, text, line):
        self.kind = kind  # "word", "punct" ({ } ( ) [ ] , ; :) or "op" (an operator run such as =, ->, ., ==)
        self.text = text
        self.line = line

    def __repr__(self):
        return f"Token({self.kind!r}, {self.text!r}, {self.line})"


class SwiftScanError(Exception):
    pass


def tokenize(source):
    """The code tokens of a Swift file, with comments and the text of string literals left out.

    Code inside string interpolations is tokenized as code (it may hold closures with braces)."""
    tokens = []
    i = 0
    n = len(source)
    line = 1
    # A stack of open string literals we are inside, each (hashes, is_multiline, paren depth of the
    # interpolation we are in). An empty stack means plain code.
    interpolation_parens = []  # for each open interpolation: the paren depth inside it
    string_stack = []  # for each open interpolation: the string (hashes, multiline) to return to

    def scan_string(i, hashes, multiline, line):
        """Skips a string literal's text from i (just after its opening quotes). Returns (i, line, state) where
        state is "closed" (i after the closing delimiter) or "interpolation" (i just after `\\(`)."""
        closing = ('"""' if multiline else '"') + "#" * hashes
        escape = "\\" + "#" * hashes
        while i < n:
            c = source[i]
            if source.startswith(escape, i):
                j = i + len(escape)
                if j < n and source[j] == "(":
                    return j + 1, line, "interpolation"
                # Any other escape: skip the escaped character (a newline counts as one).
                if j < n and source[j] == "\n":
                    line += 1
                i = j + 1
                continue
            if source.startswith(closing, i):
                return i + len(closing), line, "closed"
            if c == "\n":
                if not multiline:
                    raise SwiftScanError(f"line {line}: unterminated string literal")
                line += 1
            i += 1
        raise SwiftScanError(f"line {line}: unterminated string literal at end of file")

    def open_string(i, line):
        """If a string literal starts at i, skips it (or up to its first interpolation). Returns None if not."""
        j = i
        while j < n and source[j] == "#":
            j += 1
        hashes = j - i
        if j >= n or source[j] != '"':
            return None
        # A multi-line literal's opening `"""` ends its line (so `#""""#` is a one-line raw string holding `""`).
        multiline = source.startswith('"""', j) and MULTILINE_OPENING.match(source, j + 3) is not None
        start = j + (3 if multiline else 1)
        end, new_line, state = scan_string(start, hashes, multiline, line)
        return end, new_line, state, (hashes, multiline)

    while i < n:
        c = source[i]
        if c == "\n":
            line += 1
            i += 1
        elif c in " \t\r":
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            depth = 0
            while i < n:
                if source.startswith("/*", i):
                    depth += 1
                    i += 2
                elif source.startswith("*/", i):
                    depth -= 1
                    i += 2
                    if depth == 0:
                        break
                else:
                    if source[i] == "\n":
                        line += 1
                    i += 1
            else:
                if depth:
                    raise SwiftScanError(f"line {line}: unterminated block comment")
        elif c == '"' or (c == "#" and open_string(i, line) is not None):
            end, line, state, kind = open_string(i, line)
            i = end
            if state == "interpolation":
                string_stack.append(kind)
                interpolation_parens.append(0)
        elif IDENTIFIER_START.match(c) or (c in "@#$" and i + 1 < n and (source[i + 1].isalnum() or source[i + 1] == "_")):
            m = (IDENTIFIER_REST if c in "@#$" else IDENTIFIER).match(source, i + (1 if c in "@#$" else 0))
            text = source[i:m.end()]
            tokens.append(Token("word", text, line))
            i = m.end()
        elif c == "`":
            end = source.find("`", i + 1)
            if end < 0:
                raise SwiftScanError(f"line {line}: unterminated backtick identifier")
            tokens.append(Token("word", source[i + 1:end], line))
            i = end + 1
        elif c.isdigit():
            m = re.compile(r"[0-9][0-9A-Za-z_.]*").match(source, i)
            # 1.5 and 0x1p3 are numbers; 0..<5 is a number, an operator and a number.
            text = m.group(0)
            if ".." in text:
                text = text[:text.index("..")]
            tokens.append(Token("number", text, line))
            i += len(text)
        elif c in "{}()[],;:":
            if interpolation_parens and c == "(":
                interpolation_parens[-1] += 1
            if interpolation_parens and c == ")":
                if interpolation_parens[-1] == 0:
                    # The end of an interpolation: back into the string it was in.
                    interpolation_parens.pop()
                    hashes, multiline = string_stack.pop()
                    end, line, state = scan_string(i + 1, hashes, multiline, line)
                    i = end
                    if state == "interpolation":
                        string_stack.append((hashes, multiline))
                        interpolation_parens.append(0)
                    continue
                interpolation_parens[-1] -= 1
            tokens.append(Token("punct", c, line))
            i += 1
        else:
            m = OPERATOR.match(source, i)
            if m:
                tokens.append(Token("op", m.group(0), line))
                i = m.end()
            else:
                i += 1  # any other character (`\` in a key path, a stray symbol): not significant here
    if string_stack:
        raise SwiftScanError("unterminated string interpolation at end of file")
    return tokens


class Function:
    __slots__ = ("name", "start_line", "end_line")

    def __init__(self, name, start_line, end_line):
        self.name = name
        self.start_line = start_line
        self.end_line = end_line

    @property
    def lines(self):
        return self.end_line - self.start_line + 1

    def __repr__(self):
        return f"Function({self.name!r}, {self.start_line}-{self.end_line}, {self.lines} lines)"


def functions(source):
    """Every function-like body in the source, with its qualified name (Type.function, Type.init, ...)."""
    tokens = tokenize(source)
    found = []
    # Brace frames: (kind, name, start line, paren depth outside it); kind is "type", "function" or "block".
    frames = []
    paren_depth = 0  # ( and [ nesting, across the whole file
    pending = None  # a declaration waiting for its body: dict(kind, name, line, depth, saw_equals, last_line)

    def scope_names():
        return [frame[1] for frame in frames if frame[0] in ("type", "function")]

    previous = None
    for index, token in enumerate(tokens):
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        text = token.text
        if pending is not None and pending["kind"] == "var" and token.line > pending["last_line"] \
                and not (token.kind == "punct" and text == "{") and paren_depth == pending["depth"]:
            # `var x: Int` then a statement on the next line: a stored property or local without a body.
            if not (previous is not None and (previous.kind == "op" or previous.text in (",", ":", "("))):
                pending = None
        if token.kind == "word" and paren_depth == (pending["depth"] if pending else paren_depth) \
                and text in DECLARATION_BREAKERS and pending is not None:
            pending = None
        is_member_use = previous is not None and previous.kind == "op" and previous.text.endswith(".")
        is_label = following is not None and following.kind == "punct" and following.text == ":" \
            and text in FUNCTION_KEYWORDS
        if token.kind == "word" and not is_member_use and not is_label:
            if text in FUNCTION_KEYWORDS:
                if text == "func":
                    name = following.text if following is not None else "?"
                else:
                    name = text
                pending = dict(kind="function", name=name, line=token.line, depth=paren_depth, last_line=token.line)
            elif text == "var":
                name = following.text if following is not None and following.kind == "word" else None
                if name is not None:
                    pending = dict(kind="var", name=name, line=token.line, depth=paren_depth, last_line=token.line)
            elif text in TYPE_KEYWORDS:
                if text == "class" and following is not None and following.text in CLASS_MODIFIER_FOLLOWERS:
                    pass
                elif following is not None and following.kind == "word":
                    # `extension A.B` is named after its whole dotted type.
                    name = following.text
                    k = index + 2
                    while k + 1 < len(tokens) and tokens[k].text == "." and tokens[k + 1].kind == "word":
                        name += "." + tokens[k + 1].text
                        k += 2
                    pending = dict(kind="type", name=name, line=token.line, depth=paren_depth, last_line=token.line)
        elif token.kind == "punct":
            if text in "([":
                paren_depth += 1
            elif text in ")]":
                paren_depth -= 1
                if pending is not None and paren_depth < pending["depth"]:
                    pending = None  # `case .a(var x)`: the declaration was inside parentheses that just closed
            elif text == ";" and pending is not None and paren_depth == pending["depth"]:
                pending = None
            elif text == "{":
                if pending is not None and paren_depth == pending["depth"]:
                    kind = "type" if pending["kind"] == "type" else "function"
                    frames.append((kind, pending["name"], pending["line"], paren_depth))
                    pending = None
                else:
                    frames.append(("block", None, token.line, paren_depth))
            elif text == "}":
                if not frames:
                    raise SwiftScanError(f"line {token.line}: unbalanced closing brace")
                kind, name, start, _ = frames.pop()
                if kind == "function":
                    found.append(Function(".".join(scope_names() + [name]), start, token.line))
                if pending is not None and paren_depth <= pending["depth"]:
                    pending = None
        elif token.kind == "op" and text == "=" and pending is not None and pending["kind"] == "var" \
                and paren_depth == pending["depth"]:
            pending = None  # `var x = ...`: a stored property or local with an initial value
        if pending is not None:
            pending["last_line"] = token.line
        previous = token
    if frames:
        raise SwiftScanError(f"line {frames[-1][2]}: brace opened here is never closed")
    return sorted(found, key=lambda f: f.start_line)


def line_count(source):
    """Lines as `wc -l` counts them, plus a last line without a newline."""
    return source.count("\n") + (1 if source and not source.endswith("\n") else 0)


def swift_files(paths):
    for path in paths:
        if os.path.isfile(path):
            yield path
            continue
        for directory, subdirectories, names in os.walk(path):
            subdirectories.sort()
            for name in sorted(names):
                if name.endswith(".swift"):
                    yield os.path.join(directory, name)


class SizeException:
    __slots__ = ("path", "function", "max_lines", "reason", "line_number", "used")

    def __init__(self, path, function, max_lines, reason, line_number):
        self.path, self.function, self.max_lines = path, function, max_lines
        self.reason, self.line_number, self.used = reason, line_number, False


def read_exceptions(path):
    """scripts/size-exceptions.txt: `path [Type.function] max-lines # reason`, one a line; a reason is required."""
    exceptions = []
    if not os.path.exists(path):
        return exceptions
    with open(path, encoding="utf-8") as file:
        for number, raw in enumerate(file, 1):
            text = raw.strip()
            if not text or text.startswith("#"):
                continue
            body, _, reason = text.partition("#")
            fields = body.split()
            if len(fields) not in (2, 3) or not fields[-1].isdigit() or not reason.strip():
                raise SystemExit(f"{path}:{number}: expected `path [Type.function] max-lines # reason`, got: {text}")
            function = fields[1] if len(fields) == 3 else None
            exceptions.append(SizeException(fields[0], function, int(fields[-1]), reason.strip(), number))
    return exceptions


def check(paths, exceptions, max_function_lines, max_file_lines, top=0, out=sys.stdout):
    """Prints every size violation; returns the number of problems (violations and stale exceptions)."""
    problems = 0
    every_function = []
    every_file = []

    def excepted(path, function, lines):
        for exception in exceptions:
            if exception.path == path and exception.function == function:
                exception.used = True
                return exception if lines <= exception.max_lines else False
        return None

    for path in swift_files(paths):
        with open(path, encoding="utf-8") as file:
            source = file.read()
        normalized = os.path.normpath(path)
        lines = line_count(source)
        every_file.append((lines, normalized))
        if lines > max_file_lines:
            allowed = excepted(normalized, None, lines)
            if allowed:
                print(f"{normalized}: {lines} lines (allowed up to {allowed.max_lines}: {allowed.reason})", file=out)
            else:
                problems += 1
                print(f"{normalized}: file has {lines} lines, over the limit of {max_file_lines}"
                      + (" and over its exception's cap" if allowed is False else ""), file=out)
        try:
            found = functions(source)
        except SwiftScanError as error:
            problems += 1
            print(f"{normalized}: cannot scan: {error}", file=out)
            continue
        for function in found:
            every_function.append((function.lines, normalized, function.start_line, function.name))
            if function.lines > max_function_lines:
                allowed = excepted(normalized, function.name, function.lines)
                if allowed:
                    print(f"{normalized}:{function.start_line}: {function.name} has {function.lines} lines "
                          f"(allowed up to {allowed.max_lines}: {allowed.reason})", file=out)
                else:
                    problems += 1
                    print(f"{normalized}:{function.start_line}: {function.name} has {function.lines} lines, over the "
                          f"limit of {max_function_lines}" + (" and over its exception's cap" if allowed is False else ""),
                          file=out)
    for exception in exceptions:
        if not exception.used:
            problems += 1
            what = f"{exception.path} {exception.function}" if exception.function else exception.path
            print(f"size-exceptions.txt:{exception.line_number}: stale exception: {what} is no longer over the limit "
                  f"(or no longer exists); delete the line", file=out)
    if top:
        print(f"\nLongest functions (lines, start):", file=out)
        for lines, path, start, name in sorted(every_function, key=lambda f: (-f[0], f[1], f[2]))[:top]:
            print(f"  {lines:4d}  {path}:{start}  {name}", file=out)
        print(f"\nLongest files (lines):", file=out)
        for lines, path in sorted(every_file, key=lambda f: (-f[0], f[1]))[:top]:
            print(f"  {lines:4d}  {path}", file=out)
    return problems


def main(arguments=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", help="files or folders (default: Sources Tests)")
    parser.add_argument("--exceptions", default=DEFAULT_EXCEPTIONS)
    parser.add_argument("--max-function-lines", type=int, default=MAX_FUNCTION_LINES)
    parser.add_argument("--max-file-lines", type=int, default=MAX_FILE_LINES)
    parser.add_argument("--top", type=int, default=0, help="also list the N longest functions and files")
    options = parser.parse_args(arguments)
    # Paths (and the exceptions file's paths) are relative to the repository root, wherever this runs from.
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    given = [os.path.abspath(path) for path in options.paths]
    exceptions_path = os.path.abspath(options.exceptions)
    os.chdir(root)
    paths = [os.path.relpath(path, root) for path in given] or DEFAULT_ROOTS
    options.exceptions = exceptions_path
    exceptions = read_exceptions(options.exceptions)
    if options.paths:
        # Checking a subset: only the exceptions for the files checked can be used.
        checked = {os.path.normpath(p) for p in swift_files(paths)}
        exceptions = [e for e in exceptions if e.path in checked]
    problems = check(paths, exceptions, options.max_function_lines, options.max_file_lines, options.top)
    if problems:
        print(f"check-sizes: {problems} problem(s): split the function or file (style: functions under "
              f"{options.max_function_lines} lines, files under {options.max_file_lines}), or add a justified line to "
              f"scripts/size-exceptions.txt", file=sys.stderr)
        return 1
    print(f"check-sizes: no function over {options.max_function_lines} lines, no file over "
          f"{options.max_file_lines} lines (exceptions: scripts/size-exceptions.txt)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
