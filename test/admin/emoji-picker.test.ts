import { describe, expect, it } from "vitest";
import { COLUMNS, EMOJI, moveIndex } from "../../admin/components/ao-emoji-picker";

describe("the emoji picker's keyboard", () => {
  it("moves by one across and by a row up and down, never out of the grid", () => {
    expect(moveIndex("ArrowRight", 0, EMOJI.length)).toBe(1);
    expect(moveIndex("ArrowLeft", 0, EMOJI.length)).toBe(0);
    expect(moveIndex("ArrowDown", 2, EMOJI.length)).toBe(2 + COLUMNS);
    expect(moveIndex("ArrowUp", 2, EMOJI.length)).toBe(0);
    expect(moveIndex("ArrowDown", EMOJI.length - 2, EMOJI.length)).toBe(EMOJI.length - 1);
    expect(moveIndex("End", 3, EMOJI.length)).toBe(EMOJI.length - 1);
    expect(moveIndex("Home", 7, EMOJI.length)).toBe(0);
    expect(moveIndex("a", 3, EMOJI.length)).toBeNull();
  });
});
