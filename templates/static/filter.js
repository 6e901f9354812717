// Chronology filter by actor and side. Without JavaScript every event is shown; with
// it, the choice lives in the URL (?actor=…&side=…) and the count is announced.
const form = document.querySelector(".filter");
const events = [...document.querySelectorAll(".event[data-actors]")];
const count = form.querySelector(".filter-count");
const params = new URLSearchParams(location.search);
for (const select of form.querySelectorAll("select")) {
  const wanted = params.get(select.name);
  if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
}

function apply() {
  const actor = form.elements.actor.value;
  const side = form.elements.side.value;
  let shown = 0;
  for (const event of events) {
    const visible = (!actor || event.dataset.actors.split(" ").includes(actor)) &&
                    (!side || event.dataset.sides.split(" ").includes(side));
    event.hidden = !visible;
    shown += visible;
  }
  for (const section of document.querySelectorAll("main section")) {
    section.hidden = !section.querySelector(".event:not([hidden])");
  }
  count.textContent = actor || side
    ? `${shown} of ${events.length} events shown`
    : `All ${events.length} events shown`;
  const url = new URL(location.href);
  for (const [name, value] of [["actor", actor], ["side", side]]) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, "", url);
}

form.addEventListener("change", apply);
form.addEventListener("submit", (event) => event.preventDefault());
apply();
