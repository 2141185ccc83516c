#!/usr/bin/env node
// Draws the app's install icons (client/public/icons/*.png) with Debian's Chromium and its CJK font:
// `node scripts/make-icons.mjs`. The PNGs are committed; run this again only to change the design.
// "any" icons have rounded corners on a transparent ground; "maskable" ones fill the square and keep
// the mark inside the central 80 % circle that Android's masks leave visible.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const out = fileURLToPath(new URL('../client/public/icons/', import.meta.url));
mkdirSync(out, { recursive: true });

const page = (size, maskable) => `<!doctype html><html><body style="margin:0;background:transparent">
<div style="width:${size}px;height:${size}px;display:flex;align-items:center;justify-content:center;
  background:#b71c1c;border-radius:${maskable ? 0 : size * 0.18}px;color:#fff;
  font-family:'WenQuanYi Zen Hei','Noto Sans CJK SC',sans-serif;font-weight:700;
  font-size:${Math.round(size * (maskable ? 0.3 : 0.38))}px;letter-spacing:0">精准</div></body></html>`;

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['maskable-512.png', 512, true], ['apple-touch-icon.png', 180, true]]) {
  const tab = await browser.newPage({ viewport: { width: size, height: size } });
  await tab.setContent(page(size, maskable));
  await tab.screenshot({ path: join(out, name), omitBackground: true });
  await tab.close();
}
await browser.close();
