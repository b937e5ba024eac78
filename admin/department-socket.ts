/**
 * The console's socket to one department's Durable Object: a {@link ReconnectingSocket} (the
 * widget's too) whose every attempt carries a new single-use token, so that a retry never
 * presents a token the server has already seen or let expire.
 */
import { PROTOCOL_VERSION } from "../durable-objects/protocol";
import { ReconnectingSocket, type ReconnectingSocketOptions, type SocketState } from "../widget/reconnecting-socket";

export type { SocketState, WebSocketFactory } from "../widget/reconnecting-socket";

export interface DepartmentSocketOptions extends Omit<ReconnectingSocketOptions, "url"> {
  departmentId: string;
  /** Base for socket URLs, e.g. "wss://example.com". */
  origin: string;
  /** A fresh single-use WebSocket token (POST /api/ws-token); a throw counts as a failed attempt. */
  token(): Promise<string>;
  /** Called when `token()` throws; true stops for good (e.g. the session ended). */
  isFatal?(error: unknown): boolean;
}

/** `<origin>/api/ws?token=…&department=…&v=…`: the room's socket for one token. */
export function departmentSocketUrl(origin: string, departmentId: string, token: string): string {
  const params = new URLSearchParams({ token, department: departmentId, v: String(PROTOCOL_VERSION) });
  return `${origin}/api/ws?${params}`;
}

export class DepartmentSocket extends ReconnectingSocket {
  #state: SocketState = "stopped";

  constructor(options: DepartmentSocketOptions) {
    super({
      ...options,
      onState: (state) => {
        this.#state = state;
        options.onState(state);
      },
      url: async () => {
        try {
          return departmentSocketUrl(options.origin, options.departmentId, await options.token());
        } catch (error) {
          if (options.isFatal?.(error)) return null;
          throw error;
        }
      },
    });
  }

  /** The state last reported. */
  get current(): SocketState {
    return this.#state;
  }
}
