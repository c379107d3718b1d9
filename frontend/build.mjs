#!/usr/bin/env node
// Front-end build for engage: copies vendor assets from node_modules and our own
// assets into static/frontend/ (served by Django as static "frontend/...").
// Dependency-free: only node: built-ins. Idempotent: the output dir is recreated.
//
//   npm ci && npm run build

import fs from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const NM = path.join(ROOT, 'node_modules');
const OUT = path.join(ROOT, 'static', 'frontend');
const DKFDS = path.join(NM, 'dkfds', 'dist');

function fail(message) {
  console.error(`build: ERROR: ${message}`);
  process.exit(1);
}

function rel(p) {
  return path.relative(ROOT, p) || '.';
}

// Each group: a label and a list of [source, destination] pairs (files or dirs).
// The DKFDS fonts are taken from the url(...) references in its CSS (below).
const groups = [
  {
    label: 'dkfds css',
    items: [
      [path.join(DKFDS, 'css', 'dkfds.min.css'), 'vendor/dkfds/css/dkfds.min.css'],
      // The CSS ends with a sourceMappingURL comment; ship the map so that
      // ManifestStaticFilesStorage (collectstatic) finds the file it names.
      [path.join(DKFDS, 'css', 'dkfds.min.css.map'), 'vendor/dkfds/css/dkfds.min.css.map'],
    ],
  },
  {
    label: 'dkfds js',
    items: [
      [path.join(DKFDS, 'js', 'dkfds.min.js'), 'vendor/dkfds/js/dkfds.min.js'],
      [path.join(DKFDS, 'js', 'dkfds.min.js.map'), 'vendor/dkfds/js/dkfds.min.js.map'],
    ],
  },
  {
    label: 'dkfds img (icons, sprite all-svg-icons.svg, logos)',
    items: [[path.join(DKFDS, 'img'), 'vendor/dkfds/img']],
  },
  {
    label: 'dkfds licence',
    items: [[path.join(NM, 'dkfds', 'LICENSE.md'), 'vendor/dkfds/LICENSE.md']],
  },
  {
    label: 'htmx',
    items: [
      [path.join(NM, 'htmx.org', 'dist', 'htmx.min.js'), 'vendor/htmx/htmx.min.js'],
      [path.join(NM, 'htmx.org', 'LICENSE'), 'vendor/htmx/LICENSE'],
    ],
  },
  {
    label: 'axe-core',
    items: [
      [path.join(NM, 'axe-core', 'axe.min.js'), 'vendor/axe-core/axe.min.js'],
      [path.join(NM, 'axe-core', 'LICENSE'), 'vendor/axe-core/LICENSE'],
    ],
  },
  {
    label: 'engage css',
    items: [[path.join(ROOT, 'assets', 'css', 'engage.css'), 'css/engage.css']],
  },
  {
    label: 'engage js',
    items: [[path.join(ROOT, 'assets', 'js', 'engage.js'), 'js/engage.js']],
  },
];

// Relative url(...) references of a CSS file (no data:, no absolute URLs, no #fragments),
// with any ?query/#hash stripped.
function cssUrls(cssText) {
  const urls = new Set();
  for (const match of cssText.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g)) {
    const ref = match[2].trim();
    if (/^(data:|[a-z][a-z0-9+.-]*:|\/\/|\/|#)/i.test(ref)) continue;
    urls.add(ref.replace(/[?#].*$/, ''));
  }
  return [...urls].sort();
}

// ---- 1. Check every source before touching the output directory. ------------
if (!fs.existsSync(NM)) {
  fail(`${rel(NM)} is missing: run "npm ci" in ${ROOT} first.`);
}
const missing = groups.flatMap((g) => g.items.map(([src]) => src)).filter((src) => !fs.existsSync(src));
if (missing.length) {
  fail(`source file(s) missing (node_modules files come from "npm ci"):\n  ${missing.map(rel).join("\n  ")}`);
}

// DKFDS fonts: exactly the files its CSS references under ../fonts/.
const dkfdsCss = path.join(DKFDS, 'css', 'dkfds.min.css');
const fontRefs = cssUrls(fs.readFileSync(dkfdsCss, 'utf8')).filter((u) => u.startsWith('../fonts/'));
if (!fontRefs.length) {
  fail(`no ../fonts/ references found in ${rel(dkfdsCss)}: has the DKFDS dist layout changed?`);
}
const fontItems = fontRefs.map((u) => [
  path.resolve(path.dirname(dkfdsCss), u),
  path.posix.join('vendor/dkfds/css', u), // resolves to vendor/dkfds/fonts/...
]);
const missingFonts = fontItems.filter(([src]) => !fs.existsSync(src));
if (missingFonts.length) {
  fail(`font file(s) referenced by DKFDS CSS are missing:\n  ${missingFonts.map(([s]) => rel(s)).join('\n  ')}`);
}
groups.splice(3, 0, { label: 'dkfds fonts (IBM Plex Sans, referenced by the CSS)', items: fontItems });

// ---- 2. Recreate the output directory and copy. ----------------------------
fs.rmSync(OUT, { recursive: true, force: true });

function countFiles(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return { files: 1, bytes: st.size };
  let files = 0;
  let bytes = 0;
  for (const entry of fs.readdirSync(p)) {
    const sub = countFiles(path.join(p, entry));
    files += sub.files;
    bytes += sub.bytes;
  }
  return { files, bytes };
}

// Destination shown for a group: the single item itself, or the deepest common folder.
function commonDir(items) {
  if (items.length === 1) return path.posix.normalize(items[0][1]);
  const parts = items.map(([, d]) => path.posix.normalize(d).split('/').slice(0, -1));
  const common = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0][i]); i++) common.push(parts[0][i]);
  return `${common.join('/')}/`;
}

for (const group of groups) {
  let files = 0;
  let bytes = 0;
  for (const [src, dest] of group.items) {
    const target = path.join(OUT, ...dest.split('/'));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.cpSync(src, target, { recursive: true });
    const counted = countFiles(target);
    files += counted.files;
    bytes += counted.bytes;
  }
  console.log(
    `copied ${group.label}: ${files} file(s), ${(bytes / 1024).toFixed(0)} KiB -> ${rel(OUT)}/${commonDir(group.items)}`,
  );
}

// ---- 3. Every relative url(...) in the copied DKFDS CSS must resolve. -------
const outCss = path.join(OUT, 'vendor', 'dkfds', 'css', 'dkfds.min.css');
const unresolved = cssUrls(fs.readFileSync(outCss, 'utf8')).filter(
  (u) => !fs.existsSync(path.resolve(path.dirname(outCss), u)),
);
if (unresolved.length) {
  fail(`url(...) references in ${rel(outCss)} do not resolve:\n  ${unresolved.join('\n  ')}`);
}
console.log(`checked ${rel(outCss)}: all relative url(...) references resolve`);
