// Prints the text of the PDF read from stdin, page by page (unpdf: pdf.js without native
// dependencies), for tests that check what a generated PDF says. Runs as its own process:
// unpdf is an ES module.
import { extractText } from 'unpdf';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const { text } = await extractText(new Uint8Array(Buffer.concat(chunks)), { mergePages: false });
process.stdout.write(text.join('\n\f\n'));
