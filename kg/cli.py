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
@click.option("--force", is_flag=True,
              help="Write into --out even if it holds files kg build did not write (its outputs are replaced).")
@click.option("--model", "model_dir", default=None, type=click.Path(file_okay=False, path_type=str),
              help="Folder of a trained extraction model (`kg train`).  [default: the model shipped with kg]")
@click.option("--rules-only", is_flag=True, help="Extract with the hand-written rules alone, no trained model.")
@click.option("--full", is_flag=True,
              help="Extract every article again, even those an earlier build into --out extracted unchanged.")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Extract on the Dask cluster of this scheduler (tcp://host:8786; needs kg[cluster]) "
                   "instead of --workers local processes.")
@handle_errors
def build(paths: tuple[str, ...], out: str, base_iri: str | None, workers: int, quiet: bool, force: bool,
          model_dir: str | None, rules_only: bool, full: bool, scheduler: str | None) -> None:
    """Build the knowledge graph of PATHS (files or folders; default: the sample corpus).

    Writes kg.trig, store/, annotations/, graph.html and report.json into --out,
    a new or empty folder, or one kg build wrote before (see --force). Into a
    folder of an earlier build, only new or changed articles are extracted
    (report.json says which were reused); the graph is a clean build's. Exit status: 0 all inputs built, 1 some failed (see report.json), 2 usage
    error or nothing readable.
    """
    from kg.errors import UsageError
    from kg.pipeline import DEFAULT_MODEL

    if rules_only and model_dir:
        raise UsageError("--model and --rules-only exclude each other")
    from kg.rdf.iris import DEFAULT_BASE_IRI
    from kg.pipeline import build as run_build
    from kg.pipeline import stderr_progress

    def on_failure(failure) -> None:
        click.echo(f"kg: {failure.source}: {failure.reason}", err=True)

    model = None if rules_only else (model_dir or DEFAULT_MODEL)
    with stderr_progress(quiet) as progress:
        result = run_build(paths, out=out, base_iri=base_iri or DEFAULT_BASE_IRI, workers=workers,
                           progress=progress, on_failure=on_failure, force=force, model=model, full=full,
                           scheduler=scheduler)
    totals = result.report["totals"]
    if not quiet or result.failures:
        click.echo(
            f"built {totals['articles']} articles: {totals['entities']} entities, {totals['relations']} relations, "
            f"{totals['quads']} quads -> {result.out}/ ({totals['failed']} failed)",
            err=True,
        )
    validation = result.report.get("validation", {})
    if validation.get("conforms") is False:  # the build stands; the graph needs a look
        click.echo(f"kg: the graph does not conform to the shapes ({validation['violations']} violations); "
                   f"run `kg validate --store {result.out}`", err=True)
    sys.exit(result.exit_code)


@main.command(name="eval")
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--pred", default=None, help="Folder of predicted annotations.  [default: build/annotations]")
@click.option("--cv", "folds", default=None, type=click.IntRange(min=2), metavar="K",
              help="K-fold cross-validation by article: train on K-1 folds, score the held fold (needs --corpus).")
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(path_type=str),
              help="With --cv: folders of the articles the gold files annotate (repeatable).")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="With --cv: training config.  [default: kg/train/config.cfg]")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@handle_errors
def eval_(gold_dirs: tuple[str, ...], pred: str | None, folds: int | None, corpus_dirs: tuple[str, ...],
          config_path: str | None, as_json: bool) -> None:
    """Score annotations in --pred against the gold files in GOLD_DIRS, or cross-validate (--cv K).

    With --cv, every gold article of the --corpus folders is predicted by a
    model trained without it (articles of one story stay in one fold): the
    figure to expect on new articles.
    """
    from kg.errors import UsageError
    from kg.evaluate import evaluate, format_evaluation
    from kg.store.build_dir import BuildDir

    if folds is not None:
        from kg.train import evaluate_cv

        if not corpus_dirs:
            raise UsageError("--cv needs --corpus: the folders of the articles the gold files annotate")
        if pred:
            raise UsageError("--cv trains and predicts itself: leave out --pred")
        result = evaluate_cv(gold_dirs, corpus_dirs, folds, config_path, progress=_note(as_json))
    else:
        if corpus_dirs or config_path:
            raise UsageError("--corpus and --config go with --cv")
        result = evaluate(gold_dirs, pred or BuildDir("build").annotations)
    click.echo(json.dumps(result.as_dict(), ensure_ascii=False, indent=1) if as_json else format_evaluation(result))


def _note(quiet: bool):
    """A progress callback that prints one line per step on stderr."""
    return None if quiet else (lambda message: click.echo(f"kg: {message}", err=True))


@main.command()
@click.argument("gold_dirs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--corpus", "corpus_dirs", multiple=True, required=True, type=click.Path(path_type=str),
              help="Folders of the articles the gold files annotate (repeatable).")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=str), help="Model folder to write.")
@click.option("--config", "config_path", default=None, type=click.Path(dir_okay=False, path_type=str),
              help="Training config.  [default: kg/train/config.cfg]")
@click.option("--quiet", is_flag=True, help="No progress lines.")
@handle_errors
def train(gold_dirs: tuple[str, ...], corpus_dirs: tuple[str, ...], out: str, config_path: str | None, quiet: bool) -> None:
    """Train an extraction model on the gold files in GOLD_DIRS and write it to --out.

    Gold files are in the format of the annotations a build writes; `kg build
    --model OUT` uses the model. Scores on the training articles go into
    OUT/scores.json (`kg eval --cv` says how a model does on new articles).
    """
    from kg.train import train as run_train

    scores = run_train(gold_dirs, corpus_dirs, out, config_path, progress=_note(quiet))
    on_train = scores["on_training_articles"]
    click.echo(f"trained on {scores['articles']} articles -> {out}/ (on those articles: entity F1 "
               f"{on_train['entities']['f1']:.3f}, relation F1 {on_train['relations']['f1']:.3f})", err=True)


# Commands of later stages are added below, one block each.


@main.command()
@click.option("--store", "store_dir", default="build", show_default=True, help=STORE_HELP)
@click.option("--focus", default=None, help="Show only the neighbourhood of this entity (name or alias).")
@click.option("--depth", default=1, show_default=True, type=int, help="Hops around --focus.")
@click.option("--year", default=None, type=int, help="The network as of this year (facts dated then or before).")
@click.option("--out", default="viz.html", show_default=True, type=click.Path(dir_okay=False), help="HTML file to write.")
@handle_errors
def viz(store_dir: str, focus: str | None, depth: int, year: int | None, out: str) -> None:
    """Write an interactive network viewer (one self-contained HTML file) from a build's store."""
    from kg.render.viewer import render_build

    click.echo(str(render_build(store_dir, out, focus=focus, depth=depth, year=year)))


@main.command()
@click.option("--store", "store_dir", default="build", show_default=True, help=STORE_HELP)
@click.option("--format", "fmt", default="csv", show_default=True, type=click.Choice(["csv", "json"]), help="Output format.")
@click.option("--year", default=None, type=int, help="Measure the network as of this year.")
@click.option("--out", default=None, type=click.Path(dir_okay=False), help="Write to this file instead of stdout.")
@handle_errors
def network(store_dir: str, fmt: str, year: int | None, out: str | None) -> None:
    """Print each entity's degree, centralities, community and component, as CSV or JSON."""
    from kg.graph.analytics import network_table

    text = network_table(store_dir, fmt, year=year)
    if out:
        with open(out, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text, nl=False)


@main.command()
@click.option("--store", "store_dir", default="build", show_default=True, help=STORE_HELP)
@click.option("--limit", default=20, show_default=True, type=int, help="How many violations to list one by one.")
@handle_errors
def validate(store_dir: str, limit: int) -> None:
    """Check a build against the SHACL shapes (ontology/shapes.ttl) and the sentence offsets.

    Exit status: 0 the graph conforms (warnings are listed), 1 it does not.
    """
    from kg.errors import ValidationError
    from kg.validate.build import validate_build
    from kg.validate.report import format_report

    report = validate_build(store_dir)
    text = format_report(report, limit=limit)
    if not report.conforms:
        raise ValidationError(text)
    click.echo(text)


@main.command()
@click.option("--store", "store_dir", default="build", show_default=True, help=STORE_HELP)
@click.option("--format", "fmt", default="trig", show_default=True,
              type=click.Choice(["trig", "turtle", "nquads", "jsonld", "graphml", "gexf", "csv"]),
              help="RDF (trig, turtle = union of graphs, nquads, jsonld), network (graphml, gexf) or csv tables.")
@click.option("--out", default=None, type=click.Path(path_type=str),
              help="File to write (a folder for csv).  [default: <store>/export/kg.<format>, <store>/export/csv/]")
@handle_errors
def export(store_dir: str, fmt: str, out: str | None) -> None:
    """Export a build's graph; print the paths written."""
    from kg.export.formats import export as run_export

    for path in run_export(store_dir, fmt, out):
        click.echo(str(path))


def _params(values: tuple[str, ...]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint="--param")
        out.setdefault(name, []).append(value)
    return out


@main.command(name="query")
@click.argument("sparql", required=False)
@click.option("--saved", default=None, metavar="NAME", help="Run a saved query (ontology/queries/NAME.rq); see --list.")
@click.option("--list", "list_saved", is_flag=True, help="List the saved queries: name, question, parameters.")
@click.option("--store", "store_dir", default="build", show_default=True,
              help=STORE_HELP + " Or the http(s) URL of a SPARQL endpoint (e.g. a server `kg push` filled).")
@click.option("--format", "fmt", default="table", show_default=True, type=click.Choice(["table", "csv", "tsv", "json"]),
              help="table (text), csv/tsv/json (SPARQL 1.1 result formats; JSON-LD for CONSTRUCT/DESCRIBE).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to VALUE (repeatable). <...> is an IRI, anything else a string; saved queries convert dates.")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1), help="Row cap (the rest is cut; a note says so).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds before the query is stopped.")
@handle_errors
def query_(sparql: str | None, saved: str | None, list_saved: bool, store_dir: str, fmt: str, params: tuple[str, ...],
           max_rows: int, timeout: float) -> None:
    """Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a build's store.

    SPARQL is the query text or a FILE.rq. Common prefixes (rdf, rdfs, xsd, skos, org,
    schema, prov, dcterms, foaf, time, nif, kg, kgid) are predeclared; without FROM the
    default graph is the union of all graphs. Exit status: 0 answered, 2 syntax error,
    refused query, timeout, or no store.
    """
    from kg.errors import UsageError
    from kg.sparql.results import GRAPH, SELECT, format_table
    from kg.sparql.run import query
    from kg.sparql.saved import saved_queries, saved_query
    from kg.rdf.namespaces import PREFIXES

    if list_saved:
        for q in saved_queries().values():
            args = " ".join(f"--param {p.name}={p.example}" + ("" if p.required else " (optional)") for p in q.params)
            click.echo(f"{q.name}: {q.title}\n  {q.question_ko}\n  {q.question_en}\n  kg query --saved {q.name} {args}".rstrip())
        return
    if (sparql is None) == (saved is None):
        raise UsageError("give a query (text or FILE.rq) or --saved NAME, not both (kg query --list shows saved queries)")
    results = query(saved_query(saved) if saved else sparql, store_dir, params=_params(params), limit=max_rows,
                    timeout=timeout)
    if fmt == "table":
        click.echo(results.serialize("turtle").decode("utf-8") if results.kind == GRAPH else format_table(results, PREFIXES))
    else:
        out = results.serialize("json-ld" if results.kind == GRAPH and fmt == "json" else fmt)
        click.echo(out.decode("utf-8"), nl=False)
    if results.truncated:
        click.echo(f"kg: only the first {max_rows} rows are shown (--max-rows)", err=True)
    if fmt == "table" and results.kind == SELECT:  # ASK: the answer alone, for scripts
        click.echo(f"{len(results)} rows in {results.elapsed * 1000:.0f} ms", err=True)


@main.command()
@click.option("--store", "store_dir", default="build", show_default=True, help=STORE_HELP)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. 127.0.0.1 keeps the endpoint to this machine: it has no "
                   "authentication, and queries cost CPU. Use 0.0.0.0 only behind a proxy you trust.")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="TCP port (0: any free port).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds before a query is stopped, parsing included (its process is killed and replaced).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(min=1), help="Row cap per answer.")
@click.option("--max-bytes", default=64, show_default=True, type=click.IntRange(min=1),
              help="Cap on the size of an answer, in MB (rows past it are cut; a header says so).")
@click.option("--max-memory", default=2048, show_default=True, type=click.IntRange(min=512),
              help="Memory limit (address space) of each query process, in MB (a query past it is stopped).")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(min=1),
              help="Query processes that run any query for up to --timeout.")
@click.option("--reserve", default=2, show_default=True, type=click.IntRange(min=0),
              help="More query processes, used only while all --workers are busy, for short queries.")
@click.option("--reserve-timeout", default=1.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds a query may run on a reserve process.")
@click.option("--allow-host", "allowed_hosts", multiple=True, metavar="NAME",
              help="A host name clients may use to reach the server (repeatable); IP addresses and localhost "
                   "always work. Other names are refused, against DNS rebinding.")
@click.option("--idle-timeout", default=30.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds before an idle connection is closed.")
@click.option("--open", "open_browser", is_flag=True,
              help="Open the query UI in a web browser once the server is up (the BROWSER variable picks which).")
@handle_errors
def serve(store_dir: str, host: str, port: int, timeout: float, max_rows: int, max_bytes: int, max_memory: int,
          workers: int, reserve: int, reserve_timeout: float, allowed_hosts: tuple[str, ...],
          idle_timeout: float, open_browser: bool) -> None:
    """Serve a build read-only: SPARQL 1.1 Protocol at /sparql, a query UI at /.

    Prints the addresses of the query UI, the endpoint, the search and the
    network viewer. Updates, SERVICE, LOAD and FROM outside the build are
    refused (HTTP 400/403); queries run in processes without a network. See SECURITY.md.
    The first start on a build reads the store into the catalogue that search
    and the timeline answer from (seconds at a million quads) and saves it
    beside the store as catalogue.sqlite; later starts load that file.
    """
    from kg.serve.app import make_app, start_urls
    from kg.serve.app import serve as run_server
    from kg.sparql.pool import Limits

    limits = Limits(timeout, max_rows, max_bytes * 1024**2, max_memory * 1024**2)
    app = make_app(store_dir, limits, workers, reserve, reserve_timeout, allowed_hosts)

    def ready(url: str) -> None:
        click.echo(f"kg: serving {url} (Ctrl+C stops it)", err=True)
        for what, link in start_urls(app, url).items():
            click.echo(f"  {what + ':':17} {link}", err=True)
        if open_browser:
            import webbrowser

            if not webbrowser.open(url):
                click.echo(f"kg: could not start a web browser: open {url} yourself", err=True)

    run_server(app, host, port, idle_timeout=idle_timeout, ready=ready)


@main.command()
@click.argument("url")
@click.option("--store", "store_dir", default="build", show_default=True, help=STORE_HELP)
@click.option("--timeout", default=60.0, show_default=True, type=click.FloatRange(min=0, min_open=True),
              help="Seconds for each whole HTTP request (connecting to the last byte of the answer).")
@click.option("--prune", is_flag=True,
              help="Then delete the server's graphs of this build's IRI space (<base>graph/...) that the build "
                   "no longer has; graphs outside that space are never touched.")
@click.option("--query-url", default=None,
              help="The server's SPARQL query endpoint, which lists its graphs for --prune "
                   "[default: beside URL: oxigraph .../query, Fuseki .../sparql, GraphDB .../repositories/REPO].")
@handle_errors
def push(url: str, store_dir: str, timeout: float, prune: bool, query_url: str | None) -> None:
    """Send the graph to a SPARQL 1.1 Graph Store Protocol endpoint URL (one PUT per graph).

    Each named graph replaces the server's graph of the same name, so pushing
    again changes nothing. Examples: oxigraph http://host:7878/store, Fuseki
    http://host:3030/DATASET/data, GraphDB http://host:7200/repositories/REPO/rdf-graphs/service.
    A server that wants a login gets HTTP Basic credentials from KG_SPARQL_USER and
    KG_SPARQL_PASSWORD in the environment (or user:password@ in the URL).
    """
    from kg.export.push import push as run_push

    report = run_push(url, store_dir, timeout=timeout, prune=prune, query_url=query_url)
    pruned = f", deleted {report.pruned} graphs the build no longer has" if prune else ""
    click.echo(f"pushed {report.graphs} graphs, {report.quads} quads to {report.url}{pruned} in {report.elapsed:.1f} s",
               err=True)
