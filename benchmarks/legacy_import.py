"""The legacy import's reading time grows in step with the page: a ratio, not a time.

    python -m benchmarks.legacy_import [--base-kb 50] [--doublings 4]

Reads pages of the same course with ever more paragraphs, list items and nested sections,
each twice the size of the one before, and reports for every doubling how much longer reading
took. Linear reading gives ratios near 2; quadratic reading would give ratios near 4. The
reference is the smallest page, measured in the same run. A page nested deeper than the
import allows is measured too: it is refused after one pass, however long it is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import time


def _page(kilobytes: int) -> str:
    head = (
        "<html><head><title>Wijkanalyse</title></head><body><h1>Wijkanalyse</h1>"
        "<ul><li>Code: WA-1 | Soort: post-hbo | Plaats: Utrecht</li>"
        "<li>Data: 5 oktober 2026 t/m 14 december 2026</li></ul>"
    )
    block = (
        "<div><h3>Bijeenkomst</h3><p>We lezen de <b>buurt</b> samen met bewoners en "
        "partners; <i>wat</i> zien zij?</p><ul><li>kaart</li><li>gesprek</li></ul></div>"
    )
    count = kilobytes * 1000 // len(block)
    return head + block * count + "</body></html>"


def _seconds(read, html: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        read(html)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-kb", type=int, default=50)
    parser.add_argument("--doublings", type=int, default=4)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
    import django

    django.setup()
    from courses.legacy_import.pages import MAX_PAGE_BYTES, page_refusal, read_course_pages

    today = dt.date.today()

    def read(html: str) -> None:
        if not page_refusal(html.encode()):
            read_course_pages(html, "pagina.html", today=today)

    print("| page | seconds | ratio to the page half its size |")
    print("|---:|---:|---:|")
    previous = None
    for step in range(args.doublings + 1):
        kilobytes = args.base_kb * 2**step
        seconds = _seconds(read, _page(kilobytes))
        ratio = f"{seconds / previous:.2f}" if previous else "reference"
        print(f"| {kilobytes} kB | {seconds:.3f} | {ratio} |")
        previous = seconds
    deep = MAX_PAGE_BYTES // len("<div></div>") - 10  # as deep as a page may be large
    nested = "<html><body>" + "<div>" * deep + "x" + "</div>" * deep + "</body></html>"
    seconds = _seconds(read, nested)
    print(f"\n{deep:,} nested elements ({len(nested) // 1000} kB): refused in {seconds:.3f} s")


if __name__ == "__main__":
    main()
