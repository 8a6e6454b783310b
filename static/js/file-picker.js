// The browser's own file button speaks the browser's language; ours speaks Thai and shows the
// chosen file's name.
document.querySelectorAll("input.file-input").forEach(function (input) {
  input.addEventListener("change", function () {
    var chosen = document.getElementById(input.id + "_chosen");
    chosen.textContent = input.files.length ? input.files[0].name : "ยังไม่ได้เลือกไฟล์";
  });
});
