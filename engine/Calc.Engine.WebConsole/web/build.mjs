// Bundles the console into OUT (default dist/): console.js (src/main.js and uPlot, minified),
// console.css (uPlot's stylesheet and ours) and index.html. Called by Calc.Engine.WebConsole.csproj.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2] ?? 'dist';
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js'], bundle: true, minify: true, format: 'iife',
  target: 'es2020', outfile: join(out, 'console.js'), legalComments: 'none', logLevel: 'warning',
});
const css = readFileSync('node_modules/uplot/dist/uPlot.min.css', 'utf8') + '\n' + readFileSync('src/style.css', 'utf8');
writeFileSync(join(out, 'console.css'), css);
copyFileSync('src/index.html', join(out, 'index.html'));
