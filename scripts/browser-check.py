#!/usr/bin/env python3
"""Opens the committed HTML reports in a real browser (the system Chromium, driven by the Python `playwright`
package that scripts/install-browser-test-tools.sh pins) and fails when a reader would see something wrong:

* every explore page in reports/ (one per line of scripts/explore-grids.txt): loaded from file:// with nothing
  fetched and no script error; every control moved through all its values (run A's with the mouse-free APIs a
  user's pick amounts to, run B's with the keyboard: arrow keys on sliders and lists); after each move the
  figures shown (run's list, the A/B table, the table of all runs) must equal the `shardsim sweep --format json`
  output for that point, run with the same arguments; a screenshot of the page and of every chart shown must
  have ink (a blank chart fails);
* a run report (default reports/three-consumers-classic-fan-out.html): at least 4 charts, each drawn.

    scripts/browser-check.py [--binary PATH] [--shots DIR] [--run-report REPORT.html] [--only NAME]...

Exit 0 when all pass; prints each check, its failures, and the wall time.
"""
import argparse, json, os, re, shlex, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import png_ink  # noqa: E402  (the page-has-ink test CI already used, as a function)

CHROMIUM = "/usr/bin/chromium"


def explore_grids():
    """(name, arguments) per line of scripts/explore-grids.txt, as generate-reports.sh reads it."""
    grids = []
    with open(os.path.join(HERE, "explore-grids.txt")) as listing:
        for line in listing:
            words = line.split()
            if words and not words[0].startswith("#"):
                grids.append((words[0], words[1:]))
    return grids


def sweep(binary, name, arguments):
    """The sweep JSON for the same grid: axes and the rows in grid order."""
    command = [binary, "sweep", os.path.join(ROOT, "scenarios", name + ".json"), *arguments, "--format", "json"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    document = json.loads(output)
    return document["axes"], document["rows"]


def displayed_value(key, text):
    """The number (or verdict) a printed figure says, and how far from the exact value its rounding allows."""
    text = text.strip()
    if key == "sloMet":
        return {"met": True, "NOT met": False, "no SLO": None}[text], 0
    scale = 1.0
    if key == "writeThrottledFraction":
        assert text.endswith("%"), text
        text, scale = text[:-1], 0.01
    elif key == "monthlyTotal":
        assert text.startswith("$"), text
        text = text[1:]
    elif key in ("putLatencyP99Ms", "maxIteratorAgeMs"):
        number, unit = text.split(" ")
        text, scale = number, {"ms": 1.0, "s": 1000.0}[unit]
    number = text.replace(",", "")
    places = len(number.split(".")[1]) if "." in number else 0
    return float(number) * scale, 0.5 * 10 ** -places * scale + 1e-9


def figure_problems(where, shown, row):
    """Compares (key, exact JSON text, printed text) triples against a sweep JSON row."""
    problems = []
    for key, exact, text in shown:
        expected = row[key]
        if json.loads(exact) != expected:
            problems.append(f"{where}: {key} carries {exact}, sweep says {expected}")
        value, tolerance = displayed_value(key, text)
        if isinstance(expected, bool) or expected is None or value is None:
            if value != expected:
                problems.append(f"{where}: {key} shows '{text}', sweep says {expected}")
        elif abs(value - expected) > tolerance:
            problems.append(f"{where}: {key} shows '{text}', sweep says {expected}")
    if [key for key, _, _ in shown] != FIGURES:
        problems.append(f"{where}: figures shown {[key for key, _, _ in shown]}, expected all of {FIGURES}")
    return problems


FIGURES = ["shardCountEnd", "writeThrottledFraction", "recordsFailed", "putLatencyP99Ms", "maxIteratorAgeMs",
           "monthlyTotal", "sloMet"]


def point_of(digits, axes_sizes):
    """Grid index of per-axis value indices, first axis slowest (as sweep orders its rows)."""
    index = 0
    for digit, size in zip(digits, axes_sizes):
        index = index * size + digit
    return index


class ExplorePage:
    def __init__(self, page, name, axes, rows):
        self.page, self.name, self.axes, self.rows = page, name, axes, rows
        self.sizes = [len({row[axis] for row in rows}) for axis in axes]
        self.problems = []
        self.checks = 0

    def controls(self, side):
        return [self.page.locator(f"#{side}-axis-{index}") for index in range(len(self.axes))]

    def kind(self, control):
        return control.evaluate("element => element.tagName === 'SELECT' ? 'select' : element.type")

    def verify(self, side, digits):
        """What side `side` shows must be sweep's row for the point `digits` picks."""
        self.checks += 1
        row = self.rows[point_of(digits, self.sizes)]
        where = f"{self.name} run {side.upper()} at " + ", ".join(f"{axis}={row[axis]}" for axis in self.axes)
        shown = self.page.eval_on_selector_all(
            f"#side-{side} .shown [data-figure]",
            "cells => cells.map(cell => [cell.dataset.figure, cell.dataset.value, cell.textContent])")
        self.problems += figure_problems(where, shown, row)
        for key, _, text in shown:
            table = self.page.text_content(f"#compare-{side}-{key}")
            if table != text:
                self.problems.append(f"{where}: the A/B table shows {key} '{table}', the run shows '{text}'")
        status = self.page.text_content(f"#status-{side}")
        for axis in self.axes:
            if f"{axis} = {row[axis]}" not in status:
                self.problems.append(f"{where}: the heading '{status}' does not name {axis} = {row[axis]}")
        marks = self.page.eval_on_selector_all(
            "#all-runs tbody tr", "rows => rows.map(row => row.querySelector('.shown-as').textContent)")
        if side.upper() not in marks[row["point"]].split():
            self.problems.append(f"{where}: the table of all runs does not mark this run as {side.upper()}")

    def walk_with_picks(self, side):
        """Every point of the grid, setting each control as a user picks a value: lists by choosing an option,
        sliders by Home then the right-arrow key (a slider has no other way to pick but dragging)."""
        controls = self.controls(side)
        for point in range(len(self.rows)):
            digits, rest = [], point
            for size in reversed(self.sizes):
                digits.insert(0, rest % size)
                rest //= size
            for control, digit in zip(controls, digits):
                if self.kind(control) == "select":
                    control.select_option(value=str(digit))
                else:
                    control.focus()
                    control.press("Home")
                    for _ in range(digit):
                        control.press("ArrowRight")
            self.verify(side, digits)

    def walk_with_keyboard(self, side):
        """Each control through all its values with the keyboard only: reached with Tab from the side's first
        control, then moved with the arrow keys (down on a list, right on a slider)."""
        controls = self.controls(side)
        for index, control in enumerate(controls):
            for other in controls:
                if self.kind(other) == "select":
                    other.select_option(value="0")
                else:
                    other.focus()
                    other.press("Home")
            digits = [0] * len(controls)
            self.verify(side, digits)
            controls[0].focus()
            for _ in range(index):
                self.page.keyboard.press("Tab")
            focused = self.page.evaluate("document.activeElement.id")
            if focused != f"{side}-axis-{index}":
                self.problems.append(f"{self.name}: Tab reached '{focused}', not the control for {self.axes[index]}")
                continue
            key = "ArrowDown" if self.kind(control) == "select" else "ArrowRight"
            for value in range(1, self.sizes[index]):
                self.page.keyboard.press(key)
                digits[index] = value
                self.verify(side, digits)

    def check_all_runs_table(self):
        """The table of all runs, row by row, against sweep (every point, whatever the controls show)."""
        cells = self.page.eval_on_selector_all(
            "#all-runs tbody tr", "rows => rows.map(row => Array.from(row.cells).map(cell => cell.textContent))")
        if len(cells) != len(self.rows):
            self.problems.append(f"{self.name}: the table of all runs has {len(cells)} rows, sweep {len(self.rows)}")
        for row, texts in zip(self.rows, cells):
            values, figures = texts[1:1 + len(self.axes)], texts[1 + len(self.axes):]
            if values != [row[axis] for axis in self.axes]:
                self.problems.append(f"{self.name}: table row {row['point']} is {values}")
            shown = []
            for key, text in zip(FIGURES, figures):
                exact = json.dumps(row[key])  # the table prints no exact value; check the printed one only
                shown.append((key, exact, text))
            self.problems += figure_problems(f"{self.name} table row {row['point']}", shown, row)


def chart_problems(page, selector, where, shots, stem):
    """Screenshots every chart `selector` finds and fails those with no drawn data (no coloured ink)."""
    problems = []
    charts = page.locator(selector)
    for index in range(charts.count()):
        path = os.path.join(shots, f"{stem}-chart-{index}.png")
        charts.nth(index).screenshot(path=path)
        width, height, coloured, dark = png_ink.ink(path, upper_fraction=1)
        if coloured < 30 or dark < 100:
            title = charts.nth(index).evaluate("svg => (svg.querySelector('title') || {}).textContent || ''")
            problems.append(f"{where}: chart {index} '{title}' looks blank ({coloured} coloured, {dark} dark samples)")
    return problems, charts.count()


def open_page(browser, path, viewport):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    fetched, errors = [], []
    page.on("request", lambda request: fetched.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.goto("file://" + os.path.abspath(path))
    return context, page, fetched, errors


def check_explore(browser, binary, name, arguments, shots):
    path = os.path.join(ROOT, "reports", name + ".explore.html")
    axes, rows = sweep(binary, name, arguments)
    context, page, fetched, errors = open_page(browser, path, {"width": 1600, "height": 1200})
    checker = ExplorePage(page, name, axes, rows)
    checker.check_all_runs_table()
    checker.walk_with_picks("a")
    checker.walk_with_keyboard("b")
    # Leave A on the first run and B on the last for the screenshot (the page's opening view).
    for side, digit in (("a", lambda size: 0), ("b", lambda size: size - 1)):
        for control, size in zip(checker.controls(side), checker.sizes):
            if checker.kind(control) == "select":
                control.select_option(value=str(digit(size)))
            else:
                control.focus()
                control.press("Home" if digit(size) == 0 else "End")
    shot = os.path.join(shots, name + ".explore.png")
    page.screenshot(path=shot, full_page=True)
    width, height, coloured, dark = png_ink.ink(shot)
    problems = checker.problems
    if coloured < 2000 or dark < 2000:
        problems.append(f"{name}: the page looks blank ({coloured} coloured, {dark} dark samples)")
    more, charts = chart_problems(page, ".side .shown svg", name, shots, name + ".explore")
    problems += more
    if charts < 4:
        problems.append(f"{name}: runs A and B show {charts} charts; expected at least 2 each")
    problems += [f"{name}: fetched {url}" for url in fetched if not url.startswith(("file:", "data:"))]
    problems += [f"{name}: script error: {error}" for error in errors]
    context.close()
    print(f"{name}.explore.html: {len(rows)} runs, {checker.checks} control positions checked against sweep, "
          f"{charts} charts drawn, screenshot {shot} ({width}x{height})")
    return problems


def check_run_report(browser, report, shots):
    """What scripts/check-html-render.sh did: the run report renders with at least 4 charts, none blank."""
    context, page, fetched, errors = open_page(browser, report, {"width": 1000, "height": 2400})
    stem = os.path.basename(report).removesuffix(".html")
    shot = os.path.join(shots, stem + ".png")
    page.screenshot(path=shot)
    width, height, coloured, dark = png_ink.ink(shot)
    problems = []
    if coloured < 2000 or dark < 2000:
        problems.append(f"{report}: the page looks blank ({coloured} coloured, {dark} dark samples)")
    more, charts = chart_problems(page, "figure > svg", report, shots, stem)
    problems += more
    if charts < 4:
        problems.append(f"{report}: expected at least 4 charts, found {charts}")
    problems += [f"{report}: fetched {url}" for url in fetched if not url.startswith(("file:", "data:"))]
    problems += [f"{report}: script error: {error}" for error in errors]
    context.close()
    print(f"{os.path.relpath(report, ROOT)}: {charts} charts drawn, screenshot {shot} ({width}x{height})")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", help="shardsim to run sweep with (default: swift build --show-bin-path)/shardsim")
    parser.add_argument("--shots", help="folder for the screenshots (default: a new temporary folder)")
    parser.add_argument("--only", action="append", help="check only this explore page (NAME, repeatable)")
    parser.add_argument("--run-report", default=os.path.join(ROOT, "reports", "three-consumers-classic-fan-out.html"))
    options = parser.parse_args()
    started = time.monotonic()
    binary = options.binary or os.path.join(
        subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True, capture_output=True,
                       text=True).stdout.strip(), "shardsim")
    shots = options.shots or tempfile.mkdtemp(prefix="shardsim-browser-")
    os.makedirs(shots, exist_ok=True)
    from playwright.sync_api import sync_playwright
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        print(f"browser: Chromium {browser.version} at {CHROMIUM}")
        problems += check_run_report(browser, options.run_report, shots)
        for name, arguments in explore_grids():
            if options.only and name not in options.only:
                continue
            problems += check_explore(browser, binary, name, arguments, shots)
        browser.close()
    for problem in problems:
        print("FAIL " + problem, file=sys.stderr)
    print(f"browser check: {len(problems)} problems, {time.monotonic() - started:.1f} s")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
