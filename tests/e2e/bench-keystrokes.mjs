// Keystroke to first page on screen, measured inside the window: type "nguyen thi hong" one
// letter at a time into the search box of the release app on a large database, and time each
// letter until the grid shows that search's rows and the browser has painted them.
// Usage: node bench-keystrokes.mjs DB_PATH [ROUNDS]   (tauri-driver must listen on :4444)
import { remote } from "webdriverio";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const [db, rounds = "5"] = process.argv.slice(2);
const browser = await remote({
  hostname: "127.0.0.1",
  port: 4444,
  logLevel: "error",
  capabilities: {
    "wdio:enforceWebDriverClassic": true,
    "tauri:options": {
      application: process.env.TRIPDESK_APP ?? path.join(here, "../../target/release/tripdesk-app"),
      args: ["--db", db],
    },
  },
});
await browser.$("main footer span").waitForDisplayed({ timeout: 20000 });
const samples = await browser.executeAsync(async (rounds, done) => {
  const input = document.getElementById("customer-search");
  const grid = document.querySelector('[role="grid"]');
  const typed = "nguyen thi hong";
  const times = [];
  const shown = (text) =>
    new Promise((resolve) => {
      const check = () => {
        if (grid.dataset.shownSearch === text) requestAnimationFrame(() => resolve());
        else setTimeout(check, 0);
      };
      check();
    });
  for (let round = 0; round < rounds; round++) {
    for (let n = 0; n <= typed.length; n++) {
      const text = typed.slice(0, n);
      const start = performance.now();
      input.value = text;
      input.dispatchEvent(new Event("input", { bubbles: true }));
      await shown(text);
      if (n > 0) times.push(performance.now() - start);
    }
  }
  done(times);
}, Number(rounds));
await browser.deleteSession();
samples.sort((a, b) => a - b);
const pct = (p) => samples[Math.round((samples.length - 1) * p)].toFixed(1);
console.log(`keystroke to painted first page: ${samples.length} keystrokes, p50 ${pct(0.5)} ms, p95 ${pct(0.95)} ms, max ${pct(1)} ms`);
