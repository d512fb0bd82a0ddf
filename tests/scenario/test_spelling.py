"""Days, slots and dates as people and spreadsheets spell them."""

from __future__ import annotations

import datetime as dt

import pytest

from runlift.scenario.spelling import DateReader, spelled_day, spelled_slot

MARCH_1, MARCH_7 = dt.date(2027, 3, 1), dt.date(2027, 3, 7)


@pytest.mark.parametrize(("token", "day"), [
    ("tue", "tue"), ("TUE", "tue"), ("Tue", "tue"), ("Tues", "tue"), ("tuesday", "tue"),
    ("Tuesday", "tue"), (" TUESDAY ", "tue"), ("wednes", "wed"), ("Thurs", "thu"),
    ("thur", "thu"), ("Sat", "sat"), ("sunday", "sun"), ("Monday", "mon"), ("fri", "fri"),
    (3, 3), ("3", 3), (" 4 ", 4), ("-1", -1),
])
def test_a_day_in_any_case_in_full_or_cut_to_three_letters(token, day):
    assert spelled_day(token) == day


@pytest.mark.parametrize(("token", "says"), [
    ("tu", "unknown day 'tu': expected a weekday (mon..sun or monday..sunday, any case) or a "
     "0-based index"),
    ("t", "unknown day 't'"),
    ("Tuesdays", "unknown day 'Tuesdays'"),
    ("weds", "(did you mean 'wed'?)"),
    ("Wendsday", "(did you mean 'wednesday'?)"),
    ("", "unknown day ''"),
    (True, "unknown day True"),
])
def test_an_unknown_day_says_what_is_expected(token, says):
    with pytest.raises(ValueError, match="unknown day") as caught:
        spelled_day(token)
    assert says in str(caught.value)


@pytest.mark.parametrize(("token", "slot"), [
    ("am", "am"), ("AM", "am"), (" Pm ", "pm"), ("Evening", "evening"),
])
def test_a_slot_in_any_case(token, slot):
    assert spelled_slot(token, ["am", "pm", "evening"]) == slot


def test_a_slot_written_exactly_wins_over_one_in_another_case():
    assert spelled_slot("AM", ["am", "AM"]) == "AM"
    assert spelled_slot("am", ["am", "AM"]) == "am"
    with pytest.raises(ValueError, match="slot 'Am' is ambiguous: it matches am and AM"):
        spelled_slot("Am", ["am", "AM"])


def test_an_unknown_slot_lists_the_slots():
    with pytest.raises(ValueError) as caught:
        spelled_slot("pmm", ["am", "pm"])
    assert str(caught.value) == ("unknown slot 'pmm': expected one of am, pm (any case) (did "
                                 "you mean 'pm'?)")


def week(*tokens: object) -> DateReader:
    return DateReader(MARCH_1, MARCH_7, "horizon", tokens)


@pytest.mark.parametrize(("token", "date"), [
    ("2027-03-02", dt.date(2027, 3, 2)), ("2027-3-2", dt.date(2027, 3, 2)),
    ("2027/03/02", dt.date(2027, 3, 2)), (" 2027-03-07 ", MARCH_7),
    ("02.03.2027", dt.date(2027, 3, 2)), ("2.3.27", dt.date(2027, 3, 2)),
    (dt.date(2027, 3, 4), dt.date(2027, 3, 4)),
    # D/M/Y or M/D/Y: the reading inside the week.
    ("02/03/2027", dt.date(2027, 3, 2)), ("3/2/2027", dt.date(2027, 3, 2)),
    ("03/03/2027", dt.date(2027, 3, 3)), ("3-5-27", dt.date(2027, 3, 5)),
])
def test_a_date_as_a_spreadsheet_writes_it(token, date):
    assert week(token).read(token) == date


def test_the_file_s_dates_decide_the_order_of_day_and_month():
    uk = week("01/03/2027", "04/03/2027", "05/03/2027")  # only day first puts them in
    assert uk.read("04/03/2027") == dt.date(2027, 3, 4)
    with pytest.raises(ValueError) as caught:
        uk.read("03/04/2027")  # month first would be March 4, but the file reads day first
    assert str(caught.value) == ("2027-04-03 ('03/04/2027' read day first) is outside the "
                                 "horizon (2027-03-01 to 2027-03-07)")
    us = week("3/1/2027", "3/4/2027")
    assert us.read("3/4/2027") == dt.date(2027, 3, 4)


def test_a_date_only_one_order_can_read_is_read_so():
    us = DateReader(MARCH_1, dt.date(2027, 3, 28), "horizon", ["3/1/2027", "3/2/2027"])
    assert us.read("13/03/2027") == dt.date(2027, 3, 13)


def test_a_date_both_orders_put_in_the_span_is_ambiguous():
    # 28 days from February 3 hold both March 2 and February 3.
    span = DateReader(dt.date(2027, 2, 3), dt.date(2027, 3, 2), "horizon", ["02/03/2027"])
    with pytest.raises(ValueError) as caught:
        span.read("02/03/2027")
    assert str(caught.value) == (
        "'02/03/2027' could be 2027-03-02 (day first) or 2027-02-03 (month first), and the "
        "file's dates do not tell which; write it as YYYY-MM-DD")
    told = DateReader(dt.date(2027, 2, 3), dt.date(2027, 3, 2), "horizon",
                      ["02/03/2027", "20/02/2027"])
    assert told.read("02/03/2027") == dt.date(2027, 3, 2)


def test_mixed_orders_that_cancel_out_are_ambiguous():
    mixed = week("03/04/2027", "04/03/2027")  # March 4 either way round: which is the typo?
    with pytest.raises(ValueError, match=r"could be 2027-03-04 \(day first\) or 2027-04-03"):
        mixed.read("04/03/2027")


@pytest.mark.parametrize(("token", "says"), [
    ("2027-03-08", "2027-03-08 is outside the horizon (2027-03-01 to 2027-03-07)"),
    ("2027-02-30", "expected a date as YYYY-MM-DD (or DD.MM.YYYY, DD/MM/YYYY or MM/DD/YYYY), "
     "got '2027-02-30' (day is out of range for month)"),
    ("31/31/2027", "got '31/31/2027' (no such day)"),
    ("March 2, 2027", "got 'March 2, 2027'"),
    ("2027-03-02T07:00", "got '2027-03-02T07:00'"),
    ("02/03/127", "got '02/03/127'"),
])
def test_a_bad_date_says_what_is_expected(token, says):
    with pytest.raises(ValueError) as caught:
        week(token).read(token)
    assert says in str(caught.value)
