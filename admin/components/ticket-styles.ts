/** Layout of a ticket's page: facts, controls, the thread (notes set apart) and the reply box. */
import { css } from "lit";

export const ticketStyles = css`
  h2 {
    font-size: 1.05rem;
    margin: 1rem 0 0.5rem;
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin-bottom: 0.6rem;
  }
  .facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.2rem 0.8rem;
    margin-bottom: 0.8rem;
    overflow-wrap: anywhere;
  }
  .facts dt {
    color: var(--ao-muted);
  }
  .thread {
    display: grid;
    gap: 0.6rem;
    list-style: none;
    padding: 0;
  }
  .entry {
    padding: 0.6rem 0.8rem;
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
  }
  .entry.reply {
    border-left: 4px solid var(--ao-accent);
  }
  .entry.note {
    border: 1px dashed var(--ao-border-strong);
    background: var(--ao-hover);
  }
  .meta {
    font-size: 0.85rem;
    color: var(--ao-muted);
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
  }
  .meta strong {
    color: var(--ao-text);
  }
  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    margin-top: 0.3rem;
  }
  .delivery {
    font-size: 0.8rem;
    color: var(--ao-muted);
    margin-top: 0.3rem;
  }
  form.reply {
    display: grid;
    gap: 0.5rem;
    margin-top: 1rem;
    padding: 0.8rem;
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
  }
  form.reply.internal {
    border-style: dashed;
    background: var(--ao-hover);
  }
  form.reply textarea {
    width: 100%;
    box-sizing: border-box;
  }
  form.reply button {
    justify-self: start;
  }
  .toggle {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    font-size: 0.95rem;
  }
`;
