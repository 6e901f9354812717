// For a page that embeds Briefing's cards (iframes with data-briefing-card), optional:
// fits each card's height to its content. Each card posts its height (AMP's
// embed-size message) when it loads and whenever it changes; this sets it on the
// iframe that sent it. Without this script a card keeps the height its code gives.
(() => {
  const cards = () => document.querySelectorAll("iframe[data-briefing-card]");
  addEventListener("message", (event) => {
    const data = event.data;
    if (!data || data.sentinel !== "amp" || data.type !== "embed-size") return;
    const height = Number(data.height);
    if (!(height > 0 && height < 100000)) return;
    for (const frame of cards()) {
      if (frame.contentWindow === event.source) frame.style.height = `${Math.ceil(height)}px`;
    }
  });
  // Cards that loaded before this script did: ask them again.
  const ask = () => {
    for (const frame of cards()) frame.contentWindow?.postMessage("briefing-card-size", "*");
  };
  if (document.readyState === "loading") addEventListener("DOMContentLoaded", ask);
  else ask();
  addEventListener("load", ask);
})();
