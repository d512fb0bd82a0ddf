"""Screenshot a scenario's HTML report in headless Chromium: the README's picture.

    python scripts/screenshot.py                      # -> docs/report.png (main example)
    python scripts/screenshot.py scenarios/race-week.yaml --out /tmp/race.png --height 0

Needs Debian's chromium and the test extra (Playwright, which drives it): see the README.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import chromium  # noqa: E402  (this folder holds the Playwright launcher, not a package)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("scenario", nargs="?", default=ROOT / "scenarios" /
                        "half-marathon-build.yaml", type=Path)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--width", type=int, default=1000, help="viewport width in CSS px")
    parser.add_argument("--height", type=int, default=960,
                        help="crop the page to this height (0: the whole page)")
    args = parser.parse_args()

    from runlift import load_scenario, resolve, solve
    from runlift.render.html import solve_report

    problem = resolve(load_scenario(args.scenario))
    html = solve_report(solve(problem), problem)
    with tempfile.TemporaryDirectory() as folder, chromium.launch() as browser, \
            chromium.new_page(browser, args.width, 900) as page:
        report = Path(folder) / "report.html"
        report.write_text(html, encoding="utf-8")
        load = chromium.load(page, report)
        if load.errors or load.foreign_requests:
            print(f"the page misbehaved: {load.errors} {load.foreign_requests}",
                  file=sys.stderr)
            return 1
        png = chromium.screenshot(page, max_height=args.height or None)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(png)
    print(f"wrote {args.out} ({len(png)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
