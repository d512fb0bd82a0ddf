"""CP-SAT: the model of a problem (build, context, guards), its search (solve, joint) and
the explanation of a problem without a plan (explain). Only runlift.solver.cpsat touches
OR-Tools."""
