// Filter a long checkbox list (cities) as the editor types. Without this script the list is
// still a complete set of checkboxes; with it, the search field appears.
(function () {
  "use strict";
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function setUp(box) {
    if (box.dataset.ready) return;
    box.dataset.ready = "1";
    var label = box.querySelector(".wwdw-choices__search-label");
    var input = box.querySelector(".wwdw-choices__search");
    var empty = box.querySelector(".wwdw-choices__empty");
    // Django renders each option as <div><label><input> name</label></div>.
    var items = Array.prototype.map.call(
      box.querySelectorAll(".wwdw-choices__list label"),
      function (label) { return label.parentElement; }
    );
    label.hidden = false;
    input.addEventListener("input", function () {
      var wanted = fold(input.value);
      var shown = 0;
      items.forEach(function (item) {
        var checked = item.querySelector("input:checked") !== null;
        var match = !wanted || fold(item.textContent).indexOf(wanted) !== -1 || checked;
        item.hidden = !match;
        if (match) shown += 1;
      });
      empty.hidden = shown > 0;
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // do not submit the page form
    });
  }
  function init() {
    document.querySelectorAll("[data-searchable-choices]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
