#!/usr/bin/env node
// Draws Ferry's icons as PNG files with nothing but zlib: the app icon (512 px)
// and the tray images for idle / syncing / attention (16 and 32 px, plus @2x
// names macOS and Electron pick up). Run: node build/make-icons.mjs
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) {
      // 4x4 supersampling for smooth edges at 16 px
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
        const [pr, pg, pb, pa] = pixel((x + (sx + 0.5) / 4) / size, (y + (sy + 0.5) / 4) / size);
        r += pr * pa; g += pg * pa; b += pb * pa; a += pa;
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / 16) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0; // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const WHITE = hex('#ffffff');
const COLORS = { idle: hex('#1f6feb'), syncing: hex('#1a7f37'), attention: hex('#d1242f') };

/** The boat: a hull (trapezoid) and a cabin, in unit coordinates centred on the icon. */
function boat(u, v) {
  const hull = v > 0.56 && v < 0.68 && u > 0.24 + (v - 0.56) * 0.9 && u < 0.76 - (v - 0.56) * 0.9;
  const cabin = v > 0.42 && v <= 0.56 && u > 0.38 && u < 0.62;
  const mast = v > 0.3 && v <= 0.42 && u > 0.48 && u < 0.52;
  return hull || cabin || mast;
}
function wave(u, v) {
  const y = 0.76 + 0.025 * Math.sin(u * Math.PI * 6);
  return Math.abs(v - y) < 0.025 && u > 0.2 && u < 0.8;
}
function bang(u, v) {
  const bar = u > 0.44 && u < 0.56 && v > 0.2 && v < 0.6;
  const dot = (u - 0.5) ** 2 + (v - 0.72) ** 2 < 0.07 ** 2;
  return bar || dot;
}

function appIcon(u, v) {
  // rounded square
  const r = 0.2, m = 0.04;
  const dx = Math.max(m + r - u, 0, u - (1 - m - r));
  const dy = Math.max(m + r - v, 0, v - (1 - m - r));
  if (dx * dx + dy * dy > r * r) return [0, 0, 0, 0];
  if (boat(u, v) || wave(u, v)) return [...WHITE, 1];
  return [...COLORS.idle, 1];
}

function trayIcon(state) {
  return (u, v) => {
    if ((u - 0.5) ** 2 + (v - 0.5) ** 2 > 0.48 ** 2) return [0, 0, 0, 0];
    const mark = state === 'attention' ? bang(u, v) : boat(u, v) || wave(u, v);
    return mark ? [...WHITE, 1] : [...COLORS[state], 1];
  };
}

const out = (name, buf) => fs.writeFileSync(path.join(here, name), buf);
out('icon.png', png(512, appIcon));
for (const state of ['idle', 'syncing', 'attention']) {
  out(`tray-${state}-16.png`, png(16, trayIcon(state)));
  out(`tray-${state}-32.png`, png(32, trayIcon(state)));
  // Electron loads "name@2x.png" automatically on high-DPI screens
  out(`tray-${state}.png`, png(16, trayIcon(state)));
  out(`tray-${state}@2x.png`, png(32, trayIcon(state)));
}
const publicDir = path.join(here, '..', 'renderer', 'public');
fs.mkdirSync(publicDir, { recursive: true });
fs.writeFileSync(path.join(publicDir, 'favicon.png'), png(32, trayIcon('idle')));
console.log('Wrote build/icon.png, build/tray-{idle,syncing,attention}{-16,-32,,@2x}.png and renderer/public/favicon.png');
