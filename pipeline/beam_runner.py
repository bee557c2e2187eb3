"""One way to start a Beam pipeline for every command: runner flags pass through untouched.

Without ``--runner``, Beam 2.77's DirectRunner first tries to download the Prism runner from the
network, then falls back to the in-process FnApiRunner. Our jobs must run offline and behave the same
on every machine, so without ``--runner`` they go straight to that FnApiRunner (which still honours
``--direct_num_workers`` and ``--direct_running_mode``). With ``--runner=DataflowRunner`` (or Flink,
Spark, ...) Beam resolves the runner from the flags as usual.

``offline_test_pipeline`` is the same choice for tests: a ``TestPipeline`` (``assert_that`` checks on
``run``) that never goes near the Prism download.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import apache_beam as beam
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from pipeline.errors import ConfigError

log = logging.getLogger(__name__)


def default_runner(options: PipelineOptions) -> Any:
    """``None`` (Beam resolves ``--runner``) when a runner is given; else the in-process FnApiRunner."""
    if options.view_as(StandardOptions).runner:
        return None
    from apache_beam.runners.portability.fn_api_runner import FnApiRunner

    return FnApiRunner()


def is_local(options: PipelineOptions) -> bool:
    """True when the job runs in this process (no ``--runner``, or the DirectRunner by name)."""
    runner = options.view_as(StandardOptions).runner
    return not runner or str(runner).lower() in ("directrunner", "direct")


def new_pipeline(beam_args: list[str] | None) -> beam.Pipeline:
    """A ``beam.Pipeline`` for these runner flags (usable as a context manager)."""
    args = offline_dry_run_args(list(beam_args or []))
    options = PipelineOptions(args)
    try:
        return beam.Pipeline(runner=default_runner(options), options=options)
    except ValueError as exc:
        if "validations errors" not in str(exc):
            raise
        # The runner's own option checks (Dataflow: project id, region, gs:// locations), before anything runs.
        raise ConfigError(f"runner flags rejected by Beam: {' '.join(str(exc).split())}") from None


DRY_RUN_STAGING = "gs://incoder-dry-run-placeholder/staging"


def _valid_gcs_path(path: str | None) -> bool:
    from apache_beam.options.pipeline_options_validator import PipelineOptionsValidator as V

    match = re.match(V.GCS_URI, path or "", re.DOTALL)
    return bool(match and match.group("SCHEME").lower() == "gs" and match.group("OBJECT") is not None
                and re.fullmatch(V.GCS_BUCKET, match.group("BUCKET") or ""))


def offline_dry_run_args(args: list[str]) -> list[str]:
    """Flags that keep a remote runner's ``--dry_run`` off the network; other flags unchanged.

    Beam's DataflowRunner skips its GCS checks in a dry run but still fetches credentials and, when
    neither ``--temp_location`` nor ``--staging_location`` is a valid ``gs://bucket/path`` (bucket
    names have 3-63 characters), creates a default bucket through the GCS API. A dry run submits
    nothing, so it gets ``--no_auth``, and a placeholder staging location in that second case.
    """
    options = PipelineOptions(args)
    if not is_dry_run(options) or is_local(options):
        return args
    from apache_beam.options.pipeline_options import GoogleCloudOptions

    gcp = options.view_as(GoogleCloudOptions)
    extra = [] if gcp.no_auth else ["--no_auth"]
    if not _valid_gcs_path(gcp.temp_location) and not _valid_gcs_path(gcp.staging_location):
        log.warning("dry run: neither --temp_location=%s nor --staging_location=%s is a valid gs://bucket/path; "
                    "a real submission would create a default bucket. Using %s for the dry run.",
                    gcp.temp_location, gcp.staging_location, DRY_RUN_STAGING)
        extra.append(f"--staging_location={DRY_RUN_STAGING}")
    return args + extra


def offline_test_pipeline(argv: list[str] | None = None) -> beam.Pipeline:
    """A ``TestPipeline`` on the in-process runner (runs and waits on ``with`` exit / ``run()``).

    ``argv`` holds pipeline flags (``--direct_num_workers=2``); sys.argv is never read.
    """
    from apache_beam.testing.test_pipeline import TestPipeline

    args = list(argv or [])
    options = PipelineOptions(args)
    return TestPipeline(runner=default_runner(options), options=options, argv=args)


def is_dry_run(options: PipelineOptions) -> bool:
    """``--dry_run=True``: translate the graph (Dataflow builds the job request) but run nothing."""
    from apache_beam.options.pipeline_options import TestOptions

    return bool(options.view_as(TestOptions).dry_run)


WORKER_SETUP_FLAGS = ("setup_file", "requirements_file", "extra_packages", "sdk_container_image")


def describe_plan(pipeline: beam.Pipeline, stages: list[str], result: Any | None) -> str:
    """What a dry run would have run: runner, its main options, the stages, the translated graph."""
    from apache_beam.options.pipeline_options import GoogleCloudOptions, SetupOptions, WorkerOptions

    options = pipeline.options
    runner = options.view_as(StandardOptions).runner or "in-process FnApiRunner (default)"
    gcp = options.view_as(GoogleCloudOptions)
    lines = ["dry run: nothing was submitted, read or written.", f"runner: {runner}"]
    cloud = {k: getattr(gcp, k) for k in ("project", "region", "temp_location", "staging_location", "job_name")}
    if any(cloud.values()):
        lines.append("  " + "  ".join(f"{k}={v}" for k, v in cloud.items() if v))
    setup = {**{k: getattr(options.view_as(SetupOptions), k, None) for k in WORKER_SETUP_FLAGS[:3]},
             "sdk_container_image": options.view_as(WorkerOptions).sdk_container_image}
    given = {k: v for k, v in setup.items() if v}
    if given:
        lines.append("worker setup: " + "  ".join(f"--{k}={v}" for k, v in given.items()))
    elif not is_local(options):
        lines.append("worker setup: NONE -- remote workers will lack this package; pass --setup_file=./pyproject.toml, "
                     "--requirements_file or --sdk_container_image (docs/scale.md)")
    lines.append(f"stages ({len(stages)}): " + " -> ".join(stages))
    proto = getattr(getattr(result, "job", None), "proto_pipeline", None)
    if proto is None:
        proto = pipeline.to_runner_api()
    components = proto.components
    primitives = sum(1 for t in components.transforms.values() if not t.subtransforms)
    lines.append(f"graph: {len(components.transforms)} transforms ({primitives} primitive), "
                 f"{len(components.pcollections)} PCollections, {len(components.environments)} environment(s)")
    for env in components.environments.values():
        if "docker" in env.urn:
            from apache_beam.portability.api import beam_runner_api_pb2

            payload = beam_runner_api_pb2.DockerPayload.FromString(env.payload)
            lines.append(f"  worker container: {payload.container_image}")
    job = getattr(getattr(result, "job", None), "proto", None)
    if job is not None and getattr(job, "name", None):
        lines.append(f"job request: name={job.name}")
    return "\n".join(lines)
