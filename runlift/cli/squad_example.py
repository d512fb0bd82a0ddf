"""`runlift squad-example`: a realistic random squad, for trying `runlift batch`."""

from __future__ import annotations

import click

from runlift.cli.errors import command_errors
from runlift.cli.options import out_option


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
    """Write a realistic random squad of ATHLETES athletes (seeded, deterministic)."""
    from runlift.batch.example import squad_yaml
    from runlift.writing import emit

    if blocks and gym_capacity is not None:
        raise click.UsageError("--gym-capacity couples weeks; a squad of --blocks has no gym")
    emit(squad_yaml(athletes, seed=seed, gym_capacity=gym_capacity, blocks=blocks,
                    weeks=weeks), out)
