/* The review page: the arrow keys (and Page Up/Down) walk the agenda, except
   while typing in a form. Other pages have no #review-next/#review-prev. */
document.addEventListener("keydown", function (event) {
  var target = event.target;
  if (target && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) {
    return;
  }
  if (event.altKey || event.ctrlKey || event.metaKey) {
    return;
  }
  var id = null;
  if (event.key === "ArrowRight" || event.key === "PageDown") {
    id = "review-next";
  } else if (event.key === "ArrowLeft" || event.key === "PageUp") {
    id = "review-prev";
  }
  var link = id && document.getElementById(id);
  if (link) {
    event.preventDefault();
    link.click();
  }
});
