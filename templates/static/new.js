// "New since your last visit": marks what changed since then, without tracking anyone.
// Off by default. Switched on, it keeps one ISO timestamp in this browser's
// localStorage (the time of the last page seen), sends it nowhere, and marks items whose
// latest change (data-changed) came after it. `?since=YYYY-MM-DD` marks the same way,
// from that day on, with no storage at all. Without JavaScript nothing is marked.
import { say as words } from "./words.js";

const box = document.querySelector(".whats-new");
const key = "briefing-last-visit:" + new URL(box ? box.dataset.changes : ".", location.href)
  .pathname.replace(/changes\/$/, "");
const since = new URLSearchParams(location.search).get("since");
const status = box && box.querySelector(".whats-new-status");

// A change's moment as written: a day (that day's first moment, UTC) or a time with its
// offset. Its calendar day is the day written, in its own offset.
const instant = (at) => Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(at) ? at + "T00:00:00Z" : at);
const day = (at) => at.slice(0, 10);
const lang = document.documentElement.lang;
const longDay = (date) => date.toLocaleDateString(lang === "en" ? "en-GB" : lang,
  { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }); // as the site writes

function mark(isNew) {
  for (const item of document.querySelectorAll("[data-changed]")) {
    if (!isNew(item.dataset.changed) || item.hasAttribute("data-new")) continue;
    item.setAttribute("data-new", "");
    const word = document.createElement("strong");
    word.className = "new-mark";
    word.textContent = words("new");
    const place = item.querySelector("h1, h2, h3, .event-date, .issue-name, .change-head, a") || item;
    place.prepend(word, " ");
  }
}

function say(count, text, sinceDay) {
  status.textContent = text;
  if (count > 0) {
    const link = document.createElement("a");
    link.href = box.dataset.changes + "?since=" + sinceDay;
    link.textContent = words("see");
    status.append(" ", link);
  }
}

function changesSince(isNew) {
  return box.dataset.recent.split(" ").filter(isNew).length;
}

if (since && /^\d{4}-\d{2}-\d{2}$/.test(since)) {
  const isNew = (at) => day(at) >= since;
  mark(isNew);
  if (box) {
    const count = changesSince(isNew);
    say(0, words("since_day", { n: count, day: longDay(new Date(since + "T00:00:00Z")) }));
  }
} else if (box) {
  const toggle = box.querySelector(".whats-new-switch");
  const last = localStorage.getItem(key);
  const now = new Date().toISOString();
  if (last) {
    toggle.checked = true;
    const isNew = (at) => instant(at) > Date.parse(last);
    mark(isNew);
    const count = changesSince(isNew);
    const more = count === box.dataset.recent.split(" ").length;
    say(count, count ? words(more ? "since_visit_more" : "since_visit", { n: count })
      : words("nothing", { day: longDay(new Date(last)) }), last.slice(0, 10));
    localStorage.setItem(key, now);
  }
  toggle.addEventListener("change", () => {
    if (toggle.checked) {
      localStorage.setItem(key, new Date().toISOString());
      say(0, words("on"));
    } else {
      localStorage.removeItem(key);
      say(0, words("off"));
    }
  });
}
