// esbuild plugin for `/widget-chat.js` (widget/chat-chunk.ts): its imports of Lit and of the
// panel modules listed in widget/panel-shared.ts resolve to what `/widget-panel.js` published
// on `__tomticketChunks.shared` (the panel always runs first), not to a second bundled copy.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What widget/panel-shared.ts publishes, read from its source (one `"path": { names },` line
 * each), so the list lives in one place: import path → exported names.
 * @param {string} root the repository's root
 * @returns {Map<string, string[]>}
 */
function sharedModules(root) {
  const source = readFileSync(join(root, "widget", "panel-shared.ts"), "utf8");
  const object = source.slice(source.indexOf("shared = {"));
  return new Map([...object.matchAll(/^\s+"?([\w./-]+)"?: \{([\w, ]+)\},$/gm)].map((m) => [m[1], m[2].split(",").map((n) => n.trim())]));
}

/**
 * Each shared import becomes a module of named exports read from the panel's object, so an
 * import of a name the panel does not publish fails the build ("No matching export").
 * @param {string} root the repository's root
 * @returns {import("esbuild").Plugin}
 */
export function panelShared(root) {
  const modules = sharedModules(root);
  const widget = join(root, "widget");
  return {
    name: "panel-shared",
    setup(build) {
      build.onResolve({ filter: /^(lit|\.\/[\w-]+)$/ }, (args) =>
        modules.has(args.path) && args.importer.startsWith(widget) ? { path: args.path, namespace: "panel-shared" } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: "panel-shared" }, (args) => ({
        contents: `export const { ${modules.get(args.path).join(", ")} } = globalThis.__tomticketChunks.shared[${JSON.stringify(args.path)}];`,
        loader: "js",
      }));
    },
  };
}
