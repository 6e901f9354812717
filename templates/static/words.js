// The scripts' words in the page's language, from the page's #ui-text (the catalogs'
// translations): a counted message has a form per CLDR plural category, chosen with
// Intl.PluralRules as the server chose it with Babel.
const texts = JSON.parse(document.getElementById("ui-text")?.textContent || "{}");
const lang = document.documentElement.lang;
const plurals = new Intl.PluralRules(lang);

export function say(key, values = {}) {
  let text = texts[key] ?? key;
  if (typeof text === "object") text = text[plurals.select(values.n ?? 0)] ?? text.other;
  return text.replace(/%\((\w+)\)s/g, (_, name) => String(values[name] ?? ""));
}
