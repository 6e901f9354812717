// A card to embed tells the page around it how tall it is: when it loads and whenever
// that changes (its text wraps anew in a narrower column, a font arrives). In the
// messages hosts listen for: AMP's embed-size (which the optional embed.js reads too),
// Pym.js's height when the address has Pym's childId, WordPress's when its hash has
// #?secret=…. Only the height is sent, nothing of the reader; a host asking
// ("briefing-card-size", embed.js on loading) is told again.
(() => {
  if (window.parent === window) return;
  const pym = new URLSearchParams(location.search).get("childId");
  const secret = /[#?&]secret=([A-Za-z0-9]{1,64})/.exec(location.hash)?.[1];
  let sent = 0;
  const post = (again) => {
    const height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === sent && again !== true) return;
    sent = height;
    window.parent.postMessage({ sentinel: "amp", type: "embed-size", height }, "*");
    if (pym) window.parent.postMessage(`pymxPYMx${pym}xPYMxheightxPYMx${height}`, "*");
    if (secret) window.parent.postMessage({ secret, message: "height", value: height }, "*");
  };
  addEventListener("message", (event) => {
    if (event.source === window.parent && event.data === "briefing-card-size") post(true);
  });
  addEventListener("load", () => post(true));
  if ("ResizeObserver" in window) new ResizeObserver(() => post()).observe(document.documentElement);
  post();
})();
