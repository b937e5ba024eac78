/**
 * The satisfaction survey's one serializer to the wire, and the read used by the console's
 * chat detail. Writes live in routes/widget-survey.ts.
 */
import { and, eq } from "drizzle-orm";
import { database } from "./db/client";
import { chatSurveys } from "./db/schema";
import type { ChatSurvey } from "./views";

export function toChatSurvey(row: typeof chatSurveys.$inferSelect): ChatSurvey {
  return { solved: row.solved, grade: row.grade, comment: row.comment, createdAt: row.createdAt };
}

/** The answer for one chat of the account, or null. */
export async function surveyOfChat(db: D1Database, accountId: string, chatId: string): Promise<ChatSurvey | null> {
  const row = await database(db)
    .select()
    .from(chatSurveys)
    .where(and(eq(chatSurveys.chatId, chatId), eq(chatSurveys.accountId, accountId)))
    .get();
  return row ? toChatSurvey(row) : null;
}
