"""Predict a poster's fit level from its content, so most posters are laid out once, not searched for.

The estimate weighs the step text, the number of steps (each a figure and a box) and the list lines
(benefits, tips, safety); each threshold is the largest estimate seen among posters that fit at
that level, calibrated on the seed plus 100 free-exercise-db entries spread over the file (A4
posters, the site's paper), so the prediction is never tighter than the loosest level that fits
there. When the print layout changes, tests/pdf/test_fit_prediction.py says so; recalibrate here.
"""

from __future__ import annotations

from ..model import Exercise
from .documents import FIT_LEVELS, PrintOptions

# Characters of step text that weigh as much as one more step, and as one more list line.
_PER_STEP = 290
_PER_LIST_LINE = 40
# Above each of these estimates, a poster needs one level tighter (fit 1, 2, 3).
_THRESHOLDS = (1964, 2112, 2253)


def content_estimate(exercise: Exercise) -> int:
    """How much a poster holds, in weighted characters: step text, steps and list lines."""
    lines = [*exercise.benefits, *exercise.tips, *exercise.safety, *exercise.cautions]
    step_text = sum(len(step.text) for step in exercise.steps)
    return step_text + _PER_STEP * len(exercise.steps) + _PER_LIST_LINE * len(lines)


def predicted_fit(exercise: Exercise, options: PrintOptions) -> int:
    """The fit level a poster most likely needs: the render starts there, not at the loosest level.

    Only A4 posters are calibrated; other papers and the desk layout start at 0 as before.
    """
    if options.layout != "poster" or options.paper != "A4":
        return 0
    estimate = content_estimate(exercise)
    return min(sum(estimate > limit for limit in _THRESHOLDS), FIT_LEVELS - 1)
