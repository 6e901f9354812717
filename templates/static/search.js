// Search with Pagefind, as an enhancement: the forms stay hidden unless the index loads.
import { say } from "./words.js";

const me = document.currentScript || document.querySelector("script[data-pagefind]");
const base = new URL(me.dataset.base, location.href).pathname;

async function loadIndex() {
  try {
    const pagefind = await import(new URL(me.dataset.pagefind, location.href).href);
    await pagefind.options({ baseUrl: base });
    return pagefind;
  } catch {
    return null; // no index (the live preview) or no network: search stays hidden
  }
}

const pagefind = await loadIndex();
const page = document.querySelector(".search-page");
if (pagefind && page) await searchPage(page);

async function searchPage(form) {
  const input = form.querySelector("input");
  const count = document.querySelector(".search-count");
  const list = document.querySelector(".search-results");
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) return;
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  count.textContent = say("results", { n: found.results.length, query });
  list.replaceChildren(...results.map((result) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt; // Pagefind's excerpt: escaped text with <mark>
    item.append(link, excerpt);
    return item;
  }));
}
