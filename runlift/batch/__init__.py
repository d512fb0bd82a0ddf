"""Plan a whole squad: `runlift batch` (independent athletes, or coupled by a shared gym).

squad.py reads the squad file and merges each athlete's scenario; run.py dispatches the
athletes to a backend (backends.py: a local process pool or a Dask cluster) whose workers
run worker.py; output.py writes the results, their records (for --resume) and
summary.csv; gym.py solves a coupled squad jointly; example.py generates squads.
"""
