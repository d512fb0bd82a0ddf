"""`runlift squad-example`: a realistic random squad, for trying `runlift batch`."""

from __future__ import annotations

import click

from runlift.cli.errors import command_errors
from runlift.cli.options import out_option
from runlift.errors import InputError

# The generator holds the whole squad in memory while it writes it (about 12 KB an
# athlete: 1.2 GB for 100,000); that many make a file of about 21 MB, within the 32 MiB
# runlift reads by default (RUNLIFT_MAX_INPUT_BYTES).
MAX_ATHLETES = 100_000


@click.command("squad-example")
@click.argument("athletes", type=click.IntRange(min=1))
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed.")
@click.option("--gym-capacity", type=click.IntRange(min=0),
              help="Add a shared gym with this capacity (couples the athletes).")
@click.option("--blocks", is_flag=True,
              help="Athletes with blocks of weeks toward their own races, not weeks.")
@click.option("--weeks", type=click.IntRange(min=5, max=52), default=16, show_default=True,
              help="With --blocks: how many weeks each block has.")
@out_option
@command_errors
def squad_example(athletes: int, seed: int, gym_capacity: int | None, blocks: bool,
                  weeks: int, out: str | None) -> None:
    """Write a realistic random squad of ATHLETES athletes (seeded, deterministic; at most
    100,000)."""
    if athletes > MAX_ATHLETES:
        raise InputError(f"{athletes} athletes is more than {MAX_ATHLETES}, the most "
                         "squad-example makes (more would outgrow the memory it takes and "
                         "the input limit of runlift batch)", file="ATHLETES")
    from runlift.batch.example import squad_yaml
    from runlift.writing import emit

    if blocks and gym_capacity is not None:
        raise click.UsageError("--gym-capacity couples weeks; a squad of --blocks has no gym")
    emit(squad_yaml(athletes, seed=seed, gym_capacity=gym_capacity, blocks=blocks,
                    weeks=weeks), out)
