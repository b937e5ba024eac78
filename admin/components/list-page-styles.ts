/**
 * Layout shared by the console's paged list pages ("Histórico", "Mensagens Offline"): a centred
 * column, the filter form, name / muted line / date cells, the pager and the error line.
 */
import { css } from "lit";

export const listPageStyles = css`
  :host {
    display: block;
    padding: 1rem;
    max-width: 60rem;
    margin: 0 auto;
  }
  h1 {
    font-size: 1.3rem;
    margin-bottom: 0.8rem;
  }
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: flex-end;
    margin-bottom: 1rem;
  }
  label {
    display: grid;
    gap: 0.2rem;
    font-size: 0.85rem;
  }
  ul {
    display: grid;
    gap: 0.4rem;
  }
  .name {
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .line {
    font-size: 0.85rem;
    color: var(--ao-muted);
    overflow-wrap: anywhere;
  }
  .when {
    text-align: right;
    font-size: 0.85rem;
  }
  .pager {
    display: flex;
    align-items: center;
    justify-content: center;
    gap: 1rem;
    margin-top: 1rem;
  }
  .error {
    color: var(--ao-danger);
  }
`;
