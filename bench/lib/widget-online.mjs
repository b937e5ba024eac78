// An attendant online for the widget's traced load with the pre-chat form: Ana (Suporte) signs
// in through the API and opens her department socket, as the console does, so the widget's
// configuration shows Suporte online and a click on the launcher draws the chat's form instead
// of the offline one. Her socket is closed afterwards, also on errors.
import { closeAll, login, openSocket, setOnline, wsToken } from "./clients.mjs";
import { DEMO } from "../../scripts/demo-seed.mjs";

const DEPARTMENT = "dep-suporte";
/** Bound on waiting for the configuration to show her online. */
const ONLINE_TIMEOUT_MS = 15_000;

/**
 * Runs `run` while Ana is online in Suporte on the app at `server` (http://127.0.0.1:PORT) and
 * the widget's configuration says so; resolves to what `run` resolves to.
 * @template T
 * @param {string} server
 * @param {() => Promise<T>} run
 * @returns {Promise<T>}
 */
export async function withAttendantOnline(server, run) {
  const ana = DEMO.attendants.find((a) => a.departments.includes(DEPARTMENT));
  const attendant = await login(server, ana.email, ana.password);
  if (attendant.chatStatus !== "online") await setOnline(server, attendant);
  const token = await wsToken(server, attendant);
  const ws = await openSocket(`${server.replace(/^http/, "ws")}/api/ws?token=${encodeURIComponent(token)}&department=${DEPARTMENT}&v=1`);
  try {
    const deadline = Date.now() + ONLINE_TIMEOUT_MS;
    for (;;) {
      const config = await (await fetch(`${server}/api/widget/config?account=${DEMO.publicKey}&lang=&compact=1`)).json();
      if (config.departments?.some((d) => d.id === DEPARTMENT && d.online)) break;
      if (Date.now() > deadline) throw new Error("the widget's configuration never showed Suporte online");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return await run();
  } finally {
    await closeAll([ws]);
  }
}
