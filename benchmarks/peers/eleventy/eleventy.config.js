// Eleventy, as a newsroom would set it up for a briefing: the content folder named by
// BRIEFING_CONTENT read as global data (src/_data/briefing.js), pages in Nunjucks.
import MarkdownIt from "markdown-it";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"];

export default function (config) {
  const md = new MarkdownIt({ html: false });
  const rendered = new Map(); // a summary shown on several pages is rendered once
  config.addFilter("md", (text) => {
    if (!text) return "";
    if (!rendered.has(text)) rendered.set(text, md.render(text));
    return rendered.get(text);
  });
  config.addFilter("date", (value) => {
    const [year, month, day] = String(value).split("-");
    const words = [day && String(+day), month && MONTHS[+month - 1], year].filter(Boolean);
    return `<time datetime="${value}">${words.join(" ")}</time>`;
  });
  config.addPassthroughCopy({ "../static/style.css": "style.css" });
  config.setQuietMode(true);
  return { dir: { input: "src" }, templateFormats: ["njk"], htmlTemplateEngine: "njk" };
}
