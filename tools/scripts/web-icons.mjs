// Renders the web app's PNG icons from their SVG sources (apps/web/public/icons): the "any" icons
// with rounded corners, and the maskable ones, full-bleed with the mark inside the 80 % safe zone
// that Android's icon masks keep. Run after changing an SVG: `node tools/scripts/web-icons.mjs`.
import { join } from 'node:path';
import sharp from 'sharp';
import { root } from './processes.mjs';

const icons = join(root, 'apps/web/public/icons');
const renders = [
  { source: 'icon.svg', size: 192, file: 'icon-192.png' },
  { source: 'icon.svg', size: 512, file: 'icon-512.png' },
  { source: 'icon-maskable.svg', size: 192, file: 'icon-maskable-192.png' },
  { source: 'icon-maskable.svg', size: 512, file: 'icon-maskable-512.png' },
];
for (const { source, size, file } of renders) {
  await sharp(join(icons, source), { density: (72 * size) / 512 })
    .resize(size, size)
    .png({ compressionLevel: 9 })
    .toFile(join(icons, file));
  console.log(`[icons] ${file} (${size} × ${size}) from ${source}`);
}
