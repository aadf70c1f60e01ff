// End-to-end tests of the built desktop app: tauri-driver starts it under WebKitWebDriver and
// WebdriverIO clicks through it as she would. Each spec file gets a fresh database file.
import { spawn, spawnSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const targetDir = process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, "target");
const application = process.env.TRIPDESK_APP ?? path.join(targetDir, "debug", "tripdesk-app");
const driverBin = process.env.TAURI_DRIVER ?? path.join(os.homedir(), ".cargo", "bin", "tauri-driver");
// One scratch folder for the launcher (which starts tauri-driver, and so the app) and the
// workers (which prepare each spec's files): the workers inherit it through the environment.
process.env.TRIPDESK_E2E_SCRATCH ??= mkdtempSync(path.join(os.tmpdir(), "tripdesk-e2e-"));
const scratch = process.env.TRIPDESK_E2E_SCRATCH;

let driver;
let holder;
let bus;

export const config = {
  runner: "local",
  hostname: "127.0.0.1",
  port: 4444,
  specs: ["./specs/**/*.e2e.js"],
  maxInstances: 1,
  capabilities: [
    {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application, args: [] },
    },
  ],
  logLevel: "warn",
  framework: "mocha",
  reporters: ["spec"],
  mochaOpts: { ui: "bdd", timeout: 120000 },
  waitforTimeout: 10000,
  connectionRetryTimeout: 120000,
  connectionRetryCount: 2,

  onPrepare() {
    // A session bus of the run's own: the app finds an already open Tripdesk through it (and
    // hands over to it), so the specs neither meet one open on this desktop nor miss the
    // hand-over where there is no bus at all (CI). The workers inherit its address.
    const daemon = spawnSync("dbus-daemon", ["--session", "--fork", "--print-address=1", "--print-pid=1"], {
      encoding: "utf8",
    });
    const [address, pid] = (daemon.stdout ?? "").trim().split("\n");
    if (daemon.status !== 0 || !address || !pid) {
      throw new Error(`the e2e run needs dbus-daemon (scripts/setup.sh test installs it): ${daemon.error ?? daemon.stderr}`);
    }
    bus = Number(pid);
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
    driver = spawn(driverBin, [], {
      stdio: [null, process.stdout, process.stderr],
      env: {
        ...process.env,
        // Keep the app's own files (known databases) out of the real home folder.
        XDG_CONFIG_HOME: path.join(scratch, "config"),
        XDG_DATA_HOME: path.join(scratch, "data"),
        TRIPDESK_LOG: process.env.TRIPDESK_LOG ?? "warn",
        // Native file dialogs cannot be driven: the app takes this file where the dialog would
        // hand one back.
        TRIPDESK_PICK_FILE: path.join(root, "src-tauri", "icons", "128x128.png"),
        TRIPDESK_PICK_IMPORT: path.join(here, "fixtures", "messy-list.xlsx"),
        // A customer's files (a list like PATH: one file here).
        TRIPDESK_PICK_FILES: path.join(here, "fixtures", "hop-dong-du-lich.pdf"),
        // And what a drop on the window would hand over (the drop itself is signalled by the spec).
        TRIPDESK_DROP_FILES: path.join(root, "src-tauri", "icons", "32x32.png"),
        // Likewise where a save dialog would: the import spec reads what was saved there.
        TRIPDESK_SAVE_FILE: path.join(scratch, "saved", "rows-not-imported.xlsx"),
        // And where the folder dialog would hand back her second backup folder.
        TRIPDESK_PICK_FOLDER: path.join(scratch, "second-folder"),
      },
    });
  },

  beforeSession(_config, capabilities, specs) {
    const name = path.basename(specs[0] ?? "spec", ".e2e.js");
    const db = path.join(mkdtempSync(path.join(scratch, `${name}-`)), "desk.sqlite3");
    capabilities["tauri:options"].args = ["--db", db];
    // Some specs start from trouble: a file the app knew that has gone, or one that another
    // Tripdesk holds open.
    if (name === "missing-file") {
      const known = path.join(scratch, "config", "vn.tripdesk.desk");
      mkdirSync(known, { recursive: true });
      appendFileSync(path.join(known, "known-files.txt"), `${db}\n`);
    }
    if (name === "locked-file") {
      holder = spawn("flock", [`${db}.lock`, "sleep", "600"], { stdio: "ignore" });
    }
  },

  before() {
    // WebKitGTK's driver takes a screenshot from the next frame the page draws, and a page with
    // nothing changing draws none: on a still screen (no notice fading, no click just before)
    // the screenshot never returns. Before one is asked for, the page starts drawing frames that
    // change one corner pixel between two shades no eye can tell apart (a real repaint, unlike a
    // transparent outline, which WebKit may skip), and keeps at it until the screenshot is back.
    browser.overwriteCommand("saveScreenshot", async function (original, ...args) {
      await browser
        .execute(() => {
          const dot = document.createElement("div");
          dot.id = "screenshot-nudge";
          dot.setAttribute("aria-hidden", "true");
          dot.style.cssText =
            "position:fixed;left:0;bottom:0;width:1px;height:1px;pointer-events:none;z-index:2147483647";
          document.body.append(dot);
          const until = performance.now() + 30000;
          let on = false;
          const step = () => {
            if (!dot.isConnected) return;
            on = !on;
            dot.style.background = on ? "rgba(0,0,0,0.01)" : "rgba(0,0,0,0.02)";
            if (performance.now() < until) requestAnimationFrame(step);
            else dot.remove();
          };
          requestAnimationFrame(step);
        })
        .catch(() => {});
      try {
        return await original(...args);
      } finally {
        await browser
          .execute(() => document.getElementById("screenshot-nudge")?.remove())
          .catch(() => {});
      }
    });
  },

  afterSession() {
    holder?.kill();
    holder = undefined;
  },

  async afterTest(test, _context, { passed }) {
    if (!passed) {
      const dir = path.join(here, "artifacts");
      mkdirSync(dir, { recursive: true });
      // A window that hangs cannot be photographed either: give up after a while rather than
      // hide the failure behind a timeout.
      const shot = browser.saveScreenshot(path.join(dir, `${test.title.replace(/\W+/g, "-")}.png`));
      await Promise.race([shot.catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5000))]);
    }
  },

  onComplete() {
    driver?.kill();
    if (bus) process.kill(bus);
  },
};
