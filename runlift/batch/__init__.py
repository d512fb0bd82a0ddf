"""Plan a whole squad: `runlift batch` (independent athletes, or coupled by a shared gym).

squad.py reads the squad file and merges each athlete's scenario (names.py gives each
athlete a file name); run.py runs the batch, and tasks.py dispatches the athletes to a
backend (backends.py: runlift.pool's local process pool or a Dask cluster) whose workers
run worker.py; folder.py keeps --out a real folder with one batch at a time and tidies it
for the run that starts; output.py writes the results, their records (for --resume) and
summary.csv (from the records); reports.py the HTML reports, calendars and squad index
(--html, --ics); gym.py solves a coupled squad jointly; example.py generates squads.
"""

# The joint gym solve's default stopping rule: stop once the plan is within this percent
# of the proven bound (or at the time limit). The proof rarely closes on a large squad:
# bench/bench_gym.py measures this against searching until proven (--gap 0).
JOINT_GAP_PERCENT = 1.0
