// A signature drawn with a finger, a pen or a mouse. The drawing keeps a transparent background
// and is sent as a PNG data URL in the hidden field next to the box, when the form is sent.
document.querySelectorAll(".signature-pad").forEach(function (pad) {
  var canvas = pad.querySelector("canvas");
  var field = document.getElementById(pad.dataset.target);
  var context = canvas.getContext("2d");
  var drawing = false;
  var drawn = false;
  pad.hidden = false;
  context.lineWidth = 3;
  context.lineCap = "round";
  context.lineJoin = "round";
  context.strokeStyle = "#1a237e";

  function point(event) {
    var box = canvas.getBoundingClientRect();
    return {
      x: (event.clientX - box.left) * (canvas.width / box.width),
      y: (event.clientY - box.top) * (canvas.height / box.height),
    };
  }
  canvas.addEventListener("pointerdown", function (event) {
    drawing = true;
    canvas.setPointerCapture(event.pointerId);
    var at = point(event);
    context.beginPath();
    context.moveTo(at.x, at.y);
    event.preventDefault();
  });
  canvas.addEventListener("pointermove", function (event) {
    if (!drawing) return;
    var at = point(event);
    context.lineTo(at.x, at.y);
    context.stroke();
    drawn = true;
    event.preventDefault();
  });
  ["pointerup", "pointercancel", "pointerleave"].forEach(function (name) {
    canvas.addEventListener(name, function () { drawing = false; });
  });
  pad.querySelector(".signature-clear").addEventListener("click", function () {
    context.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    field.value = "";
  });
  pad.closest("form").addEventListener("submit", function () {
    field.value = drawn ? canvas.toDataURL("image/png") : "";
  });
});
