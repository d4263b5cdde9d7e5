// What the page logs and how its wasm compiles, for report.js.
window.__record = { log: [], modules: [], asynchronous: 0 };
for (const level of ['warn', 'error']) {
  const original = console[level];
  console[level] = (...args) => {
    window.__record.log.push(`${level}: ${args.map(String).join(' ')}`);
    original.apply(console, args);
  };
}
addEventListener('error', (event) => window.__record.log.push(`uncaught: ${event.message}`));
addEventListener('unhandledrejection', (event) => window.__record.log.push(`unhandled rejection: ${event.reason}`));
document.addEventListener('securitypolicyviolation', (event) => window.__record.log.push(`CSP: ${event.violatedDirective} ${event.blockedURI}`));
const Module = WebAssembly.Module;
WebAssembly.Module = function (bytes) {
  window.__record.modules.push(bytes.length);
  return new Module(bytes);
};
WebAssembly.Module.prototype = Module.prototype;
for (const name of ['compile', 'instantiate', 'compileStreaming', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = function (...args) {
    window.__record.asynchronous += 1;
    return original.apply(this, args);
  };
}
