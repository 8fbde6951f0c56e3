"""The exercise animation: built from the step key poses, inside joint limits, held where a step
holds, breath cue timed to its step, self-contained and under 60 KB."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from exercise_guide.content import Library, load_library
from exercise_guide.figures import pose_book
from exercise_guide.figures.animate import MAX_BYTES, beats_of, render_animation
from exercise_guide.figures.cache import FigureCache
from exercise_guide.figures.checks import failed_checks
from exercise_guide.figures.kinematics import forward as posed
from exercise_guide.figures.skeleton import JOINTS, within_limits
from exercise_guide.figures.style import FLOOR
from exercise_guide.figures.timeline import (
    HOLD,
    Beat,
    blend,
    hold_seconds,
    shots,
)
from exercise_guide.importers.free_exercise_db import convert, read_entries
from exercise_guide.model import Exercise, Motion, Step
from tests.support import CONTENT, FREE_EXERCISE_DB

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library(CONTENT)


def _beats(library: Library, exercise: Exercise) -> list[Beat]:
    return beats_of(library, exercise)


def _same(a: object, b: object) -> bool:
    assert isinstance(a, dict) and isinstance(b, dict)
    return all(abs(a[n] - b[n]) < 0.05 for n in JOINTS)


def test_every_seed_exercise_has_an_animation_under_60_kb(library: Library) -> None:
    for exercise in library.exercises.values():
        animation = render_animation(library, exercise)
        assert animation is not None, exercise.id
        size = len(animation.svg.encode("utf-8"))
        assert size < 60_000, (exercise.id, size)
        root = ET.fromstring(animation.svg)  # well-formed, standalone SVG
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        # Self-contained: no script, no link or image from anywhere else.
        assert root.find(f".//{SVG}script") is None
        assert not re.search(r"(?:xlink:)?href=\"(?!#)", animation.svg)
        assert "@keyframes" in animation.svg and "prefers-reduced-motion" in animation.svg
        assert animation.frames >= 5


def test_the_loop_is_made_of_the_step_key_poses_in_order(library: Library) -> None:
    exercise = library.exercises["upper-back-loosener"]
    beats = _beats(library, exercise)
    timeline = shots(pose_book(library), beats)
    keys = [dict(b.pose.angles) for b in beats]
    # It opens on step 1's pose, passes through step 2's and step 3's, and ends on the way back.
    assert _same(dict(timeline[0].angles), keys[0])
    hits = [next(i for i, s in enumerate(timeline) if _same(dict(s.angles), k)) for k in keys]
    assert hits == sorted(hits) and hits[0] == 0
    assert _same(dict(timeline[-1].angles), keys[0])
    # Every frame in between is a blend in joint space: each angle lies between its neighbours'.
    between = timeline[1 : hits[1]]
    assert len(between) >= 4
    for shot in between:
        for name in ("scapula_l.retraction", "neck.flexion", "shoulder_l.flexion"):
            low, high = sorted((keys[0][name], keys[1][name]))
            assert low - 1e-6 <= shot.angles[name] <= high + 1e-6


def test_every_frame_is_inside_the_joint_limits(library: Library) -> None:
    for exercise in library.exercises.values():
        for shot in shots(pose_book(library), _beats(library, exercise)):
            assert within_limits(shot.angles) == [], exercise.id
    # A blend towards an impossible pose is clamped, not extrapolated.
    stand = {n: j.neutral for n, j in JOINTS.items()}
    wild = dict(stand, **{"elbow_l.flexion": 400.0, "neck.flexion": -300.0})
    assert within_limits(blend(stand, wild, 0.9)) == []


def test_the_animation_holds_where_a_step_holds(library: Library) -> None:
    exercise = library.exercises["upper-back-loosener"]
    assert exercise.steps[1].hold == "several seconds"
    beats = _beats(library, exercise)
    timeline = shots(pose_book(library), beats)
    held = [s for s in timeline if s.holding]
    assert len(held) == 1
    assert held[0].step == 1 and held[0].seconds == HOLD
    assert _same(dict(held[0].angles), dict(beats[1].pose.angles))
    # Nothing else stays still that long.
    assert max(s.seconds for s in timeline if not s.holding) < HOLD
    assert hold_seconds("5 seconds") == 5.0
    assert hold_seconds("2-3 seconds") == 2.0
    assert hold_seconds("30 seconds") == 5.0  # a loop stays short: long holds are capped


def _visible_spans(svg: str, css_class: str) -> list[tuple[float, float]]:
    """When a frame or cue group is visible, as fractions of the loop, read from its keyframes."""
    rule = re.search(rf"\.{css_class}\{{animation-name:(\w+)\}}", svg)
    assert rule is not None, css_class
    frames = re.search(rf"@keyframes {rule.group(1)}\{{(.*?)\}}\}}", svg + "}")
    assert frames is not None
    stops = [
        (float(at) / 100, value)
        for at, value in re.findall(r"([\d.]+)%\{visibility:(\w+)", frames.group(1) + "}")
    ]
    spans, start = [], None
    for at, value in [*stops, (1.0, "hidden")]:
        if value == "visible" and start is None:
            start = at
        elif value == "hidden" and start is not None:
            spans.append((start, at))
            start = None
    return spans


def _text(group: ET.Element, root: ET.Element) -> str:
    """The text a group shows, following <use> to the shared drawing it shows."""
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    out = []
    for e in group.iter():
        if e.tag == f"{SVG}use":
            out.append("".join(by_id[(e.get("href") or "#")[1:]].itertext()))
        elif e.text:
            out.append(e.text)
    return "".join(out)


def test_the_breath_cue_shows_with_its_step(library: Library) -> None:
    exercise = library.exercises["upper-back-loosener"]
    animation = render_animation(library, exercise)
    assert animation is not None
    root = ET.fromstring(animation.svg)
    timeline = shots(pose_book(library), _beats(library, exercise))
    total = sum(s.seconds for s in timeline)
    # When each step's shots play, as fractions of the loop.
    at, steps_at = 0.0, {}
    for shot in timeline:
        steps_at.setdefault(shot.step, []).append((at / total, (at + shot.seconds) / total))
        at += shot.seconds
    cues = {
        _text(g, root): (g.get("class") or "").split()[1]
        for g in root.iter(f"{SVG}g")
        if "c" in (g.get("class") or "").split()
    }
    breathe_in = [k for k in cues if "Step 2 of 3" in k]
    assert breathe_in and all("Breathe in through your nose" in k for k in breathe_in)
    assert any("Hold" in k for k in breathe_in)
    out = [k for k in cues if "Step 3 of 3" in k]
    assert out == ["Step 3 of 3Breathe out through your mouth"]
    # Step 3's cue is visible exactly while step 3's shots play.
    spans = _visible_spans(animation.svg, cues[out[0]])
    assert [(round(a, 4), round(b, 4)) for a, b in spans] == [
        (round(min(a for a, _ in steps_at[2]), 4), round(max(b for _, b in steps_at[2]), 4))
    ]


def test_the_label_describes_the_movement_not_the_step_text(library: Library) -> None:
    for exercise in library.exercises.values():
        animation = render_animation(library, exercise)
        assert animation is not None
        title = ET.fromstring(animation.svg).find(f"{SVG}title")
        assert title is not None and title.text == animation.label
        assert animation.label.startswith("Animation seen ")
        for step in exercise.steps:
            assert step.text[:40] not in animation.label
    rolling = render_animation(library, library.exercises["shoulder-rolling"])
    assert rolling is not None
    assert "the shoulders circling forward" in rolling.label
    assert "the shoulders circling backward" in rolling.label
    loosener = render_animation(library, library.exercises["upper-back-loosener"])
    assert loosener is not None
    assert "held for several seconds" in loosener.label
    assert "breathe in through your nose" in loosener.label


def test_the_animation_is_seen_from_the_view_its_moving_step_declares(library: Library) -> None:
    # Elbow Flapping's wing beat is in the horizontal plane: its flapping step is drawn from
    # above, and the animation is too (from the side it read as "push the arms straight back").
    flapping = library.exercises["elbow-flapping"]
    assert flapping.steps[1].view == "above" and flapping.steps[1].motion
    animation = render_animation(library, flapping)
    assert animation is not None
    assert animation.label.startswith("Animation seen from above, repeating")
    title = ET.fromstring(animation.svg).find(f"{SVG}title")
    assert title is not None and title.text is not None
    assert title.text.startswith("Animation seen from above")
    # Framed as the step figure from above: the upper body alone, no floor, no legs.
    assert f'fill="{FLOOR}"' not in animation.svg
    assert len(animation.svg.encode("utf-8")) < MAX_BYTES
    # A step drawn from behind to show the hands, but still, has no say: step 1 is still.
    # With no view on the moving step, the view is chosen from the movement: the side.
    steps = [flapping.steps[0], flapping.steps[1].model_copy(update={"view": None})]
    unset = render_animation(library, flapping.model_copy(update={"steps": steps}))
    assert unset is not None
    assert unset.label.startswith("Animation seen from the side")
    assert f'fill="{FLOOR}"' in unset.svg


def test_rolling_and_flapping_steps_move_around_their_pose(library: Library) -> None:
    # Shoulder Rolling and Elbow Flapping keep one key pose: their cycles are what moves.
    for exercise_id, joint in (
        ("shoulder-rolling", "scapula_l.elevation"),
        ("elbow-flapping", "scapula_l.retraction"),
    ):
        timeline = shots(pose_book(library), _beats(library, library.exercises[exercise_id]))
        values = {round(s.angles[joint], 1) for s in timeline}
        assert len(values) >= 4, (exercise_id, values)
    # Forward and backward circles run the same circle in opposite directions.
    rolling = library.exercises["shoulder-rolling"]
    timeline = shots(pose_book(library), _beats(library, rolling))
    forward = [s for s in timeline if s.step == 1]
    backward = [s for s in timeline if s.step == 2]
    # The roll circles about the resting position (its bottom is where the arms hang relaxed).
    rest = rolling.steps[0].pose
    assert rest == "arms-relaxed"
    resting = pose_book(library).get(rest).angles["scapula_l.elevation"]
    assert abs(min(s.angles["scapula_l.elevation"] for s in forward) - resting) < 1.0
    # A forward roll goes over the top moving forward (retraction falling), a backward one back.
    for shots_, falling in ((forward, True), (backward, False)):
        top = max(range(len(shots_) - 1), key=lambda i: shots_[i].angles["scapula_l.elevation"])
        change = (
            shots_[top + 1].angles["scapula_l.retraction"]
            - shots_[top].angles["scapula_l.retraction"]
        )
        assert (change < 0) == falling, change
    second = forward[1].angles["scapula_l.retraction"] - forward[0].angles["scapula_l.retraction"]
    back = backward[1].angles["scapula_l.retraction"] - backward[0].angles["scapula_l.retraction"]
    assert second * back < 0


def test_rolling_shoulders_keep_the_hands_beside_the_thighs(library: Library) -> None:
    # "Arms hanging by your sides" while the shoulders roll: every frame of the loop keeps the
    # hands beside the thighs, not carried behind the hip or in front of the thigh.
    timeline = shots(pose_book(library), _beats(library, library.exercises["shoulder-rolling"]))
    assert len(timeline) > 8
    for shot in timeline:
        assert failed_checks(posed(shot.angles), ["hands_beside_thighs"]) == [], shot


def _exercise(steps: list[Step]) -> Exercise:
    return Exercise(
        id="made-up",
        title="Made Up",
        summary="A test exercise.",
        body_areas=["shoulders"],
        steps=steps,
        safety=["Stop if you feel any pain."],
    )


def test_no_movement_means_no_animation(library: Library) -> None:
    still = _exercise([Step(text="Stand."), Step(text="Keep standing.", breath="in")])
    assert render_animation(library, still) is None


def test_a_long_exercise_stays_under_the_size_limit(library: Library) -> None:
    poses = ["arms-overhead", "squat", "arms-out", "lunge", "arms-forward", "hands-on-hips"]
    steps = [
        Step(text=f"Move {i}.", pose=poses[i % len(poses)], hold="5 seconds", breath="in")
        for i in range(30)
    ]
    animation = render_animation(library, _exercise(steps))
    assert animation is not None
    assert len(animation.svg.encode("utf-8")) < MAX_BYTES == 60_000


def test_imported_exercises_stay_under_the_size_limit(library: Library) -> None:
    """A sample of the free-exercise-db import, as imported and with poses on its steps.

    As imported, every step shows one generic pose: no movement, no animation. Given poses (as
    pose inference from the words gives them), each is animated and stays under 60 KB, with the
    imported exercises' own step counts (up to a dozen steps).
    """
    entries = read_entries(FREE_EXERCISE_DB)
    converted, _ = convert(entries[:: max(1, len(entries) // 40)], ["Stop if you feel any pain."])
    assert len(converted) >= 30
    pairs = [("stand", "squat"), ("arms-forward", "arms-overhead"), ("lie-back", "bridge")]
    sizes = []
    for n, item in enumerate(converted):
        exercise = Exercise.model_validate({"id": item.exercise_id, **item.data})
        as_imported = render_animation(library, exercise)
        assert as_imported is None or len(as_imported.svg.encode("utf-8")) < 60_000
        start, end = pairs[n % len(pairs)]
        steps = [
            step.model_copy(update={"pose": end if i % 2 else start, "hold": "2 seconds"})
            for i, step in enumerate(exercise.steps)
        ]
        posed = render_animation(library, exercise.model_copy(update={"steps": steps}))
        if len(steps) > 1:
            assert posed is not None, exercise.id
            sizes.append(len(posed.svg.encode("utf-8")))
    assert len(sizes) >= 25
    assert max(sizes) < 60_000, max(sizes)


def test_the_figure_cache_keeps_animations(library: Library, tmp_path: Path) -> None:
    cache = FigureCache(tmp_path)
    exercise = library.exercises["shoulder-rolling"]
    drawn = cache.render_animation(library, exercise)
    assert drawn == render_animation(library, exercise)
    assert (cache.stats.animations_drawn, cache.stats.animations_cached) == (1, 0)
    again = FigureCache(tmp_path)
    assert again.render_animation(library, exercise) == drawn
    assert (again.stats.animations_drawn, again.stats.animations_cached) == (0, 1)
    # A changed step is a different animation.
    steps = [
        *exercise.steps[:2],
        exercise.steps[2].model_copy(
            update={"motion": [Motion(kind="circle", joint="shoulder", direction="forward")]}
        ),
    ]
    changed = exercise.model_copy(update={"steps": steps})
    assert again.render_animation(library, changed) != drawn
    assert again.stats.animations_drawn == 1


def test_a_back_and_forth_step_with_a_start_pose_repeats_start_to_end(library: Library) -> None:
    flap = Motion(kind="flap", joint="elbow", direction="back-and-forth")
    steps = [
        Step(text="Hands on hips.", pose="hands-on-hips"),
        Step(text="Flap.", start="hands-on-hips", pose="elbows-back-head-forward", motion=[flap]),
    ]
    exercise = _exercise(steps)
    beats = _beats(library, exercise)
    timeline = shots(pose_book(library), beats)
    start, end = dict(beats[1].start.angles), dict(beats[1].pose.angles)  # type: ignore[union-attr]
    # The step's shots reach its end pose and its start pose again, several times over.
    marks = [
        "end" if _same(dict(s.angles), end) else "start" if _same(dict(s.angles), start) else ""
        for s in timeline
        if s.step == 1
    ]
    visits = [m for i, m in enumerate(marks) if m and (i == 0 or marks[i - 1] != m)]
    assert visits[:5] == ["end", "start", "end", "start", "end"]
    for shot in timeline:
        assert within_limits(shot.angles) == []
