// The webview check itself: run on a copy of the project's real configuration in a temporary
// folder, it passes; with one unsafe change at a time it exits non-zero and names the problem.
//
//   node --test scripts/check-webview-security.test.mjs
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "..");
const script = path.join(here, "check-webview-security.mjs");
const scratch = mkdtempSync(path.join(os.tmpdir(), "tripdesk-webview-check-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

let copies = 0;
/** A copy of the real src-tauri configuration and ui/package.json, changed by `change(dir)`. */
function project(change = () => {}) {
  const dir = path.join(scratch, String(copies++));
  mkdirSync(path.join(dir, "src-tauri"), { recursive: true });
  mkdirSync(path.join(dir, "ui"), { recursive: true });
  cpSync(path.join(root, "src-tauri", "tauri.conf.json"), path.join(dir, "src-tauri", "tauri.conf.json"));
  cpSync(path.join(root, "src-tauri", "Cargo.toml"), path.join(dir, "src-tauri", "Cargo.toml"));
  cpSync(path.join(root, "src-tauri", "capabilities"), path.join(dir, "src-tauri", "capabilities"), { recursive: true });
  cpSync(path.join(root, "ui", "package.json"), path.join(dir, "ui", "package.json"));
  change(dir);
  return dir;
}

function run(dir) {
  const out = spawnSync(process.execPath, [script, dir], { encoding: "utf8" });
  return { status: out.status, text: out.stdout + out.stderr };
}

const confOf = (dir) => path.join(dir, "src-tauri", "tauri.conf.json");
/** Rewrites the copy's CSP with `edit(csp)`. */
const withCsp = (edit) => (dir) => {
  const conf = JSON.parse(readFileSync(confOf(dir), "utf8"));
  conf.app.security.csp = edit(conf.app.security.csp);
  writeFileSync(confOf(dir), JSON.stringify(conf, null, 2));
};
const addScriptSource = (source) =>
  withCsp((csp) => csp.replace("script-src 'self'", `script-src 'self' ${source}`));
const capability = (dir) => path.join(dir, "src-tauri", "capabilities", "default.json");
const grant = (permission) => (dir) => {
  const cap = JSON.parse(readFileSync(capability(dir), "utf8"));
  cap.permissions.push(permission);
  writeFileSync(capability(dir), JSON.stringify(cap, null, 2));
};

function expectRefused(dir, ...words) {
  const { status, text } = run(dir);
  assert.notEqual(status, 0, `the check passed on an unsafe configuration:\n${text}`);
  for (const w of words) assert.ok(text.includes(w), `the message does not name ${w}:\n${text}`);
}

test("the project's own configuration passes", () => {
  const { status, text } = run(project());
  assert.equal(status, 0, text);
  assert.equal(run(root).status, 0);
});

test("refuses 'unsafe-eval' in script-src", () => {
  expectRefused(project(addScriptSource("'unsafe-eval'")), "tauri.conf.json", "script-src", "'unsafe-eval'");
});

test("refuses data: and blob: scripts", () => {
  expectRefused(project(addScriptSource("data:")), "script-src", "data:");
  expectRefused(project(addScriptSource("blob:")), "script-src", "blob:");
});

test("refuses 'unsafe-inline', * and another site for scripts", () => {
  expectRefused(project(addScriptSource("'unsafe-inline'")), "'unsafe-inline'");
  expectRefused(project(addScriptSource("*")), "script-src allows *");
  expectRefused(project(addScriptSource("https://cdn.example.com")), "https://cdn.example.com");
});

test("without script-src, judges default-src", () => {
  const noScriptSrc = (csp) => csp.replace(/script-src [^;]*;/, "");
  expectRefused(
    project(withCsp((csp) => noScriptSrc(csp).replace("default-src 'self'", "default-src 'self' 'unsafe-eval'"))),
    "default-src allows 'unsafe-eval'",
  );
  // And default-src 'self' alone is as strict as script-src 'self'.
  assert.equal(run(project(withCsp(noScriptSrc))).status, 0);
});

test("refuses a policy written as an object the same way", () => {
  expectRefused(
    project(withCsp(() => ({ "default-src": "'self'", "script-src": ["'self'", "blob:"] }))),
    "script-src allows blob:",
  );
});

test("refuses no policy at all", () => {
  expectRefused(project(withCsp(() => null)), "no content security policy");
});

test("refuses a capability that grants fs or shell", () => {
  expectRefused(project(grant("fs:allow-read-file")), "default.json", "fs:allow-read-file");
  expectRefused(project(grant("shell:allow-execute")), "default.json", "shell:allow-execute");
  expectRefused(project(grant({ identifier: "fs:scope", allow: [{ path: "$HOME/**" }] })), "fs:scope");
  expectRefused(project(grant("shell:default")), "shell:default");
});

test("refuses such a grant in another capability file too", () => {
  expectRefused(
    project((dir) =>
      writeFileSync(
        path.join(dir, "src-tauri", "capabilities", "extra.json"),
        JSON.stringify({ identifier: "extra", windows: ["*"], permissions: ["fs:default"] }),
      ),
    ),
    "extra.json",
    "fs:default",
  );
});

test("refuses the fs and shell plugins as dependencies", () => {
  const addDependency = (line) => (dir) => {
    const cargo = path.join(dir, "src-tauri", "Cargo.toml");
    writeFileSync(cargo, readFileSync(cargo, "utf8").replace("[dependencies]\n", `[dependencies]\n${line}\n`));
  };
  expectRefused(project(addDependency('tauri-plugin-fs = "2"')), "Cargo.toml", "tauri-plugin-fs");
  expectRefused(project(addDependency('tauri-plugin-shell = { version = "2" }')), "tauri-plugin-shell");
});
