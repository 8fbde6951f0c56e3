// The exercise animation's play/pause button. The SVG's own CSS plays it, pauses it while it has
// the class eg-paused, and keeps it still for readers who ask for reduced motion until they press
// Play (the class eg-play). Without this script the button stays hidden and the SVG behaves alike.
(function () {
  "use strict";
  var reduce = window.matchMedia("(prefers-reduced-motion: reduce)");

  function playing(svg) {
    var chosen = svg.classList.contains("eg-play") || !reduce.matches;
    return chosen && !svg.classList.contains("eg-paused");
  }

  function label(button, svg) {
    button.textContent = playing(svg) ? button.dataset.pause : button.dataset.play;
  }

  function setUp() {
    document.querySelectorAll("button.eg-animation-toggle").forEach(function (button) {
      var svg = document.getElementById(button.getAttribute("aria-controls"));
      if (!svg || button.dataset.wired) {
        return;
      }
      button.dataset.wired = "1";
      button.addEventListener("click", function () {
        if (playing(svg)) {
          svg.classList.add("eg-paused");
        } else {
          svg.classList.remove("eg-paused");
          svg.classList.add("eg-play");
        }
        label(button, svg);
      });
      reduce.addEventListener("change", function () {
        label(button, svg);
      });
      label(button, svg);
      button.hidden = false;
    });
  }

  // Pages that add animations later (the programme page borrows them) ask for this again.
  document.addEventListener("eg-animations-added", setUp);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
