// What several specs need: reading a file inside an xlsx, and a screenshot that cannot hang.
import { browser } from "@wdio/globals";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

/** Where the specs' screenshots go. */
export const artifacts = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "artifacts");

/** The text of the file `name` inside the zip `data` (an xlsx is one), found by its central directory. */
export function zipText(data, name) {
  const end = data.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = data.readUInt32LE(end + 16);
  for (let n = data.readUInt16LE(end + 10); n > 0; n--) {
    const method = data.readUInt16LE(at + 10);
    const size = data.readUInt32LE(at + 20);
    const nameLength = data.readUInt16LE(at + 28);
    const skip = nameLength + data.readUInt16LE(at + 30) + data.readUInt16LE(at + 32);
    const local = data.readUInt32LE(at + 42);
    if (data.toString("utf8", at + 46, at + 46 + nameLength) === name) {
      const start = local + 30 + data.readUInt16LE(local + 26) + data.readUInt16LE(local + 28);
      const body = data.subarray(start, start + size);
      return (method === 8 ? inflateRawSync(body) : body).toString("utf8");
    }
    at += 46 + skip;
  }
  throw new Error(`${name} is not in the file`);
}

/** A screenshot into `artifacts/<name>.png` that cannot hang the run: WebKit's driver has been
 *  seen never to answer one. A screenshot that does not return in 20 s fails the test. */
export async function photograph(name) {
  mkdirSync(artifacts, { recursive: true });
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the screenshot ${name} did not return in 20 s`)), 20000);
  });
  try {
    await Promise.race([browser.saveScreenshot(path.join(artifacts, `${name}.png`)), late]);
  } finally {
    clearTimeout(timer);
  }
}
