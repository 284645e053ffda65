// Trunk post_build hook: write the Content-Security-Policy into the built
// page, and check that the header `trunk serve` sends (Trunk.toml) is the
// same policy, so the two can never drift apart.
//
// The policy allows nothing but the app's own files: scripts from 'self'
// plus the one inline module loader Trunk writes (by its sha256, computed
// here from the built page), WebAssembly compilation ('wasm-unsafe-eval'),
// fetches to 'self' (the .wasm), styles and images from 'self', workers from
// 'self'. frame-ancestors only works as a header, so the <meta> leaves it out.
//
// Also writes dist/_headers (Netlify / Cloudflare Pages format) with the full
// header policy, for static hosting.

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';

export function policyFor(html) {
  const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]);
  const hashes = inline.map((body) => `'sha256-${crypto.createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  const meta = [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "connect-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'none'",
    "worker-src 'self'",
    "manifest-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  return { meta, header: `${meta}; frame-ancestors 'none'` };
}

/** The Content-Security-Policy header Trunk.toml's [serve.headers] sends. */
export function trunkTomlPolicy(root) {
  const toml = fs.readFileSync(path.join(root, 'Trunk.toml'), 'utf8');
  const m = toml.match(/^"Content-Security-Policy"\s*=\s*"(.*)"\s*$/m);
  return m ? m[1] : null;
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
  const dir = process.env.TRUNK_STAGING_DIR ?? path.join(root, 'dist');
  const file = path.join(dir, 'index.html');
  let html = fs.readFileSync(file, 'utf8');
  html = html.replace(/\s*<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
  const { meta, header } = policyFor(html);
  const tag = `<meta http-equiv="Content-Security-Policy" content="${meta}">`;
  if (!/<head>/.test(html)) {
    console.error(`csp.mjs: no <head> in ${file}`);
    process.exit(1);
  }
  // First thing in <head>: the policy covers everything after it.
  html = html.replace('<head>', `<head>\n  ${tag}`);
  fs.writeFileSync(file, html);
  fs.writeFileSync(path.join(dir, '_headers'), `/*\n  Content-Security-Policy: ${header}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Permissions-Policy: camera=(), microphone=(), geolocation=()\n`);
  const served = trunkTomlPolicy(root);
  if (served !== header) {
    console.error('csp.mjs: the Content-Security-Policy in Trunk.toml [serve.headers] differs from the built page.');
    console.error(`  Trunk.toml: ${served}`);
    console.error(`  built page: ${header}`);
    console.error('  Put the built page\'s policy into Trunk.toml (the inline loader changed).');
    process.exit(1);
  }
  console.log(`csp.mjs: policy written (${header.length} chars)`);
}
