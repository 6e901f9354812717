// The one 404 page answers in the language of the address asked for: under /uk/ it
// shows the Ukrainian header, text and footer it carries in a <template>. Without
// JavaScript it stays in the original language, with links to every language's pages.
const me = document.querySelector('script[src$="notfound.js"]');
const base = new URL(me.dataset.base, location.href).pathname;
const rest = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : "";
const chosen = [...document.querySelectorAll("template.in-language")]
  .find((t) => rest.startsWith(t.dataset.prefix));

if (chosen) {
  const words = chosen.content;
  const root = document.documentElement;
  root.lang = chosen.dataset.lang;
  root.dir = chosen.dataset.dir;
  document.querySelector(".skip-link").remove();
  document.querySelector(".site-header").replaceWith(...words.querySelector(".header").childNodes);
  document.querySelector(".site-footer").replaceWith(...words.querySelector(".footer").childNodes);
  const main = document.querySelector("main");
  main.replaceChildren(...words.querySelector(".main").childNodes);
  const brand = document.querySelector(".brand");
  document.title = `${main.querySelector("h1").textContent} · ${brand.textContent}`;
}
