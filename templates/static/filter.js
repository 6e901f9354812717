// A list's filter (the chronology by actor and side, the claims by status and side).
// Without JavaScript every item is shown; with it, the choice lives in the URL
// (?actor=…&side=…) and the count is announced. The form names its items (data-items)
// and each select the item's data attribute it matches (data-field), a list of words.
import { say } from "./words.js";

const form = document.querySelector(".filter");
const items = [...document.querySelectorAll(form.dataset.items)];
const selects = [...form.querySelectorAll("select")];
const count = form.querySelector(".filter-count");
const params = new URLSearchParams(location.search);
for (const select of selects) {
  const wanted = params.get(select.name);
  if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
}

function apply() {
  let shown = 0;
  for (const item of items) {
    const visible = selects.every((select) => !select.value ||
      (item.dataset[select.dataset.field] || "").split(" ").includes(select.value));
    item.hidden = !visible;
    shown += visible;
  }
  for (const section of document.querySelectorAll("main section")) {
    if (section.querySelector(form.dataset.items)) {
      section.hidden = !section.querySelector(`${form.dataset.items}:not([hidden])`);
    }
  }
  const chosen = selects.some((select) => select.value);
  count.textContent = say(`${form.dataset.noun}_${chosen ? "some" : "all"}`,
    { n: items.length, shown });
  const url = new URL(location.href);
  for (const select of selects) {
    if (select.value) url.searchParams.set(select.name, select.value);
    else url.searchParams.delete(select.name);
  }
  history.replaceState(null, "", url);
}

form.addEventListener("change", apply);
form.addEventListener("submit", (event) => event.preventDefault());
apply();
