/**
 * Tables of the Gestão pages (Clientes, Auditoria): header cells and a caption on wide screens;
 * on phones each row becomes a stacked card whose cells carry their column name (`data-label`),
 * so nothing scrolls sideways (a cell's content must then be one element or one text). The tables also carry explicit ARIA table roles, since some
 * browsers drop a table's semantics once its parts are no longer `display: table-*`.
 */
import { css } from "lit";

export const tableStyles = css`
  table {
    width: 100%;
    border-collapse: collapse;
    background: var(--ao-surface);
    border: 1px solid var(--ao-border);
    border-radius: var(--ao-radius);
    table-layout: auto;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0 0 0.4rem;
  }
  th,
  td {
    text-align: left;
    vertical-align: top;
    padding: 0.5rem 0.6rem;
    border-bottom: 1px solid var(--ao-border);
    overflow-wrap: anywhere;
  }
  th {
    font-size: 0.8rem;
    color: var(--ao-muted);
    font-weight: 600;
    white-space: nowrap;
  }
  tbody tr:last-child td {
    border-bottom: none;
  }
  td.nowrap {
    white-space: nowrap;
  }
  @media (max-width: 40rem) {
    table,
    tbody,
    tr,
    td {
      display: block;
      width: 100%;
    }
    table {
      border: none;
      background: none;
    }
    thead {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
    tbody tr {
      background: var(--ao-surface);
      border: 1px solid var(--ao-border);
      border-radius: var(--ao-radius);
      padding: 0.4rem 0;
      margin-bottom: 0.5rem;
    }
    td,
    tbody tr:last-child td {
      display: grid;
      grid-template-columns: minmax(6rem, 35%) minmax(0, 1fr);
      justify-items: start;
      gap: 0.6rem;
      border: none;
      padding: 0.2rem 0.7rem;
    }
    td.nowrap {
      white-space: normal;
    }
    td::before {
      content: attr(data-label);
      color: var(--ao-muted);
      font-size: 0.8rem;
    }
  }
`;
