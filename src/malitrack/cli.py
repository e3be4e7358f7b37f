"""The ``malitrack`` command: a thin shell over the package's functions.

Errors about input reach the user as ``file:row:column: reason`` lines and a
non-zero exit status, never as a Python traceback (``--debug`` shows one).
Exit status: 0 success, 1 the data has problems, 2 the command could not run.
"""

from __future__ import annotations

import argparse
import sys
import traceback

from malitrack import __version__
from malitrack.errors import MalitrackError


def _cmd_clean(args) -> int:
    from malitrack.clean.run import clean

    result = clean(raw_dir=args.raw, clean_dir=args.out)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(
        f"{result.n_raw} raw claim rows -> {len(result.claims)} clean claims + "
        f"{len(result.quarantine)} quarantined; {len(result.incidents)} incidents; data version {result.version}"
    )
    for path in result.written:
        print(f"  wrote {path}")
    if len(result.quarantine):
        print(f"quarantined rows and their reasons: {args.out or 'data/clean'}/quarantine.csv")
    return 0


def _cmd_validate(args) -> int:
    if not args.paths:
        return _validate_tree(args.raw)
    from malitrack.clean.run import validate_claims_file

    status = 0
    for path in args.paths:
        problems, warnings = validate_claims_file(path)
        for warning in warnings:
            print(f"{warning} (warning)", file=sys.stderr)
        for problem in problems:
            print(problem)
        if problems:
            status = 1
            print(f"{path}: {len(problems)} problem(s)", file=sys.stderr)
        else:
            print(f"{path}: valid", file=sys.stderr)
    return status


def _validate_tree(raw) -> int:
    from malitrack.clean.validate import validate_tree

    report = validate_tree(raw)
    for warning in report.warnings:
        print(f"{warning} (warning)", file=sys.stderr)
    for problem in report.problems:
        print(problem)
    summary = f"{report.n_files} claims file(s), {report.n_rows} rows"
    if report.problems:
        print(f"{len(report.problems)} problem(s) ({summary}); fix them, then run `malitrack validate` again", file=sys.stderr)
        return 1
    print(f"data/raw is valid ({summary}, {len(report.warnings)} warning(s)); next: `make reports`", file=sys.stderr)
    return 0


def _cmd_provenance(args) -> int:
    from malitrack import paths
    from malitrack.clean.provenance import write_provenance

    targets = args.paths or sorted(paths.raw_dir().rglob("*.csv"))
    for path in targets:
        options = {k: v for k, v in (("producer", args.producer), ("licence", args.licence), ("date", args.date),
                                     ("description", args.description)) if v}
        sidecar, changed = write_provenance(path, **options)
        print(f"{'wrote' if changed else 'unchanged'} {sidecar}")
    return 0


def _cmd_report(args) -> int:
    from malitrack.report.build import render_report

    parameters = {}
    for key, value in args.parameter or []:
        parameters[key] = value
    path = render_report(args.name, parameters, force=args.force)
    print(path)
    return 0


def _cmd_build(args) -> int:
    from malitrack.report.build import build

    paths = build(force=args.force, jobs=args.jobs)
    print(f"{len(paths)} report(s) in reports/ (open reports/index.html)")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="malitrack",
        description="Claim-level casualty data on political violence in Mali: clean, validate, report.",
    )
    parser.add_argument("--version", action="version", version=f"malitrack {__version__}")
    parser.add_argument("--debug", action="store_true", help="show a Python traceback on errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("clean", help="data/raw/ -> data/clean/ (CSV, Parquet, quarantine, dictionary, datapackage)",
                       description="Read, correct, validate and parse every raw claim; write data/clean/ atomically.")
    p.add_argument("--raw", default=None, help="raw data folder (default: data/raw of the project)")
    p.add_argument("--out", default=None, help="output folder (default: data/clean of the project)")
    p.set_defaults(run=_cmd_clean)

    p = sub.add_parser("validate", help="check data/raw (or the claims file(s) given); prints file:row:column: reason",
                       description="With no PATH: check the whole raw folder (claims files, corrections, incidents register, "
                       "gazetteer, actor register, provenance sidecars). With PATHs: check those claims files against the "
                       "incidents register. Exit status 1 if any problem is found.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="claims CSV file(s); none = the whole raw folder")
    p.add_argument("--raw", default=None, help="raw data folder to check (default: data/raw of the project)")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("provenance", help="write or refresh the provenance sidecar(s) of raw CSV file(s)",
                       description="Write PATH's sidecar (PATH without .csv + .provenance.json) or refresh its sha256, bytes, "
                       "rows, columns and URL count, keeping what a person wrote. No PATH: every CSV under data/raw.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="raw CSV file(s); none = every CSV under data/raw")
    p.add_argument("--producer", default=None, help="who gathered the rows (new sidecars only)")
    p.add_argument("--licence", default=None, help="licence or terms of the data (new sidecars only)")
    p.add_argument("--date", default=None, help="date the rows were gathered, YYYY-MM-DD (new sidecars only; default today)")
    p.add_argument("--description", default=None, help="what the file holds (new sidecars only)")
    p.set_defaults(run=_cmd_provenance)

    p = sub.add_parser("report", help="run one notebook into reports/NAME.html",
                       description="Validate parameters, run the notebook with papermill, render HTML without code into reports/.")
    p.add_argument("name", metavar="NAME", help="notebook name, e.g. casualty_trends, source_disagreement, incident_profile")
    p.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("KEY", "VALUE"), help="notebook parameter (repeatable)")
    p.add_argument("--force", action="store_true", help="re-render even if nothing changed")
    p.set_defaults(run=_cmd_report)

    p = sub.add_parser("build", help="clean, then render every report and reports/index.html",
                       description="Clean the data, then render every default report and one profile per disputed incident.")
    p.add_argument("--force", action="store_true", help="re-render every report even if nothing changed")
    p.add_argument("--jobs", type=int, default=None, help="parallel notebook runs (default: number of cores)")
    p.set_defaults(run=_cmd_build)
    return parser


def main(argv=None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except MalitrackError as error:
        if args.debug:
            traceback.print_exc()
        print(f"malitrack: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("malitrack: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader of our output went away (`malitrack clean | head -1`): not an error
        sys.stdout = None  # no flush of the closed pipe at exit
        return 0
    except Exception as error:  # a bug, not bad input: still no traceback unless asked
        if args.debug:
            traceback.print_exc()
        else:
            print(f"malitrack: internal error: {type(error).__name__}: {error} (run with --debug for details)", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
