import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/** The text a PDF parser (unpdf, PDF.js) extracts from these bytes, every page's. */
export async function pdfText(data: Buffer): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'promoto-pdf-'));
  try {
    const file = join(folder, 'document.pdf');
    await writeFile(file, data);
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'pdf-text.mjs'), file]);
    return stdout;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
