/**
 * Entry of the attendant console (bundled to /admin/app.js). Defines the elements; the page's
 * `<ao-app>` boots the app.
 */
import "./components/ao-app";
