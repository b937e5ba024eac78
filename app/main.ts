/**
 * `/app/app.js`: the app Meu Suporte. Defines `<ms-app>` (the shell page has one) and registers
 * the service worker at the app's own path, so its scope is exactly `/app/<key>/`.
 */
import "./components/ms-app";

const base = document.querySelector("ms-app")?.getAttribute("base");
if (base && "serviceWorker" in navigator) {
  // After load: the first visit's own requests come first.
  addEventListener("load", () => {
    navigator.serviceWorker.register(`${base}sw.js`, { scope: base }).catch((error: unknown) => console.warn("Meu Suporte: no offline mode", error));
  });
}
