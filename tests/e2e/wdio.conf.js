// End-to-end tests of the built desktop app: tauri-driver starts it under WebKitWebDriver and
// WebdriverIO clicks through it as she would. Each spec file gets a fresh database file.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");
const application = process.env.TRIPDESK_APP ?? path.join(root, "target", "debug", "tripdesk-app");
const driverBin = process.env.TAURI_DRIVER ?? path.join(os.homedir(), ".cargo", "bin", "tauri-driver");
const scratch = mkdtempSync(path.join(os.tmpdir(), "tripdesk-e2e-"));

let driver;

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
    driver = spawn(driverBin, [], {
      stdio: [null, process.stdout, process.stderr],
      env: {
        ...process.env,
        // Keep the app's own files (known databases) out of the real home folder.
        XDG_CONFIG_HOME: path.join(scratch, "config"),
        XDG_DATA_HOME: path.join(scratch, "data"),
        TRIPDESK_LOG: "warn",
        // Native file dialogs cannot be driven: the app takes this file where the dialog would
        // hand one back.
        TRIPDESK_PICK_FILE: path.join(root, "src-tauri", "icons", "128x128.png"),
      },
    });
  },

  beforeSession(_config, capabilities, specs) {
    const name = path.basename(specs[0] ?? "spec", ".e2e.js");
    const db = path.join(mkdtempSync(path.join(scratch, `${name}-`)), "desk.sqlite3");
    capabilities["tauri:options"].args = ["--db", db];
    process.env.TRIPDESK_E2E_DB = db;
  },

  async afterTest(test, _context, { passed }) {
    if (!passed) {
      const dir = path.join(here, "artifacts");
      mkdirSync(dir, { recursive: true });
      await browser.saveScreenshot(path.join(dir, `${test.title.replace(/\W+/g, "-")}.png`));
    }
  },

  onComplete() {
    driver?.kill();
  },
};
