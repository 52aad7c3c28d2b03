"""The ``kg`` command line: parse options, call one library function, print.

Domain errors (``kg.errors.KgError``) become exit codes here and nowhere
else: 1 for a partial failure, 2 for a usage error; no traceback for either.
"""

from __future__ import annotations

import functools
import json
import sys

import click

from kg import __version__
from kg.errors import KgError

STORE_HELP = "Output folder of `kg build` (or its store/ folder)."


def handle_errors(func):
    """Turn ``KgError`` into a one-line message and its exit code."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except KgError as e:
            click.echo(f"kg: error: {e}", err=True)
            sys.exit(e.exit_code)

    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """Knowledge graphs of Korean regional industry-policy news."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--out", default="build", show_default=True, type=click.Path(file_okay=False), help="Output folder.")
@click.option("--base-iri", default=None, help="Namespace of every IRI minted for the build.  [default: https://w3id.org/kgkr/id/]")
@click.option("--workers", default=1, show_default=True, type=int, help="Worker processes for extraction.")
@click.option("--quiet", is_flag=True, help="No progress bar (errors are still printed).")
@handle_errors
def build(paths: tuple[str, ...], out: str, base_iri: str | None, workers: int, quiet: bool) -> None:
    """Build the knowledge graph of PATHS (files or folders; default: the sample corpus).

    Writes kg.trig, store/, annotations/, graph.html and report.json into --out.
    Exit status: 0 all inputs built, 1 some failed (see report.json), 2 usage
    error or nothing readable.
    """
    from kg.ontology import DEFAULT_BASE_IRI
    from kg.pipeline import build as run_build
    from kg.pipeline import stderr_progress

    def on_failure(failure) -> None:
        click.echo(f"kg: {failure.source}: {failure.reason}", err=True)

    result = run_build(paths, out=out, base_iri=base_iri or DEFAULT_BASE_IRI, workers=workers,
                       progress=stderr_progress(quiet), on_failure=on_failure)
    totals = result.report["totals"]
    if not quiet or result.failures:
        click.echo(
            f"built {totals['articles']} articles: {totals['entities']} entities, {totals['relations']} relations, "
            f"{totals['quads']} quads -> {result.out}/ ({totals['failed']} failed)",
            err=True,
        )
    sys.exit(result.exit_code)


@main.command(name="eval")
@click.argument("gold_dir", type=click.Path(path_type=str))
@click.option("--pred", default="build/annotations", show_default=True, help="Folder of predicted annotations.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@handle_errors
def eval_(gold_dir: str, pred: str, as_json: bool) -> None:
    """Score annotations in --pred against the gold files in GOLD_DIR."""
    from kg.evaluate import evaluate, format_evaluation

    result = evaluate(gold_dir, pred)
    click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=1) if as_json else format_evaluation(result))


# Commands of later stages are added below, one block each.
