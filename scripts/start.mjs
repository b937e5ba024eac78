// `npm start`: local D1 migrated and seeded with the demo account, then `wrangler dev` on
// http://127.0.0.1:8787 (rebuilding the widget and console on change). Safe to run again.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { demoLogins } from "./demo-seed.mjs";
import { prepareDatabase, root, startLocalServer } from "./local-server.mjs";
import { choosePort, stopOnSignals } from "./lifecycle.mjs";

// Before anything else, so that a busy port is said at once and not after the migrations.
const port = await choosePort();
// `PERSIST_TO`: a state directory other than .wrangler/ (wrangler's `--persist-to`), e.g. for a test.
const persistTo = process.env.PERSIST_TO || undefined;

const devVars = join(root, ".dev.vars");
if (!existsSync(devVars)) {
  // The secret that signs customer and socket tokens; kept so that tokens survive restarts.
  writeFileSync(devVars, `TOKEN_SECRET=${randomBytes(32).toString("hex")}\n`);
}
if (!readFileSync(devVars, "utf8").includes("EMAIL_SECRET=")) {
  // Encrypts the SMTP passwords saved in the e-mail settings; kept so that they stay readable.
  appendFileSync(devVars, `EMAIL_SECRET=${randomBytes(32).toString("hex")}\n`);
}

console.log("Applying D1 migrations and seeding the demo account…");
prepareDatabase(persistTo);
const server = await startLocalServer({ port, persistTo, inherit: true, onSpawn: stopOnSignals });
console.log(`
Atendimento Online is running on ${server.url}
  ${server.url}/            demo page with the chat widget
  ${server.url}/admin/      attendant console
  ${server.url}/signup      sign-up of a new company (Cadastro)
  ${server.url}/p/demo-public-key/    Painel do Cliente (customer panel)
  ${server.url}/kb/demo-public-key/   Base de Conhecimento (knowledge base)
  ${server.url}/app/demo-public-key/  app Meu Suporte (installable on a phone)
  ${server.url}/widget.js   embed script
  ${server.url}/api/health  health check

Demo logins (role, e-mail, password):
${demoLogins()}

Press Ctrl+C to stop.`);
