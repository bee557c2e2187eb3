"""Fake Slurm tools (``scontrol``, ``srun``, ``sbatch``) for the submission tests: shell scripts on a
``PATH`` of their own that log their arguments, and the environment of a two-node allocation."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def fake_slurm_tools(bin_dir: Path, log: Path, srun_sleep: float = 0.0) -> dict[str, str]:
    """Write the fake tools into ``bin_dir`` (each appends its command line to ``log``; ``srun`` then
    sleeps ``srun_sleep`` seconds) and return an environment that finds them first."""
    bin_dir.mkdir()
    tools = {
        # Many host names, one write each, as for a large allocation: a reader that stops after the
        # first line would make this writer die of SIGPIPE.
        "scontrol": f'if [ "$1 $2" = "show hostnames" ]; then echo node7; for i in $(seq 8 5000); do echo node$i; done; '
                    f'else echo "scontrol $*" >> {log}; fi',
        "srun": f'echo "srun $*" >> {log}; sleep {srun_sleep}',
        "sbatch": f'echo "sbatch $*" >> {log}; echo "Submitted batch job 4242"',
    }
    for name, body in tools.items():
        path = bin_dir / name
        path.write_text("#!/bin/bash\n" + body + "\n")
        path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "SLURM_JOB_ID": "4242",
            "SLURM_JOB_NODELIST": "node[7-8]", "SLURM_NNODES": "2"}
