"""The programme link format: what `handout --from-link` reads, and what it refuses to read."""

from __future__ import annotations

from exercise_guide.model import Dose
from exercise_guide.programme.link import link_fragment, parse_link

SITE = "https://example.org/guide/programme/"


def test_a_link_keeps_ids_order_and_every_dose_field() -> None:
    fragment = link_fragment(
        [
            ("shoulder-rolling", Dose(reps="12", sets="3", frequency="twice a day, after work")),
            ("elbow-flapping", Dose(duration="1 minute", hold="5 s & 50%")),
        ]
    )
    link = parse_link(f"{SITE}#{fragment}")
    assert link.left_out == ()
    assert [i.exercise for i in link.items] == ["shoulder-rolling", "elbow-flapping"]
    # A comma or percent sign inside a dose is escaped, so it cannot split or corrupt the link.
    assert link.items[0].dose == {"reps": "12", "sets": "3", "frequency": "twice a day, after work"}
    assert link.items[1].dose == {"hold": "5 s & 50%", "duration": "1 minute"}


def test_a_link_holds_nothing_but_ids_and_doses() -> None:
    fragment = link_fragment([("shoulder-rolling", Dose(reps="10"))])
    assert fragment == "x=shoulder-rolling,10,,,,"


def test_bad_parts_are_left_out_with_their_reason_and_the_rest_is_kept() -> None:
    link = parse_link(
        SITE + "#x=shoulder-rolling,10,%ZZ&x=Not!An!Id&x=nope&foo=bar"
        "&x=shoulder-rolling,1&x=elbow-flapping,1,2,3,4,5,6",
        known=["shoulder-rolling", "elbow-flapping"],
    )
    assert [i.exercise for i in link.items] == ["shoulder-rolling", "elbow-flapping"]
    assert link.items[0].dose == {"reps": "10"}
    assert link.items[1].dose == {}
    assert link.left_out == (
        "exercise 1 'shoulder-rolling': sets: is not readable text; the exercise's own sets is used",
        "exercise 2 'Not!An!Id': is not an exercise id",
        "exercise 3 'nope': no such exercise in this guide",
        "'foo=bar': is not part of a programme link",
        "exercise 4 'shoulder-rolling': is listed twice; the first is kept",
        "exercise 5 'elbow-flapping': its dose has 6 fields, not 5; the exercise's own dose is used",
    )


def test_a_link_without_a_fragment_says_it_holds_no_programme() -> None:
    link = parse_link(SITE)
    assert link.items == ()
    assert link.left_out == ("the link holds no programme (nothing after '#')",)


def test_overlong_and_control_character_doses_are_refused() -> None:
    link = parse_link(SITE + "#x=shoulder-rolling," + "a" * 301 + ",%0A2")
    assert link.items[0].dose == {}
    assert [line.split(": ")[1] for line in link.left_out] == ["reps", "sets"]
