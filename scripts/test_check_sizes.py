#!/usr/bin/env python3
"""Tests of scripts/check-sizes.py on the Swift that could fool a brace counter (CI: `python3 scripts/test_check_sizes.py`).

Each expected span is read off the snippet by hand: the line of the keyword to the line of the closing brace."""
import importlib.util
import io
import os
import tempfile
import textwrap
import unittest

_here = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("check_sizes", os.path.join(_here, "check-sizes.py"))
check_sizes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_sizes)


def spans(swift):
    """{qualified name: (first line, last line)} of every function in a snippet (first line of the snippet = 1)."""
    found = check_sizes.functions(textwrap.dedent(swift).lstrip("\n"))
    return {function.name: (function.start_line, function.end_line) for function in found}


class ScannerTests(unittest.TestCase):
    def test_braces_inside_strings_and_comments_do_not_count(self):
        self.assertEqual(spans('''
            func a() {
                let open = "{ {"  // }
                /* } nested /* } */ still a comment } */
                let close = "}\\"}"
            }
            func b() { }
        '''), {"a": (1, 5), "b": (6, 6)})

    def test_interpolation_holding_a_closure_and_a_string(self):
        self.assertEqual(spans('''
            func render(_ items: [String]) -> String {
                return "\\(items.map { "<\\($0)>" }.joined(separator: "}"))) {"
            }
        '''), {"render": (1, 3)})

    def test_raw_strings_and_raw_interpolation(self):
        self.assertEqual(spans('''
            func json(_ n: Int) -> String {
                let empty = #""""#
                let brace = #"{ "a": "}" }"#
                return #"{ "name": "r\\#(n)", "x": "\\(not interpolated" }"#
            }
        '''), {"json": (1, 5)})

    def test_multiline_string_with_braces_quotes_and_interpolation(self):
        self.assertEqual(spans('''
            func page(title: String) -> String {
                """
                <style> body { margin: 0 } </style>
                "quoted" and "" and \\""" and }}}
                \\(title.isEmpty ? "{" : """
                    nested }
                    """)
                """
            }
            func after() {}
        '''), {"page": (1, 9), "after": (10, 10)})

    def test_types_inits_subscripts_computed_properties_and_nested_functions(self):
        self.assertEqual(spans('''
            struct Ring<T> where T: Equatable {
                var storage: [T] = []
                var count: Int {
                    storage.count
                }
                var observed: Int = 0 {
                    didSet { print(oldValue) }
                }
                init?(capacity: Int) {
                    guard capacity > 0 else { return nil }
                }
                subscript(index: Int) -> T {
                    get { storage[index] }
                    set { storage[index] = newValue }
                }
                mutating func sort() {
                    func less(_ a: T, _ b: T) -> Bool {
                        false
                    }
                    storage.sort(by: less)
                }
                deinit {}
            }
            extension Ring.Index {
                static func == (lhs: Self, rhs: Self) -> Bool { true }
            }
        '''), {"Ring.count": (3, 5), "Ring.init": (9, 11), "Ring.subscript": (12, 15), "Ring.sort.less": (17, 19),
               "Ring.sort": (16, 21), "Ring.deinit": (22, 22), "Ring.Index.==": (25, 25)})

    def test_uses_of_init_are_not_declarations(self):
        self.assertEqual(spans('''
            final class Box {
                convenience init() {
                    self.init(value: .init(0))
                    let b = Box.init(value: 1)
                    super.init()
                }
            }
        '''), {"Box.init": (2, 6)})

    def test_bodiless_declarations_do_not_capture_the_next_brace(self):
        self.assertEqual(spans('''
            protocol Checking {
                func violations() -> [String]
                var name: String { get }
            }
            func local() {
                var total: Int
                if Bool.random() { total = 1 } else { total = 2 }
                for var x in [1] { x += total }
                let handler: (Int) -> Void = { value in print(value) }
            }
            class Base {
                class func make() -> Base { Base() }
            }
        '''), {"Checking.name": (3, 3), "local": (5, 10), "Base.make": (12, 12)})

    def test_closure_in_a_default_argument_belongs_to_the_signature(self):
        self.assertEqual(spans('''
            func run(
                then completion: () -> Void = { },
                log: (String) -> Void = { print($0) }
            ) throws -> Int {
                0
            }
        '''), {"run": (1, 6)})

    def test_keywords_in_comments_and_strings_are_ignored(self):
        self.assertEqual(spans('''
            // func fake() {
            let text = "func alsoFake() {"
            /* init() { */
            func real() {}
        '''), {"real": (4, 4)})

    def test_unbalanced_source_is_reported_not_miscounted(self):
        with self.assertRaises(check_sizes.SwiftScanError):
            check_sizes.functions('func a() {\n let s = "unterminated\n}\n')
        with self.assertRaises(check_sizes.SwiftScanError):
            check_sizes.functions("func a() {\n")

    def test_line_count_matches_wc(self):
        self.assertEqual(check_sizes.line_count("a\nb\n"), 2)
        self.assertEqual(check_sizes.line_count("a\nb"), 2)
        self.assertEqual(check_sizes.line_count(""), 0)


class LimitTests(unittest.TestCase):
    """The limits and the exceptions file, on a temporary tree: a 72-line function, a 5-line one, a 402-line file."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        root = self.directory.name
        self.long_path = os.path.join(root, "Long.swift")
        with open(self.long_path, "w") as file:  # `func long` spans lines 2..73: 72 lines
            file.write("struct S {\n    func long() {\n" + "        step()\n" * 70 + "    }\n    func short() {\n"
                       + "        step()\n" * 3 + "    }\n}\n")
        self.big_path = os.path.join(root, "Big.swift")
        with open(self.big_path, "w") as file:
            file.write("let x = 1\n" * 402)

    def tearDown(self):
        self.directory.cleanup()

    def run_check(self, exceptions):
        out = io.StringIO()
        problems = check_sizes.check([self.directory.name], exceptions, 70, 400, out=out)
        return problems, out.getvalue()

    def exception(self, path, function, max_lines):
        return check_sizes.SizeException(os.path.normpath(path), function, max_lines, "test", 1)

    def test_without_exceptions_both_are_reported(self):
        problems, text = self.run_check([])
        self.assertEqual(problems, 2)
        self.assertIn("S.long has 72 lines", text)
        self.assertIn("file has 402 lines", text)
        self.assertNotIn("S.short", text)

    def test_exceptions_allow_up_to_their_cap(self):
        problems, _ = self.run_check([self.exception(self.long_path, "S.long", 72),
                                      self.exception(self.big_path, None, 410)])
        self.assertEqual(problems, 0)

    def test_growing_past_the_cap_fails(self):
        problems, text = self.run_check([self.exception(self.long_path, "S.long", 71),
                                         self.exception(self.big_path, None, 410)])
        self.assertEqual(problems, 1)
        self.assertIn("over its exception's cap", text)

    def test_a_stale_exception_fails(self):
        problems, text = self.run_check([self.exception(self.long_path, "S.long", 72),
                                         self.exception(self.big_path, None, 410),
                                         self.exception(self.long_path, "S.short", 80)])
        self.assertEqual(problems, 1)
        self.assertIn("stale exception", text)

    def test_the_checked_in_exceptions_file_parses(self):
        for exception in check_sizes.read_exceptions(check_sizes.DEFAULT_EXCEPTIONS):
            self.assertTrue(exception.reason)
            self.assertGreater(exception.max_lines, 0)


if __name__ == "__main__":
    unittest.main()
