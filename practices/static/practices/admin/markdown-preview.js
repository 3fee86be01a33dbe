// Live preview of a Markdown field, rendered on the server by the same sanitising pipeline as
// the public page (practices/markdown.py), so the editor sees exactly what visitors will see.
(function () {
  "use strict";
  var DELAY_MS = 400;
  function csrfToken(textarea) {
    var form = textarea.form || document;
    var field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function setUp(textarea) {
    if (textarea.dataset.previewReady) return;
    textarea.dataset.previewReady = "1";
    var preview = textarea.parentNode.querySelector(".wwdw-markdown-preview");
    if (!preview) return;
    var body = preview.querySelector(".wwdw-markdown-preview__body");
    var timer = null;
    var latest = 0;
    function refresh() {
      var request = ++latest;
      var data = new URLSearchParams();
      data.set("text", textarea.value);
      fetch(textarea.dataset.markdownPreview, {
        method: "POST",
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(textarea) },
        body: data,
      })
        .then(function (response) {
          return response.ok ? response.text() : Promise.reject(response.status);
        })
        .then(function (html) {
          if (request !== latest) return; // an older answer arriving late
          body.innerHTML = html; // sanitised by bleach on the server
          preview.hidden = html.trim() === "";
        })
        .catch(function () {
          body.textContent = "Het voorbeeld kon niet worden geladen.";
          preview.hidden = false;
        });
    }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, DELAY_MS);
    });
    if (textarea.value.trim()) refresh();
  }
  function init() {
    document.querySelectorAll("textarea[data-markdown-preview]").forEach(setUp);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
