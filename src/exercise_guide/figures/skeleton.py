"""The figure's body: segment lengths (Drillis & Contini) and joint angles with their normal ranges."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

# Segment lengths as fractions of standing height H (Drillis & Contini 1966; Winter, Biomechanics
# and Motor Control of Human Movement, fig. 4.1). The figure is built with H = 1.
HIP_HEIGHT = 0.530
SHOULDER_HEIGHT = 0.818
KNEE_HEIGHT = 0.285
ANKLE_HEIGHT = 0.039
UPPER_ARM = 0.186
FOREARM = 0.146
HAND = 0.108
THIGH = HIP_HEIGHT - KNEE_HEIGHT
SHANK = KNEE_HEIGHT - ANKLE_HEIGHT
FOOT = 0.152
HEAD = 0.130  # chin to crown
SHOULDER_WIDTH = 0.259  # biacromial
HIP_WIDTH = 0.191

# Where the spine's pieces sit above the hip joints, chosen so the neck base meets shoulder height.
LUMBAR = 0.125
THORAX = 0.175
NECK = 0.050

# Drawn thickness of each limb segment, in units of H.
WIDTH = {
    "upper_arm": 0.056,
    "forearm": 0.046,
    "hand": 0.040,
    "thigh": 0.086,
    "shank": 0.062,
    "foot": 0.040,
    "neck": 0.056,
}

SIDES = ("l", "r")


@dataclass(frozen=True)
class Joint:
    """One joint angle: its range of motion in degrees and its value in the neutral stance."""

    low: float
    high: float
    neutral: float = 0.0


# Normal ranges of motion (AAOS / Norkin & White, rounded). Sign conventions:
#   flexion forward/bending (+), extension (-); abduction away from the midline (+);
#   rotation: internal (+) for limbs, to the figure's left (+) for spine and neck;
#   lateral: bending toward the figure's left (+); scapula retraction (+) pulls the shoulder back,
#   protraction is negative; elevation (+) lifts the shoulder; ankle dorsiflexion (+);
#   wrist deviation toward the little finger (ulnar, +) or the thumb (radial, -);
#   forearm pronation (+) turns the palm over about the forearm, from where the elbow's bend
#   puts it (palm toward the biceps, as in the anatomical position) to facing the other way.
# `body.*` place the whole figure (not joints, so any angle): pitch forward (+), roll onto its left
# side (+), yaw to its left (+).
_CENTRAL: dict[str, Joint] = {
    "body.pitch": Joint(-180, 180),
    "body.roll": Joint(-180, 180),
    "body.yaw": Joint(-180, 180),
    "spine.flexion": Joint(-30, 90),
    "spine.lateral": Joint(-35, 35),
    "spine.rotation": Joint(-45, 45),
    "neck.flexion": Joint(-60, 50),
    "neck.lateral": Joint(-45, 45),
    "neck.rotation": Joint(-80, 80),
}
_PER_SIDE: dict[str, Joint] = {
    "scapula.elevation": Joint(-10, 40),
    "scapula.retraction": Joint(-25, 25),
    "shoulder.flexion": Joint(-60, 180),
    "shoulder.abduction": Joint(-30, 180, 6),
    "shoulder.rotation": Joint(-90, 90),
    "elbow.flexion": Joint(0, 150, 8),
    "wrist.flexion": Joint(-70, 80),
    "wrist.deviation": Joint(-20, 35),
    "forearm.pronation": Joint(0, 160),
    "hip.flexion": Joint(-30, 125),
    "hip.abduction": Joint(-30, 45, 3),
    "hip.rotation": Joint(-45, 45),
    "knee.flexion": Joint(0, 145),
    "ankle.dorsiflexion": Joint(-50, 25),
}


def _side_name(name: str, side: str) -> str:
    part, angle = name.split(".")
    return f"{part}_{side}.{angle}"


JOINTS: Mapping[str, Joint] = {
    **_CENTRAL,
    **{_side_name(n, s): j for n, j in _PER_SIDE.items() for s in SIDES},
}

# Names a step's `motion.joint` may use: a landmark, or a generic name meaning both sides.
MOTION_JOINTS = {
    "head": ("head",),
    "neck": ("head",),
    "spine": ("neck_base",),
    "trunk": ("neck_base",),
    "pelvis": ("pelvis",),
    **{
        name: (f"{name}_l", f"{name}_r")
        for name in ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "foot")
    },
    **{
        f"{name}_{s}": (f"{name}_{s}",)
        for name in ("shoulder", "elbow", "wrist", "hand", "hip", "knee", "ankle", "foot")
        for s in SIDES
    },
}

Angles = dict[str, float]


def expand(name: str) -> tuple[str, ...]:
    """Joint names an author's key stands for: `shoulder.flexion` means both shoulders."""
    if name in JOINTS:
        return (name,)
    if name in _PER_SIDE:
        return tuple(_side_name(name, s) for s in SIDES)
    return ()


def neutral() -> Angles:
    """Every joint at its neutral value: standing upright, arms by the sides."""
    return {name: joint.neutral for name, joint in JOINTS.items()}


def clamp(name: str, value: float) -> float:
    """A joint angle held inside its normal range of motion."""
    joint = JOINTS[name]
    return min(joint.high, max(joint.low, value))


def within_limits(angles: Mapping[str, float], tolerance: float = 1e-6) -> list[str]:
    """The names of angles outside their range (empty when the pose is anatomically possible)."""
    return [
        name
        for name, value in angles.items()
        if not JOINTS[name].low - tolerance <= value <= JOINTS[name].high + tolerance
    ]
