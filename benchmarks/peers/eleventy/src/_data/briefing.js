// The whole briefing, read once, with every cross-reference built in one pass.
import fs from "node:fs";
import path from "node:path";
import yaml from "js-yaml";

const folder = path.resolve(process.env.BRIEFING_CONTENT || "content");
const read = (file) => yaml.load(fs.readFileSync(path.join(folder, file), "utf8"),
  { schema: yaml.CORE_SCHEMA }); // dates stay the text written
const named = (dir, suffix) => fs.readdirSync(path.join(folder, dir)).sort()
  .filter((name) => name.endsWith(suffix));

export default function () {
  const briefing = read("briefing.yaml");
  const sides = Object.fromEntries(briefing.sides.map((s) => [s.id, s]));
  const actors = {};
  for (const name of named("actors", ".yaml")) {
    const actor = read(path.join("actors", name));
    actor.id = name.slice(0, -5);
    actors[actor.id] = actor;
  }
  const events = read("chronology.yaml").map((e) => ({ ...e, date: String(e.date) }));
  events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const issues = read("positions.yaml");
  const sources = read("sources.yaml");
  const articles = named("articles", ".md").map((name) => {
    const [, front, ...body] = fs.readFileSync(path.join(folder, "articles", name), "utf8")
      .split("---\n");
    return { ...yaml.load(front), id: name.slice(0, -3), body: body.join("---\n") };
  });
  const byActor = {}, stancesOf = {}, cites = {}, groups = {};
  for (const id in actors) { byActor[id] = []; stancesOf[id] = []; }
  for (const e of events) {
    for (const a of e.actors || []) byActor[a].push(e);
    for (const s of e.sources || []) (cites[s] ||= []).push(e);
  }
  for (const issue of issues) {
    for (const [side, stance] of Object.entries(issue.stances)) {
      for (const a of stance.actors || []) stancesOf[a].push({ issue, side: sides[side], stance });
    }
  }
  for (const actor of Object.values(actors)) (groups[actor.side || "none"] ||= []).push(actor);
  return { ...briefing, sideOf: sides, actors, actorList: Object.values(actors), events,
    issues, sources, articles, byActor, stancesOf, cites, groups };
}
