/**
 * The console's client for the chat switch of the surfaces we host (docs/API.md "Canais
 * hospedados"): Painel do Cliente, Base de Conhecimento, app Meu Suporte.
 */
import { request } from "./api";
import type { Surface, SurfaceChatSettings, SurfacesResponse } from "../worker/views-surfaces";

export type { Surface, SurfaceChatSettings } from "../worker/views-surfaces";

export const surfacesApi = {
  list: () => request<SurfacesResponse>("GET", "/api/account/surfaces"),
  save: (surface: Surface, body: SurfaceChatSettings) => request<SurfacesResponse>("PUT", `/api/account/surfaces/${encodeURIComponent(surface)}`, body),
};
