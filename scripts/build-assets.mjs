// Builds what the Worker serves as static assets into public/ (gitignored):
// the widget bundles, the console and the demo page. Run by `wrangler dev` (build command),
// `npm start`, `npm test` and `npm run deploy`.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { panelShared } from "./widget-shared.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const target = join(root, "public");
// Built beside public/ and moved in at the end, entry by entry: a running `wrangler dev` (or a
// test) sees at most one entry missing for a moment, never a half-built folder.
const out = join(root, `.public-build-${process.pid}`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// A build stopped halfway (Ctrl+C, a timeout) takes its folder with it; one killed outright
// (SIGKILL) leaves it, and the next build removes the folders of builds no longer running.
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.once(signal, () => {
    rmSync(out, { recursive: true, force: true });
    process.kill(process.pid, signal);
  });
}
for (const entry of readdirSync(root)) {
  const pid = Number(/^\.public-build-(\d+)$/.exec(entry)?.[1]);
  if (pid && pid !== process.pid && !isRunning(pid)) rmSync(join(root, entry), { recursive: true, force: true });
}

function isRunning(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return error.code === "EPERM";
  }
}

/** Each entry: source → served path. Classic scripts (IIFE): they run on any host page. */
const bundles = [
  { in: "widget/loader.ts", out: "widget.js" },
  { in: "widget/panel.ts", out: "widget-panel.js" },
  // The panel's English and Spanish texts: only a page in that language downloads them.
  { in: "widget/lang-en.ts", out: "widget-lang-en.js" },
  { in: "widget/lang-es.ts", out: "widget-lang-es.js" },
  // Parts only some chats use (widget/chunks.ts): the survey's form, the emoji picker.
  { in: "widget/survey-chunk.ts", out: "widget-survey.js" },
  { in: "widget/emoji-chunk.ts", out: "widget-emoji.js" },
  // The customer's upload: only a customer who picks a file downloads it.
  { in: "widget/attach.ts", out: "widget-attach.js" },
  // The offline form (only when nobody is online) and past chats (only for verified customers).
  { in: "widget/offline-chunk.ts", out: "widget-offline.js" },
  { in: "widget/history-chunk.ts", out: "widget-history.js" },
  // The end of a chat (who closed it, survey, transcript by e-mail): fetched while a chat is on.
  { in: "widget/closed-chunk.ts", out: "widget-closed.js" },
  // The live chat (controller, socket, message views): fetched when the panel shows, needed
  // once a chat exists; Lit and a few panel modules come from the panel (widget-shared.mjs).
  { in: "widget/chat-chunk.ts", out: "widget-chat.js", shared: true },
  { in: "admin/main.ts", out: "admin/app.js" },
  // The app Meu Suporte (/app/<key>/); its service worker is built below, after it.
  { in: "app/main.ts", out: "app/app.js" },
].filter((b) => existsSync(join(root, b.in)));

/**
 * Lit templates keep the source's indentation inside their literals (esbuild leaves template
 * contents alone). In the minified output a raw newline only occurs inside a template literal,
 * and for HTML and CSS a newline plus indentation means the same as one space. The widget is
 * paid on every page view, so it gets this squeeze.
 */
const squeezeTemplates = {
  name: "squeeze-templates",
  setup(pluginBuild) {
    pluginBuild.onEnd((result) => {
      for (const file of result.outputFiles ?? []) {
        if (!file.path.endsWith(".js")) continue;
        const text = file.text.replace(/\n\s+/g, " ");
        writeFileSync(file.path, text);
      }
    });
  },
};

/**
 * The panel's stylesheet (one css`` literal without interpolations) loses the spaces CSS does
 * not need: after `property:`, around `{ } ; ,` and before `!important`. Spaces before a `:` or
 * `[` are kept, since in a selector they are the descendant combinator.
 */
const squeezeCss = {
  name: "squeeze-css",
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /widget[\\/]styles\.ts$/ }, async (args) => {
      const source = readFileSync(args.path, "utf8");
      const contents = source.replace(/css`([^`$]*)`/, (_, text) =>
        "css`" +
        text
          .replace(/\/\*[^]*?\*\//g, "")
          .replace(/\s+/g, " ")
          .replace(/\s*([{};,])\s*/g, "$1")
          .replace(/([a-z-]):\s+/g, "$1:")
          .replace(/\s+!important/g, "!important")
          .replace(/;}/g, "}")
          .trim() +
        "`",
      );
      return { contents, loader: "ts" };
    });
  },
};

await Promise.all(
  bundles.map((b) =>
    build({
      write: !b.out.startsWith("widget"),
      plugins: b.out.startsWith("widget") ? [...(b.shared ? [panelShared(root)] : []), squeezeCss, squeezeTemplates] : [],
      entryPoints: [join(root, b.in)],
      outfile: join(out, b.out),
      bundle: true,
      minify: true,
      format: "iife",
      target: "es2022",
      legalComments: "none",
      logLevel: "warning",
    }),
  ),
);

// The app Meu Suporte: its style sheet, then its service worker, whose cache is named after a
// hash of the app's files, so a new build replaces what phones keep offline.
if (existsSync(join(root, "app", "sw.ts"))) {
  mkdirSync(join(out, "app"), { recursive: true });
  await build({ entryPoints: [join(root, "app", "app.css")], outfile: join(out, "app", "app.css"), bundle: true, minify: true, logLevel: "warning" });
  const hash = createHash("sha256");
  for (const file of ["app.js", "app.css"]) hash.update(readFileSync(join(out, "app", file)));
  await build({
    entryPoints: [join(root, "app", "sw.ts")],
    outfile: join(out, "app", "sw.js"),
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2022",
    legalComments: "none",
    logLevel: "warning",
    define: { __APP_VERSION__: JSON.stringify(hash.digest("hex").slice(0, 16)) },
  });
}

// Static pages: demo/ → /, admin/*.html → /admin/...
cpSync(join(root, "demo"), out, { recursive: true });
for (const file of readdirSync(join(root, "admin"))) {
  if (file.endsWith(".html") || file.endsWith(".css") || file.endsWith(".webmanifest")) {
    mkdirSync(join(out, "admin"), { recursive: true });
    cpSync(join(root, "admin", file), join(out, "admin", file));
  }
}

// Swap the new files in without replacing the folder itself: a running `wrangler dev` keeps
// serving public/ by that folder, and answers 500 to every asset once it is removed.
mkdirSync(target, { recursive: true });
const fresh = new Set(readdirSync(out));
for (const entry of readdirSync(target)) if (!fresh.has(entry)) rmSync(join(target, entry), { recursive: true, force: true });
for (const entry of fresh) {
  rmSync(join(target, entry), { recursive: true, force: true });
  renameSync(join(out, entry), join(target, entry));
}
rmSync(out, { recursive: true, force: true });
