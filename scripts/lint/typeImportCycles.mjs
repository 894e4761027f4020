// ESLint rule: no import cycle that runs through an `import type`.
//
// import-x/no-cycle follows value imports only (a type import is erased at run time, so it
// cannot break module evaluation), yet a loop of type imports still ties two files into one
// unit that cannot be read, tested or moved apart. This rule builds the whole import graph of
// the linted tree once per run, type imports included, and reports each import whose two
// files sit in one strongly connected component of that graph but not of the value-only
// graph: those are exactly the cycles import-x/no-cycle leaves unreported.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const ts = require('typescript');

/** A relative specifier of `from` → the file it names (`.js` written for a `.ts` source). */
export const resolveSpecifier = (from, spec) => {
  const abs = path.resolve(path.dirname(from), spec);
  const candidates = [abs.replace(/\.js$/, '.ts'), abs.replace(/\.js$/, '.tsx'), abs.replace(/\.mjs$/, '.mts'), abs, `${abs}.ts`, `${abs}/index.ts`];
  return candidates.find((c) => /\.(m?[jt]sx?)$/.test(c) && existsSync(c)) ?? null;
};

const allTypeElements = (elements) => elements !== undefined && elements.length > 0 && elements.every((e) => e.isTypeOnly);

/** Relative imports of one file, each with whether it is erased at run time (type-only). */
const edgesOf = (file) => {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out = [];
  const add = (spec, typeOnly) => {
    if (!spec || !ts.isStringLiteral(spec) || !spec.text.startsWith('.')) return;
    const target = resolveSpecifier(file, spec.text);
    if (target) out.push({ target, typeOnly });
  };
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const typeOnly = c !== undefined && (c.isTypeOnly || (!c.name && c.namedBindings !== undefined && ts.isNamedImports(c.namedBindings) && allTypeElements(c.namedBindings.elements)));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const typeOnly = node.isTypeOnly || (node.exportClause !== undefined && ts.isNamedExports(node.exportClause) && allTypeElements(node.exportClause.elements));
      add(node.moduleSpecifier, typeOnly);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
};

/** Tarjan's strongly connected components; returns file → component id. */
const components = (graph) => {
  let index = 0;
  const idx = new Map();
  const low = new Map();
  const onStack = new Set();
  const stack = [];
  const comp = new Map();
  let next = 0;
  const strong = (v) => {
    idx.set(v, index);
    low.set(v, index);
    index++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        strong(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
    }
    if (low.get(v) === idx.get(v)) {
      let w;
      const id = next++;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.set(w, id);
      } while (w !== v);
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) strong(v);
  return comp;
};

let cache = null;
/** Both graphs over every file reachable from `start`, built once per lint run. */
const graphsFrom = (start) => {
  if (cache?.has(start)) return cache;
  const all = new Map();
  const values = new Map();
  const todo = [start];
  const seen = new Set(cache ? cache.files : []);
  if (cache) for (const [k, v] of cache.all) all.set(k, v);
  if (cache) for (const [k, v] of cache.values) values.set(k, v);
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const edges = edgesOf(f);
    all.set(f, edges.map((e) => e.target));
    values.set(f, edges.filter((e) => !e.typeOnly).map((e) => e.target));
    for (const e of edges) if (!seen.has(e.target)) todo.push(e.target);
  }
  const allComp = components(all);
  const valueComp = components(values);
  cache = { files: seen, all, values, allComp, valueComp, has: (f) => seen.has(f) };
  return cache;
};

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Disallow import cycles that pass through type-only imports (import-x/no-cycle skips them)' },
    schema: [],
    messages: { cycle: 'Import cycle through a type import: {{target}} imports this file back, directly or not. Move the shared type to the file both depend on.' },
  },
  create(context) {
    const file = context.filename;
    const g = graphsFrom(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = resolveSpecifier(file, spec);
      if (!target) return;
      const a = g.allComp.get(file);
      if (a === undefined || a !== g.allComp.get(target)) return;
      if (g.valueComp.get(file) === g.valueComp.get(target)) return; // import-x/no-cycle reports it
      context.report({ node, messageId: 'cycle', data: { target: path.relative(process.cwd(), target) } });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
    };
  },
};
