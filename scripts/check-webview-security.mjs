#!/usr/bin/env node
// Fails the build when the window could be made to run code that is not the app's own, or
// could reach her files or programs: the content security policy in src-tauri/tauri.conf.json
// must keep scripts to the app itself (no 'unsafe-eval', 'unsafe-inline', data:, blob:, *, or
// another site), and no capability may grant the webview an `fs:` or `shell:` permission, nor
// may src-tauri/Cargo.toml or ui/package.json bring in the file system or shell plugins.
//
//   node scripts/check-webview-security.mjs [ROOT]
//
// ROOT is the project folder (by default the one this script is in). Exits 1 with one line per
// problem, each naming the file and what it allows.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Script sources that keep scripts to the app's own files. Anything else is refused. */
const SAFE_SCRIPT_SOURCE = /^('self'|'none'|'strict-dynamic'|'wasm-unsafe-eval'|'nonce-[^']+'|'sha(256|384|512)-[^']+')$/i;

/** What a script source lets in, in words, for the message. */
function whyUnsafe(source) {
  const s = source.toLowerCase();
  if (s === "'unsafe-eval'") return "'unsafe-eval' (eval and new Function run any text as code)";
  if (s === "'unsafe-inline'") return "'unsafe-inline' (any inline <script> or onerror= runs)";
  if (s === "'unsafe-hashes'") return "'unsafe-hashes' (inline event handlers run)";
  if (s === "data:") return "data: (a script can be written into a URL)";
  if (s === "blob:") return "blob: (a script can be made from any text)";
  if (s === "*") return "* (scripts from anywhere)";
  return `${source} (scripts from outside the app)`;
}

/** The directives of a policy given as Tauri takes it: one string, or an object of directive to
 *  a string or a list of sources. */
function directives(csp) {
  const map = new Map();
  if (typeof csp === "string") {
    for (const part of csp.split(";")) {
      const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
      if (name && !map.has(name.toLowerCase())) map.set(name.toLowerCase(), sources);
    }
  } else {
    for (const [name, value] of Object.entries(csp)) {
      const sources = Array.isArray(value) ? value.flatMap((v) => String(v).split(/\s+/)) : String(value).split(/\s+/);
      map.set(name.toLowerCase(), sources.filter(Boolean));
    }
  }
  return map;
}

/** The problems of one policy (`key` says which one, for the message). */
function checkCsp(csp, where) {
  if (csp === undefined || csp === null || csp === "") {
    return [`${where}: no content security policy, so the window runs any script`];
  }
  if (typeof csp !== "string" && typeof csp !== "object") {
    return [`${where}: the content security policy is neither text nor an object`];
  }
  const map = directives(csp);
  const problems = [];
  // Each directive that decides which scripts run; script-src-elem and -attr fall back to
  // script-src, which falls back to default-src.
  const scriptSrc = map.get("script-src") ?? map.get("default-src");
  const scriptName = map.has("script-src") ? "script-src" : "default-src";
  if (!scriptSrc) {
    problems.push(`${where}: neither script-src nor default-src is set, so the window runs any script`);
  } else {
    for (const s of scriptSrc) {
      if (!SAFE_SCRIPT_SOURCE.test(s)) problems.push(`${where}: ${scriptName} allows ${whyUnsafe(s)}`);
    }
  }
  for (const name of ["script-src-elem", "script-src-attr"]) {
    for (const s of map.get(name) ?? []) {
      if (!SAFE_SCRIPT_SOURCE.test(s)) problems.push(`${where}: ${name} allows ${whyUnsafe(s)}`);
    }
  }
  return problems;
}

/** Every permission identifier a capability grants (plain strings or `{ identifier }`). */
function permissionsOf(capability) {
  const list = Array.isArray(capability?.permissions) ? capability.permissions : [];
  return list.map((p) => (typeof p === "string" ? p : p?.identifier)).filter((p) => typeof p === "string");
}

const FORBIDDEN_PERMISSION = /^(fs|shell)(:|$)/;

function checkCapability(capability, where) {
  return permissionsOf(capability)
    .filter((p) => FORBIDDEN_PERMISSION.test(p))
    .map((p) => `${where}: grants the webview the permission "${p}" (${p.startsWith("fs") ? "her files" : "running programs"})`);
}

export function check(root) {
  const problems = [];
  const tauri = path.join(root, "src-tauri");
  const confPath = path.join(tauri, "tauri.conf.json");
  let conf;
  try {
    conf = JSON.parse(readFileSync(confPath, "utf8"));
  } catch (e) {
    return [`${confPath}: cannot be read as JSON: ${e.message}`];
  }
  const security = conf?.app?.security ?? {};
  problems.push(...checkCsp(security.csp, `${confPath} app.security.csp`));
  if (security.devCsp !== undefined && security.devCsp !== null) {
    problems.push(...checkCsp(security.devCsp, `${confPath} app.security.devCsp`));
  }
  if (security.dangerousDisableAssetCspModification) {
    problems.push(`${confPath}: app.security.dangerousDisableAssetCspModification turns off the script hashes`);
  }
  // Capabilities written inline in the configuration count as much as the files.
  for (const [i, c] of (Array.isArray(security.capabilities) ? security.capabilities : []).entries()) {
    if (typeof c === "object") problems.push(...checkCapability(c, `${confPath} app.security.capabilities[${i}]`));
  }

  const capDir = path.join(tauri, "capabilities");
  const files = existsSync(capDir) ? readdirSync(capDir, { recursive: true }).map(String).sort() : [];
  for (const name of files) {
    const file = path.join(capDir, name);
    if (!/\.(json|json5|toml)$/i.test(name)) continue;
    const text = readFileSync(file, "utf8");
    if (/\.json$/i.test(name)) {
      let parsed;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        problems.push(`${file}: cannot be read as JSON: ${e.message}`);
        continue;
      }
      // A file may hold one capability or a list of them ({ "capabilities": [...] } or [...]).
      const caps = Array.isArray(parsed) ? parsed : Array.isArray(parsed?.capabilities) ? parsed.capabilities : [parsed];
      for (const c of caps) problems.push(...checkCapability(c, file));
    } else {
      // JSON5 and TOML are not parsed here: any quoted identifier that starts with fs: or shell:.
      for (const m of text.matchAll(/["'](?:fs|shell):[^"']*["']/g)) {
        problems.push(`${file}: grants the webview the permission ${m[0]}`);
      }
    }
  }

  const cargoPath = path.join(tauri, "Cargo.toml");
  if (existsSync(cargoPath)) {
    const cargo = readFileSync(cargoPath, "utf8");
    for (const m of cargo.matchAll(/^\s*(tauri-plugin-(?:fs|shell))\s*[=.]|package\s*=\s*"(tauri-plugin-(?:fs|shell))"|^\s*\[.*dependencies\.(tauri-plugin-(?:fs|shell))\]/gm)) {
      const name = m[1] ?? m[2] ?? m[3];
      problems.push(`${cargoPath}: depends on ${name}, which lets the webview reach ${name.endsWith("fs") ? "her files" : "programs"}`);
    }
  }
  const uiPackage = path.join(root, "ui", "package.json");
  if (existsSync(uiPackage)) {
    const pkg = JSON.parse(readFileSync(uiPackage, "utf8"));
    const deps = { ...pkg.dependencies, ...pkg.devDependencies };
    for (const name of Object.keys(deps)) {
      if (/^@tauri-apps\/plugin-(fs|shell)$/.test(name)) problems.push(`${uiPackage}: depends on ${name}`);
    }
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), ".."));
  const problems = check(root);
  if (problems.length > 0) {
    console.error("webview security check failed:");
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log("webview security: scripts only from the app, no fs or shell for the webview");
}
