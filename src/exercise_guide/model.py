"""The typed content schema: what a guide, an exercise, a routine and an article may hold."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
)

# An id is what a file is called: lowercase words joined by hyphens, so it is also a safe URL part.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_RE = re.compile(ID_PATTERN)

Id = Annotated[str, StringConstraints(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]

CUE_MAX_WORDS = 8
# The same limit for editors that read the JSON Schema: one to eight words.
_CUE_PATTERN = rf"^\s*\S+(\s+\S+){{0,{CUE_MAX_WORDS - 1}}}\s*$"


def _short_cue(value: str) -> str:
    words = len(value.split())
    if words > CUE_MAX_WORDS:
        raise ValueError(f"a cue is at most {CUE_MAX_WORDS} words (this one has {words})")
    return value


# A step's few words for a desk poster read from across a room ("Elbows back, breathe in").
Cue = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=80),
    AfterValidator(_short_cue),
    Field(json_schema_extra={"pattern": _CUE_PATTERN}),
]

Breath = Literal["in-nose", "out-mouth", "in", "out", "nose", "normal"]
View = Literal["front", "back", "side", "three-quarter", "three-quarter-back", "above"]
# An inset is a view, or the hands close up from behind ("hands"): where they are and which way
# the palms face is the point of some steps, and at figure size a hand is a few millimetres.
Inset = Literal["front", "back", "side", "three-quarter", "three-quarter-back", "above", "hands"]
Position = Literal["standing", "sitting", "lying", "kneeling", "any"]
Paper = Literal["A4", "Letter", "A3"]


class Strict(BaseModel):
    """Base for every content model: unknown keys are errors and loaded content never changes."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Dose(Strict):
    """How much of an exercise: free text is allowed ("3-4 times", "several seconds")."""

    reps: ShortText | None = None
    sets: ShortText | None = None
    hold: ShortText | None = None
    duration: ShortText | None = None
    frequency: ShortText | None = None

    @field_validator("reps", "sets", "hold", "duration", "frequency", mode="before")
    @classmethod
    def _numbers_as_text(cls, value: object) -> object:
        # Authors write `reps: 10`; the dose is shown as words, so a number is kept as its text.
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        return value

    def is_empty(self) -> bool:
        """True when no part of the dose is given."""
        return not any((self.reps, self.sets, self.hold, self.duration, self.frequency))

    def merged(self, override: Dose | None) -> Dose:
        """This dose with every part the override gives replaced by the override's."""
        if override is None:
            return self
        data = self.model_dump()
        data.update({k: v for k, v in override.model_dump().items() if v is not None})
        return Dose(**data)


class PoseChange(Strict):
    """A named key pose with some joint angles changed (degrees, anatomical terms)."""

    base: Id
    joints: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_.]+$")], float] = Field(
        default_factory=dict
    )


class Motion(Strict):
    """A movement arrow drawn on a step's figure."""

    kind: Literal["line", "arc", "circle", "flap"]
    joint: Annotated[str, StringConstraints(pattern=r"^[a-z_]+$")]
    direction: Literal[
        "forward", "backward", "up", "down", "in", "out", "left", "right", "back-and-forth"
    ] = "forward"
    label: ShortText | None = None


class Media(Strict):
    """An authored image that replaces a generated figure; it must say under what licence it is used."""

    file: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    licence: ShortText
    attribution: ShortText
    alt: ShortText | None = None


class Step(Strict):
    """One numbered step: its words, its breath cue, and what its figure shows."""

    text: Text
    cue: Cue | None = None
    breath: Breath | None = None
    hold: ShortText | None = None
    pose: Id | PoseChange | None = None
    # The pose the movement starts from, drawn as a dashed outline (default: the previous step's).
    start: Id | PoseChange | None = None
    view: View | None = None
    # A small second view of the same moment, for what the main view cannot show.
    inset: Inset | None = None
    motion: list[Motion] = Field(default_factory=list, max_length=6)
    mirror: bool = False
    illustration: Media | None = None


class Source(Strict):
    """Where an exercise's words come from, and under what licence."""

    title: ShortText
    url: ShortText | None = None
    licence: ShortText | None = None
    note: ShortText | None = None


class Exercise(Strict):
    """One exercise: the unit of a page, a poster and a handout entry."""

    id: Id
    title: ShortText
    summary: Text
    body_areas: list[Id] = Field(min_length=1, max_length=8)
    position: Position = "standing"
    equipment: list[ShortText] = Field(default_factory=list)
    time: ShortText | None = None
    keywords: list[ShortText] = Field(default_factory=list, max_length=60)
    tags: list[ShortText] = Field(default_factory=list, max_length=20)
    dose: Dose = Field(default_factory=Dose)
    steps: list[Step] = Field(min_length=1, max_length=30)
    benefits: list[Text] = Field(default_factory=list)
    tips: list[Text] = Field(default_factory=list)
    safety: list[Text] = Field(min_length=1)
    cautions: list[Text] = Field(default_factory=list)
    related: list[Id] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    review: Literal["needed"] | None = None
    # Where the booklet prints it within its body area: lower first, before unordered exercises.
    order: int | None = Field(default=None, ge=0, le=100000)

    @property
    def needs_review(self) -> bool:
        """True for imported text no clinician has checked yet."""
        return self.review == "needed"


class RoutineItem(Strict):
    """An exercise in a routine, with the routine's own dose for it."""

    exercise: Id
    dose: Dose | None = None
    note: Text | None = None


class Routine(Strict):
    """An ordered set of exercises done together."""

    id: Id
    title: ShortText
    purpose: Text
    audience: Text | None = None
    exercises: list[RoutineItem] = Field(min_length=1, max_length=40)
    keywords: list[ShortText] = Field(default_factory=list)


class Branding(Strict):
    """The clinic or publisher a guide is printed for."""

    name: ShortText
    logo: ShortText | None = None
    # The clinic block a handout prints: each line only when given, never a filler.
    phone: ShortText | None = None
    address: ShortText | None = None
    web: ShortText | None = None
    # Any other way to reach the clinic (email, opening hours), printed after the others.
    contact: ShortText | None = None
    primary_color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#1f4e79"
    accent_color: Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")] = "#c0392b"


class SiteOptions(Strict):
    """What the website shows besides the content; authors' furniture is off unless set."""

    # "Edit this page" on exercise, routine and article pages (needs repo_url and edit_uri).
    edit_link: bool = False
    # The tags index page in the menu, and each exercise's tags linked to it at the top.
    tags_page: bool = False


class Guide(Strict):
    """Settings of the whole guide: title, where it is hosted, the disclaimer, branding, paper."""

    title: ShortText
    description: Text
    version: ShortText = "1"
    date: ShortText | None = None
    language: Annotated[str, StringConstraints(pattern=r"^[a-z]{2}(-[A-Z]{2})?$")] = "en"
    base_url: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+/$")]
    repo_url: Annotated[str, StringConstraints(pattern=r"^https://[^\s]+$")] | None = None
    edit_uri: ShortText | None = None
    disclaimer: Text
    default_safety: list[Text] = Field(min_length=1)
    # The clinic's own words on which symptoms mean stopping and calling it or a doctor; every
    # poster, sheet, handout and exercise page prints them in a box, and none when left out.
    get_help: list[Text] = Field(default_factory=list, max_length=20)
    body_areas: dict[Id, ShortText] = Field(default_factory=dict)
    branding: Branding
    paper: Paper = "A4"
    site: SiteOptions = Field(default_factory=SiteOptions)


class Article(Strict):
    """A Markdown page from content/pages/, with its front matter."""

    id: Id
    title: ShortText
    summary: Text | None = None
    order: int = 100
    # Every image the body shows (`![alt](media/file)`), with the licence it is used under.
    images: list[Media] = Field(default_factory=list, max_length=50)
    body: str


class KeyPose(Strict):
    """A named pose from content/poses.yml: a base pose and joint angles."""

    base: Id | None = None
    description: ShortText | None = None
    joints: dict[Annotated[str, StringConstraints(pattern=r"^[a-z_.]+$")], float] = Field(
        default_factory=dict
    )
