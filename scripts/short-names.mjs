// Rewrites wasm-bindgen's glue for a module whose imports, exports and
// import module `wasm-opt --minify-imports-and-exports-and-modules` renamed.
//
// wasm-bindgen names each import after its JS function plus a hash, and the
// glue spells every name again (8 KB of names in the widget's wasm alone,
// which gzip barely shrinks). wasm-opt renames them to one or two letters
// and prints the map; this applies the same map to the glue. It refuses
// (throws) unless every import and every export the glue uses is renamed,
// so a change in wasm-bindgen's output fails the build rather than the page.
// An import the glue defines and the map does not name is one the module
// no longer has (scripts/trap-throws.mjs made it the module's own, or
// wasm-opt found it unused): its function goes.

/**
 * `glue` is wasm-bindgen's `--target no-modules` output; `names` the map
 * wasm-opt printed (`{ imports: [[module, from, to]], exports: [[from, to]] }`);
 * `newModule` the import module's name in the renamed wasm.
 */
export function shortenNames(glue, names, newModule) {
  const oldModules = new Set(names.imports.map(([module]) => module));
  if (oldModules.size !== 1) throw new Error(`expected one import module, found ${[...oldModules].join(', ')}`);
  const [oldModule] = oldModules;

  const imports = new Map(names.imports.map(([, from, to]) => [from, to]));
  const renamedImports = new Set();
  const unimported = /^( +)(__wbg_[\w$]*): function\([^)]*\) \{\n(?:\1 .*\n)*?\1\},\n/gm;
  let out = glue.replace(unimported, (whole, indent, name) => (imports.has(name) ? whole : ''));
  out = out.replace(/^( +)([A-Za-z_$][\w$]*): function\(/gm, (whole, indent, name) => {
    if (!imports.has(name)) return whole;
    if (renamedImports.has(name)) throw new Error(`the glue defines import ${name} twice`);
    renamedImports.add(name);
    return `${indent}${imports.get(name)}: function(`;
  });
  const missing = [...imports.keys()].filter((name) => !renamedImports.has(name));
  if (missing.length) throw new Error(`imports not found in the glue: ${missing.join(', ')}`);

  const moduleKey = `${JSON.stringify(oldModule)}: import0`;
  if (out.split(moduleKey).length !== 2) throw new Error(`the glue does not name its import module once as ${moduleKey}`);
  out = out.replace(moduleKey, `${JSON.stringify(newModule)}: import0`);

  const exports = new Map(names.exports);
  out = out.replace(/\bwasm\.([A-Za-z_$][\w$]*)/g, (whole, name) => {
    if (!exports.has(name)) throw new Error(`the glue uses wasm.${name}, which the map does not rename`);
    return `wasm.${exports.get(name)}`;
  });
  if (/\bwasm\[/.test(out)) throw new Error('the glue reaches an export by a computed name');
  return out;
}
