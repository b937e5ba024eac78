/**
 * Layout shared by Gestão's people pages (Departamentos, Atendentes, Meu perfil, the invitation):
 * a list of rows that stacks on phones, the detail form with its back link and save bar,
 * switches, status badges and the inline form messages.
 */
import { css } from "lit";

export const peopleStyles = css`
  .top {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.6rem;
    margin-bottom: 0.8rem;
  }
  .top h1 {
    margin: 0;
  }
  a.button {
    display: inline-block;
    border: 1px solid var(--ao-accent);
    border-radius: var(--ao-radius);
    background: var(--ao-accent);
    color: var(--ao-on-accent);
    padding: 0.4rem 0.8rem;
    text-decoration: none;
  }
  a.button:hover {
    background: var(--ao-accent-strong);
  }
  .back {
    display: inline-block;
    margin-bottom: 0.6rem;
  }
  .rows > li {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(0, 3fr) auto;
    gap: 0.3rem 1rem;
    align-items: center;
    padding: 0.6rem 0.8rem;
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
  }
  .badges {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    justify-content: flex-end;
  }
  .badge.ok {
    /* Darker than the presence dot's green: white small text needs 4.5:1. */
    background: #137333;
    color: #fff;
  }
  .badge.off {
    background: var(--ao-offline);
    color: var(--ao-text);
  }
  .badge.warn {
    background: var(--ao-warning-bg);
    color: var(--ao-text);
    border: 1px solid var(--ao-border-strong);
  }
  .field input:not([type="checkbox"]):not([type="radio"]),
  .field select,
  .field textarea {
    width: 100%;
    max-width: 36rem;
  }
  .choices {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem 1.2rem;
  }
  .choices label,
  label.check {
    display: inline-flex;
    align-items: center;
    gap: 0.4rem;
    font-size: 0.95rem;
  }
  input[type="checkbox"],
  input[type="radio"] {
    width: 1.1rem;
    height: 1.1rem;
    margin: 0;
    accent-color: var(--ao-accent);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.8rem;
    margin-top: 0.4rem;
  }
  .form-message {
    margin: 0;
  }
  .panel {
    border: 1px solid var(--ao-online);
    border-radius: var(--ao-radius);
    background: var(--ao-surface);
    padding: 0.8rem 0.9rem;
    margin-bottom: 1rem;
    display: grid;
    gap: 0.6rem;
  }
  .panel h2 {
    text-transform: none;
    letter-spacing: normal;
    font-size: 1.05rem;
    color: var(--ao-text);
    margin: 0;
  }
  @media (max-width: 700px) {
    .rows > li {
      grid-template-columns: minmax(0, 1fr);
    }
    .badges {
      justify-content: flex-start;
    }
  }
`;
