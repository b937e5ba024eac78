/**
 * The offline form (a Lit reactive controller): the message a customer leaves while nobody is
 * online, sent with `POST /api/widget/offline-messages`, and what the server said.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import { ApiRequestError, sendOfflineMessage, type OfflineMessageRequest } from "./api";
import type { PanelBoot } from "./contract";
import { formFields, pageUrl } from "./form-fields";
import { asCustomer, type KnownCustomer } from "./identity";

/** `form`/`sending`: the form is shown; `sent`: the thanks. */
export type OfflineState = "form" | "sending" | "sent";

export class OfflineController implements ReactiveController {
  state: OfflineState = "form";
  /** An error code from the server ("" when none). */
  error = "";
  #host: ReactiveControllerHost;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * Sends the form: the fields the page did not give, the department fixed by the embed or
   * chosen, and the page's address. The stored customer token, when there is one, links the
   * message to the customer; a stale one must not lose the message, so it is sent again without.
   */
  async submit(boot: PanelBoot, form: HTMLFormElement, known: KnownCustomer, fixed: string | null): Promise<void> {
    if (this.state !== "form") return;
    const field = formFields(form);
    const request: OfflineMessageRequest = {
      account: boot.account,
      departmentId: fixed ?? (field("department") || undefined),
      name: known.skipName ? known.name : field("name"),
      email: known.skipEmail ? known.email : field("email"),
      message: field("message"),
      pageUrl: pageUrl(),
    };
    this.state = "sending";
    this.error = "";
    this.#host.requestUpdate();
    try {
      await asCustomer(boot, (token) => sendOfflineMessage(boot.server, request, token));
      this.state = "sent";
    } catch (error) {
      this.state = "form";
      this.error = error instanceof ApiRequestError ? error.code : "generic";
    }
    this.#host.requestUpdate();
  }
}
