// Prints the text of the PDF file named by the first argument, pages joined: run in a process of
// its own because unpdf's PDF.js build is an ES module, which Jest's CommonJS tests cannot import.
import { readFile } from 'node:fs/promises';
import { extractText, getDocumentProxy } from 'unpdf';

const data = new Uint8Array(await readFile(process.argv[2]));
const { text } = await extractText(await getDocumentProxy(data), { mergePages: true });
process.stdout.write(text);
