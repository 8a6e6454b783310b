// "Copy link" for the permanent address: the address is shown anyway, so the page works without
// this; with it, one press copies it for pasting into the assessment system.
document.querySelectorAll("button.copy-link").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  var done = button.parentElement.querySelector(".copy-done");
  button.hidden = false;
  button.addEventListener("click", function () {
    field.select();
    var copied = navigator.clipboard
      ? navigator.clipboard.writeText(field.value)
      : Promise.resolve(document.execCommand("copy"));
    copied.then(function () { if (done) done.textContent = "คัดลอกแล้ว"; });
  });
});
