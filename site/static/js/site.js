// Wat Werkt in de Wijk: progressive enhancement. Every page works without this file; with it,
// search suggestions appear under the search boxes, filters and sorting update the results in
// place (the URL follows, the back button works), and a compare tray follows you around.
"use strict";

(() => {
  document.documentElement.classList.replace("no-js", "js");

  // --- Suggestions: the ARIA 1.2 combobox pattern over /api/v1/suggest ---------------------

  let comboboxCount = 0;

  function setUpSuggestions(input) {
    const id = `suggesties-${++comboboxCount}`;
    const list = document.createElement("ul");
    list.id = id;
    list.className = "suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Suggesties");
    list.hidden = true;
    input.after(list);
    input.parentElement.classList.add("has-suggestions");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);

    let active = -1;
    let timer = null;
    let latest = 0;
    const options = () => [...list.querySelectorAll("[role=option]")];

    function close() {
      list.hidden = true;
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      const items = options();
      items.forEach((item, position) => item.setAttribute("aria-selected", String(position === index)));
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
      else input.removeAttribute("aria-activedescendant");
    }

    async function load() {
      const text = input.value.trim();
      if (text.length < 2) return close();
      const request = ++latest;
      let suggestions = [];
      try {
        const response = await fetch(`/api/v1/suggest?limit=6&q=${encodeURIComponent(text)}`);
        if (response.ok) suggestions = await response.json();
      } catch {
        return close();
      }
      if (request !== latest) return; // an older answer arriving late
      list.replaceChildren(
        ...suggestions.map((suggestion, position) => {
          const item = document.createElement("li");
          item.id = `${id}-${position}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.dataset.url = suggestion.url;
          item.textContent = suggestion.title;
          item.addEventListener("mousedown", (event) => {
            event.preventDefault();
            window.location.assign(suggestion.url);
          });
          return item;
        }),
      );
      list.hidden = suggestions.length === 0;
      input.setAttribute("aria-expanded", String(!list.hidden));
      active = -1;
    }

    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(load, 150);
    });
    input.addEventListener("keydown", (event) => {
      const items = options();
      if (event.key === "ArrowDown" && items.length) {
        event.preventDefault();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        highlight((active + 1) % items.length);
      } else if (event.key === "ArrowUp" && items.length) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(items[active].dataset.url);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", () => setTimeout(close, 100));
  }

  document.querySelectorAll("input[data-suggest]").forEach(setUpSuggestions);

  // --- Compare tray: up to four practices, kept while you browse ---------------------------

  const MAX_COMPARED = 4;
  const STORE = "wwdw-vergelijk";
  const tray = document.querySelector("[data-compare-tray]");

  const chosen = () => {
    try {
      return JSON.parse(window.localStorage.getItem(STORE)) || [];
    } catch {
      return [];
    }
  };
  const save = (items) => window.localStorage.setItem(STORE, JSON.stringify(items));

  function renderTray() {
    if (!tray) return;
    const items = chosen();
    tray.hidden = items.length === 0;
    tray.querySelector("[data-compare-count]").textContent = String(items.length);
    const params = new URLSearchParams(items.map((item) => ["praktijk", item.slug]));
    tray.querySelector("[data-compare-link]").href = `${tray.dataset.compareUrl}?${params}`;
    document.querySelectorAll("input[data-compare]").forEach((box) => {
      box.checked = items.some((item) => item.slug === box.value);
    });
  }

  function toggle(slug, title, on) {
    let items = chosen().filter((item) => item.slug !== slug);
    if (on) {
      if (items.length >= MAX_COMPARED) {
        if (status) status.textContent = `Je kunt maximaal ${MAX_COMPARED} praktijken vergelijken.`;
        window.alert(`Je kunt maximaal ${MAX_COMPARED} praktijken vergelijken.`);
      } else {
        items = [...items, { slug, title }];
      }
    }
    save(items);
    renderTray();
  }

  function enhanceCompare(root) {
    root.querySelectorAll("input[data-compare]").forEach((box) => {
      box.addEventListener("change", () => toggle(box.value, box.dataset.title, box.checked));
    });
    renderTray();
  }

  // --- Search page: filters and sorting update results in place ----------------------------

  const region = document.querySelector("[data-search-region]");
  const status = document.querySelector("[data-search-status]");

  function searchUrl() {
    const params = new URLSearchParams();
    const text = document.querySelector("#search-q");
    if (text && text.value.trim()) params.set("q", text.value.trim());
    region.querySelectorAll("[data-search-form] :is(input:checked, select)").forEach((field) => {
      if (field.name && field.value && !(field.name === "sorteer" && field.value === "relevance")) {
        params.append(field.name, field.value);
      }
    });
    const query = params.toString();
    return `${window.location.pathname}${query ? `?${query}` : ""}`;
  }

  async function showResults(url, { push }) {
    region.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { headers: { Accept: "text/html" } });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-search-region]");
      if (!fresh) throw new Error("no results in the answer");
      region.replaceChildren(...fresh.childNodes);
      document.title = page.title;
      if (push) window.history.pushState({ search: true }, "", url);
      const count = region.querySelector("[data-search-count]");
      if (status && count) status.textContent = count.textContent.trim();
      enhanceRegion();
    } catch {
      window.location.assign(url); // fall back to a normal page load
    } finally {
      region.removeAttribute("aria-busy");
    }
  }

  function enhanceRegion() {
    region.querySelectorAll("[data-search-form]").forEach((form) => {
      form.addEventListener("change", () => showResults(searchUrl(), { push: true }));
      form.addEventListener("submit", (event) => {
        event.preventDefault();
        showResults(searchUrl(), { push: true });
      });
    });
    // Chips, "wis filters" and pagination: same page, new state.
    region.querySelectorAll(".selected-filters a, .pagination a").forEach((link) => {
      link.addEventListener("click", (event) => {
        event.preventDefault();
        showResults(link.href, { push: true });
      });
    });
    const panel = region.querySelector("[data-filters-panel]");
    if (panel && window.matchMedia("(max-width: 48rem)").matches) panel.open = false;
    enhanceCompare(region);
  }

  if (region) {
    window.history.replaceState({ search: true }, "", window.location.href);
    window.addEventListener("popstate", (event) => {
      if (event.state && event.state.search) showResults(window.location.href, { push: false });
    });
    enhanceRegion();
  }

  document.querySelectorAll("a[data-compare-add]").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      toggle(link.dataset.slug, link.dataset.title, true);
      tray?.querySelector("[data-compare-link]")?.focus();
    });
  });
  tray?.querySelector("[data-compare-clear]")?.addEventListener("click", () => {
    save([]);
    renderTray();
  });
  if (!region) enhanceCompare(document);
})();
