from runlift import load_scenario, solve


def test_main_example_solves_optimally(main_example):
    result = solve(load_scenario(main_example))
    assert result.status == "optimal"
    assert len(result.plan) == 9
    assert result.objective.total == sum(result.objective.terms.values())
